import type { Encoder } from '../encoder/create-encoder.js';
import {
  type BotConfig,
  BUILTIN_ENTITIES,
  type BuiltinEntity,
  type RegexEntityConfig,
  type ValuesEntityConfig,
} from '../types.js';
import { extractBuiltin } from './builtin-entities.js';
import type { EntityMatch } from './entity-match.js';
import { matchValues, valuePhrases } from './match-values.js';

/** Options of one extraction. */
export interface ExtractOptions {
  /** Reference time for relative dates. Default: now. */
  now?: Date;
  /**
   * Entities that may also match by meaning (the slot the bot just asked for): a short answer
   * such as "they pinch my toes" then fills a `values` slot whose synonyms say "too small".
   */
  semantic?: readonly string[];
  signal?: AbortSignal;
}

/** Entity values found in one message, by entity name, each list in text order. */
export type EntityMatches = Record<string, EntityMatch[]>;

interface SemanticIndex {
  values: string[];
  owners: Int32Array;
  vectors: Float32Array;
  dimension: number;
}

/**
 * Finds the bot's entities in a message: built-ins, `regex` entities, and `values` entities
 * (exactly, with typos, and by meaning through the bot's own encoder when one is given). Runs
 * where the model runs (a Web Worker in the browser); no DOM.
 *
 * @example
 * const extractor = new EntityExtractor(bot.config, encoder);
 * const found = await extractor.extract('return AC-104233, too small', ['order_number', 'reason']);
 * // found.order_number[0].value === 'AC-104233'
 */
export class EntityExtractor {
  private readonly _semantic = new Map<string, Promise<SemanticIndex>>();

  constructor(
    private readonly _config: Pick<BotConfig, 'language' | 'entities'>,
    private readonly _encoder?: Encoder,
  ) {}

  /** Finds the named entities (unknown names are ignored). */
  async extract(
    text: string,
    names: Iterable<string>,
    options: ExtractOptions = {},
  ): Promise<EntityMatches> {
    const out: EntityMatches = {};
    const now = options.now ?? new Date();
    let vector: Promise<Float32Array> | undefined;
    for (const name of new Set(names)) {
      if ((BUILTIN_ENTITIES as readonly string[]).includes(name)) {
        out[name] = await extractBuiltin(name as BuiltinEntity, text, {
          language: this._config.language,
          now,
        });
        continue;
      }
      const entity = this._config.entities?.[name];
      if (!entity) continue;
      if ('regex' in entity) {
        out[name] = matchRegex(text, entity);
        continue;
      }
      const found = matchValues(text, entity);
      if (
        found.length === 0 &&
        entity.semantic &&
        this._encoder &&
        options.semantic?.includes(name)
      ) {
        vector ??= this._encoder
          .embed([text], { ...(options.signal && { signal: options.signal }) })
          .then((e) => e.data);
        const best = await this._byMeaning(name, entity, await vector, options.signal);
        if (best) found.push(best);
      }
      out[name] = found;
    }
    return out;
  }

  private async _byMeaning(
    name: string,
    entity: ValuesEntityConfig,
    vector: Float32Array,
    signal: AbortSignal | undefined,
  ): Promise<EntityMatch | undefined> {
    let index = this._semantic.get(name);
    if (!index) {
      index = this._embedValues(entity, signal);
      this._semantic.set(name, index);
      index.catch(() => this._semantic.delete(name));
    }
    const { values, owners, vectors, dimension } = await index;
    const best = new Float32Array(values.length).fill(-1);
    for (let row = 0; row < owners.length; row++) {
      let dot = 0;
      for (let k = 0; k < dimension; k++) dot += vectors[row * dimension + k]! * vector[k]!;
      const owner = owners[row]!;
      if (dot > best[owner]!) best[owner] = dot;
    }
    let first = -1;
    let second = -1;
    let at = -1;
    best.forEach((score, i) => {
      if (score > first) {
        second = first;
        first = score;
        at = i;
      } else if (score > second) second = score;
    });
    const threshold = entity.threshold ?? defaultSemanticThreshold(this._config.language);
    // A clear winner only: two values about as close mean the answer names neither.
    if (at < 0 || first < threshold || first - second < 0.02) return undefined;
    return { value: values[at]!, text: '', start: -1, end: -1, how: 'semantic', score: first };
  }

  private async _embedValues(
    entity: ValuesEntityConfig,
    signal: AbortSignal | undefined,
  ): Promise<SemanticIndex> {
    const values = entity.values.map((v) => v.value);
    const phrases = valuePhrases(entity.values);
    const embedded = await this._encoder!.embed(
      phrases.map((p) => p.folded),
      { ...(signal && { signal }) },
    );
    return {
      values,
      owners: Int32Array.from(phrases, (p) => values.indexOf(p.value)),
      vectors: embedded.data,
      dimension: embedded.dimension,
    };
  }
}

/**
 * Cosine a by-meaning enum match needs by default: the Chinese model's similarities run higher
 * than the English ones for unrelated text (measured on the example bots' reasons).
 */
export function defaultSemanticThreshold(language: string): number {
  return language.toLowerCase().startsWith('zh') ? 0.7 : 0.6;
}

function matchRegex(text: string, entity: RegexEntityConfig): EntityMatch[] {
  const re = new RegExp(entity.regex, `${entity.flags.replace(/[gy]/g, '')}g`);
  const out: EntityMatch[] = [];
  // Bounded: a pathological pattern with empty matches must not spin.
  for (const m of text.slice(0, 2000).matchAll(re)) {
    if (m[0] === '') continue;
    const raw = m[1] ?? m[0];
    const start = m[1] === undefined ? m.index : m.index + m[0].indexOf(m[1]);
    out.push({
      value: entity.uppercase ? raw.toUpperCase() : raw,
      text: raw,
      start,
      end: start + raw.length,
      how: 'pattern',
      score: 1,
    });
    if (out.length >= 10) break;
  }
  return out;
}
