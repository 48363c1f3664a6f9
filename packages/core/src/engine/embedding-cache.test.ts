import { describe, expect, it } from 'vitest';
import type { Encoder } from '../encoder/create-encoder.js';
import { getModelSpec, type ModelSpec } from '../encoder/model-table.js';
import { contentHash, type EmbeddingCache, embedWithCache } from './embedding-cache.js';

/** A fake 3-dimension encoder that records what it embedded: the model is beside the point. */
function fakeEncoder(): Encoder & { seen: string[] } {
  const dimension = 3;
  const encoder = {
    model: { ...getModelSpec('Xenova/all-MiniLM-L6-v2'), dimension } as ModelSpec,
    device: 'cpu' as const,
    dtype: 'q8',
    loadMs: 1,
    seen: [] as string[],
    async embed(texts: readonly string[]) {
      encoder.seen.push(...texts);
      const data = new Float32Array(texts.flatMap((t) => [t.length, t.charCodeAt(0), 1]));
      return { data, count: texts.length, dimension, tokenizeMs: 0, inferenceMs: 0 };
    },
    async dispose() {},
  };
  return encoder;
}

function mapCache(): EmbeddingCache & { map: Map<string, Float32Array> } {
  const map = new Map<string, Float32Array>();
  return {
    map,
    async get(scope, hashes) {
      return hashes.map((h) => map.get(`${scope}|${h}`));
    },
    async put(scope, entries) {
      for (const { hash, vector } of entries) map.set(`${scope}|${hash}`, vector);
    },
  };
}

describe('embedWithCache', () => {
  it('embeds only what the cache lacks and gives the same vectors as embedding everything', async () => {
    const cache = mapCache();
    const texts = ['where is my order', 'refund please', 'opening hours'];
    const first = fakeEncoder();
    const a = await embedWithCache(first, texts, cache, 's');
    expect(first.seen).toEqual(texts);
    expect(a.stats).toEqual({ embedded: 3, cached: 0 });

    const second = fakeEncoder();
    const b = await embedWithCache(second, texts, cache, 's');
    expect(second.seen).toEqual([]);
    expect(b.stats).toEqual({ embedded: 0, cached: 3 });
    expect(Array.from(b.data)).toEqual(Array.from(a.data));

    const third = fakeEncoder();
    const changed = ['where is my order', 'money back please', 'opening hours'];
    const c = await embedWithCache(third, changed, cache, 's');
    expect(third.seen).toEqual(['money back please']);
    expect(Array.from(c.data)).toEqual(Array.from((await fakeEncoder().embed(changed)).data));

    // Another scope (model, dtype or index format) shares nothing.
    const other = fakeEncoder();
    await embedWithCache(other, texts, cache, 'other');
    expect(other.seen).toEqual(texts);
  });

  it('yields to the event loop between chunks, so a worker still handles messages', async () => {
    const encoder = fakeEncoder();
    const texts = Array.from({ length: 200 }, (_, i) => `text number ${i}`);
    const seenAt: number[] = [];
    let macrotasks = 0;
    const embed = encoder.embed;
    encoder.embed = async (t) => {
      seenAt.push(macrotasks);
      setTimeout(() => macrotasks++, 0);
      return embed(t);
    };
    const r = await embedWithCache(encoder, texts, mapCache(), 's');
    expect(r.stats.embedded).toBe(200);
    expect(seenAt.length).toBe(4);
    // A task queued during one chunk ran before the next chunk started.
    for (let k = 1; k < seenAt.length; k++) expect(seenAt[k]).toBeGreaterThan(seenAt[k - 1]!);
  });

  it('treats a failing cache as empty and never throws for it', async () => {
    const broken: EmbeddingCache = {
      get: () => Promise.reject(new DOMException('denied', 'SecurityError')),
      put: () => Promise.reject(new DOMException('full', 'QuotaExceededError')),
    };
    const encoder = fakeEncoder();
    const r = await embedWithCache(encoder, ['a', 'bb'], broken, 's');
    expect(r.stats).toEqual({ embedded: 2, cached: 0 });
    expect(Array.from(r.data)).toEqual([1, 97, 1, 2, 98, 1]);
  });

  it('hashes texts stably and tells near texts apart', () => {
    expect(contentHash('where is my order')).toBe(contentHash('where is my order'));
    expect(contentHash('where is my order')).not.toBe(contentHash('where is my order?'));
    expect(contentHash('')).toMatch(/^[0-9a-f]{14}$/);
  });
});
