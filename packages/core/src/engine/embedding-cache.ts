import type { Embeddings, Encoder } from '../encoder/create-encoder.js';
import { throwIfAborted } from '../internal/abort.js';

/**
 * Where embeddings of a bot's examples outlive the page: the widget's worker backs it with
 * IndexedDB, a Node caller with anything it likes. Core never touches storage itself (no DOM).
 *
 * Vectors are stored per text under a scope (model id, dtype, index format): the key of one
 * vector is `(scope, contentHash(text))`. A bot whose file changed by one example finds every
 * other vector and embeds only that one. Implementations may fail or lose entries at any time
 * (storage full, private mode, eviction): a rejected `get` counts as a miss and a rejected `put`
 * is ignored, so a bot with a broken cache still loads, just slower.
 */
export interface EmbeddingCache {
  /** The stored vectors for `hashes` (same order), `undefined` where missing. */
  get(scope: string, hashes: readonly string[]): Promise<ReadonlyArray<Float32Array | undefined>>;
  /** Stores vectors; may drop them silently. */
  put(scope: string, entries: ReadonlyArray<{ hash: string; vector: Float32Array }>): Promise<void>;
  /**
   * Optional: the whole knowledge built from a bot file, as compiled-index bytes, under a key of
   * (scope, content hash of the file and training options). A hit skips training as well, so a
   * second load of a plain bot.json is as fast as a compiled index.
   */
  getIndex?(key: string): Promise<Uint8Array | undefined>;
  /** Optional: stores what {@link getIndex} reads; may drop it silently. */
  putIndex?(key: string, bytes: Uint8Array): Promise<void>;
}

/** Texts embedded per call before yielding to the event loop. */
const CHUNK = 64;

/** How many texts a load embedded and how many it read from an {@link EmbeddingCache}. */
export interface EmbeddingCacheStats {
  embedded: number;
  cached: number;
  /** True when the whole built knowledge (vectors and trained head) came from the cache. */
  index?: boolean;
}

/** The cache scope of an encoder's vectors: model id, dtype and the index format version. */
export function embeddingScope(
  model: { id: string; dimension: number },
  dtype: string,
  indexFormat: number,
): string {
  return `${model.id}|${model.dimension}|${dtype}|sbix${indexFormat}`;
}

/**
 * A 53-bit content hash of a text (cyrb53 over its UTF-16 code units), as 14 hex digits: the
 * key of its vector within a scope. Synchronous and dependency-free so it runs in any realm.
 */
export function contentHash(text: string): string {
  let h1 = 0xdeadbeef ^ text.length;
  let h2 = 0x41c6ce57 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ c, 2654435761);
    h2 = Math.imul(h2 ^ c, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return (4294967296 * (2097151 & h2) + (h1 >>> 0)).toString(16).padStart(14, '0');
}

/**
 * Embeds `texts` with `encoder`, reading what it can from `cache` and embedding only the rest
 * (in one batched call), then storing the new vectors. Same result as `encoder.embed(texts)`.
 */
export async function embedWithCache(
  encoder: Encoder,
  texts: readonly string[],
  cache: EmbeddingCache,
  scope: string,
  options: { signal?: AbortSignal; onProgress?: (done: number, total: number) => void } = {},
): Promise<{ data: Float32Array; dimension: number; stats: EmbeddingCacheStats }> {
  const dim = encoder.model.dimension;
  const hashes = texts.map(contentHash);
  let stored: ReadonlyArray<Float32Array | undefined> = [];
  try {
    stored = await cache.get(scope, hashes);
  } catch {
    // A broken cache is a miss.
  }
  throwIfAborted(options.signal);
  const data = new Float32Array(texts.length * dim);
  const missing: number[] = [];
  for (let i = 0; i < texts.length; i++) {
    const vector = stored[i];
    if (vector && vector.length === dim) data.set(vector, i * dim);
    else missing.push(i);
  }
  if (missing.length > 0) {
    const entries: { hash: string; vector: Float32Array }[] = [];
    // In chunks, yielding to the event loop between them, so a worker that embeds a bot file
    // still handles messages (a chip, an early answer) while it does.
    for (let from = 0; from < missing.length; from += CHUNK) {
      const part = missing.slice(from, from + CHUNK);
      const embedded: Embeddings = await encoder.embed(
        part.map((i) => texts[i]!),
        {
          ...(options.signal && { signal: options.signal }),
          ...(options.onProgress && {
            onProgress: (done: number) => options.onProgress!(from + done, missing.length),
          }),
        },
      );
      throwIfAborted(options.signal);
      part.forEach((i, k) => {
        const vector = embedded.data.slice(k * dim, (k + 1) * dim);
        data.set(vector, i * dim);
        entries.push({ hash: hashes[i]!, vector });
      });
      if (from + CHUNK < missing.length) await new Promise((resolve) => setTimeout(resolve, 0));
    }
    try {
      await cache.put(scope, entries);
    } catch {
      // Storage full or disabled: the bot works, the next visit embeds again.
    }
  } else options.onProgress?.(texts.length, texts.length);
  return {
    data,
    dimension: dim,
    stats: { embedded: missing.length, cached: texts.length - missing.length },
  };
}
