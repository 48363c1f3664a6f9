import type { FaqEntry, FaqHit } from '../types.js';
import { LexicalIndex } from './lexical-index.js';
import { reciprocalRankFusion } from './rank-fusion.js';

/** The phrasings of every FAQ entry (question, then alternatives) with their owner index. */
export function faqPhrasings(faq: readonly FaqEntry[]): { texts: string[]; owners: Int32Array } {
  const texts: string[] = [];
  const owners: number[] = [];
  faq.forEach((entry, i) => {
    for (const text of [entry.question, ...entry.alternatives]) {
      texts.push(text);
      owners.push(i);
    }
  });
  return { texts, owners: Int32Array.from(owners) };
}

/**
 * Hybrid FAQ retrieval: dense cosine between the message and each entry's phrasings (best
 * phrasing counts) plus BM25 over question, alternatives, answer and tags, fused by reciprocal
 * rank. Dense vectors are optional: without them (model unavailable) it is lexical only.
 */
export class FaqRetriever {
  private readonly _lexical: LexicalIndex;

  constructor(
    private readonly _faq: readonly FaqEntry[],
    language: string,
    /** Unit-length phrasing vectors (row-major) and their FAQ index, from {@link faqPhrasings}. */
    private readonly _dense?: { vectors: Float32Array; owners: Int32Array; dimension: number },
  ) {
    this._lexical = new LexicalIndex(
      _faq.flatMap((entry, owner) => [
        { owner, text: [entry.question, ...entry.alternatives].join('\n') },
        { owner, text: [entry.answer, ...entry.tags].join('\n') },
      ]),
      language,
    );
  }

  /** Best hits first; `similarity` is `NaN` when there are no dense vectors. */
  search(text: string, query: Float32Array | undefined, limit = 5): FaqHit[] {
    if (this._faq.length === 0) return [];
    const depth = Math.max(limit * 4, 20);
    const similarity = new Float64Array(this._faq.length).fill(Number.NaN);
    const denseRanking: number[] = [];
    if (this._dense && query) {
      const { vectors, owners, dimension } = this._dense;
      similarity.fill(-1);
      for (let p = 0; p < owners.length; p++) {
        let sum = 0;
        const base = p * dimension;
        for (let d = 0; d < dimension; d++) sum += query[d]! * vectors[base + d]!;
        const owner = owners[p]!;
        if (sum > similarity[owner]!) similarity[owner] = sum;
      }
      denseRanking.push(
        ...this._faq
          .map((_, i) => i)
          .sort((a, b) => similarity[b]! - similarity[a]!)
          .slice(0, depth),
      );
    }
    const lexicalHits = this._lexical.search(text, depth);
    const lexicalScore = new Map(lexicalHits.map((h) => [h.owner, h.score]));
    const fused = reciprocalRankFusion([denseRanking, lexicalHits.map((h) => h.owner)]);
    return [...fused.entries()]
      .sort((a, b) => b[1] - a[1] || similarity[b[0]]! - similarity[a[0]]!)
      .slice(0, limit)
      .map(([i, score]) => {
        const entry = this._faq[i]!;
        return {
          id: entry.id,
          question: entry.question,
          answer: entry.answer,
          ...(entry.url !== undefined && { url: entry.url }),
          score,
          similarity: similarity[i]!,
          lexical: lexicalScore.get(i) ?? 0,
        };
      });
  }

  /** Lexical coverage of the best match, for lexical-only decisions. */
  lexicalCoverage(text: string, id: string): number {
    const index = this._faq.findIndex((e) => e.id === id);
    return this._lexical.search(text, 50).find((h) => h.owner === index)?.coverage ?? 0;
  }
}
