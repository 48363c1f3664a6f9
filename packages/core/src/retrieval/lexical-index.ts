import MiniSearch from 'minisearch';
import { createTokenizer, type Tokenizer } from './tokenize.js';

export interface LexicalDocument {
  /** Index of the owning item (FAQ entry or intent). */
  owner: number;
  text: string;
}

export interface LexicalHit {
  owner: number;
  /** BM25 score of the best document of this owner. */
  score: number;
  /** Share of the query's distinct terms that matched (0..1). */
  coverage: number;
}

/**
 * BM25 search over short documents (FAQ phrasings, intent examples) with MiniSearch, grouped by
 * owner. Built in milliseconds from the config, so it is never stored in the compiled index.
 */
export class LexicalIndex {
  private readonly _search: MiniSearch<{ id: number; owner: number; text: string }>;
  private readonly _tokenize: Tokenizer;

  constructor(documents: readonly LexicalDocument[], language: string) {
    this._tokenize = createTokenizer(language);
    this._search = new MiniSearch({
      fields: ['text'],
      storeFields: ['owner'],
      tokenize: this._tokenize,
      processTerm: (term) => term,
      searchOptions: {
        fuzzy: (term) => (term.length > 5 ? 0.2 : false),
        prefix: (term) => term.length > 4,
      },
    });
    this._search.addAll(documents.map((d, id) => ({ id, owner: d.owner, text: d.text })));
  }

  /** Owners ranked by their best document's score, best first. */
  search(query: string, limit = 10): LexicalHit[] {
    const queryTerms = new Set(this._tokenize(query));
    if (queryTerms.size === 0) return [];
    const best = new Map<number, LexicalHit>();
    for (const result of this._search.search(query, { combineWith: 'OR' })) {
      const owner = result.owner as number;
      if (best.has(owner)) continue;
      const matched = new Set(result.queryTerms);
      best.set(owner, { owner, score: result.score, coverage: matched.size / queryTerms.size });
      if (best.size >= limit) break;
    }
    return [...best.values()];
  }
}
