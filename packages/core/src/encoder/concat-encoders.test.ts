import { describe, expect, it } from 'vitest';
import { concatEncoders } from './concat-encoders.js';
import type { Encoder } from './create-encoder.js';
import { getModelSpec, type ModelSpec } from './model-table.js';

/** A fake part whose vector for a text is fixed: the head and model are beside the point here. */
function fakePart(id: string, vectors: Record<string, number[]>): Encoder & { disposed: boolean } {
  const dimension = Object.values(vectors)[0]!.length;
  const part = {
    model: { ...getModelSpec('Xenova/all-MiniLM-L6-v2'), id, dimension } as ModelSpec,
    device: 'cpu' as const,
    dtype: 'q8',
    loadMs: 5,
    disposed: false,
    async embed(texts: readonly string[]) {
      const data = new Float32Array(texts.flatMap((t) => vectors[t]!));
      return { data, count: texts.length, dimension, tokenizeMs: 1, inferenceMs: 2 };
    },
    async dispose() {
      part.disposed = true;
    },
  };
  return part;
}

const spec = (dimension: number): ModelSpec => ({
  ...getModelSpec('all-MiniLM-L6-v2+bge-small-en-v1.5'),
  dimension,
});

describe('concatEncoders', () => {
  const a = fakePart('a', { x: [1, 0], y: [0, 1] });
  const b = fakePart('b', { x: [0.6, 0.8, 0], y: [0.6, 0.8, 0] });
  const both = concatEncoders(spec(5), [a, b]);

  it('joins unit vectors into a unit vector whose cosine is the mean of the parts', async () => {
    const e = await both.embed(['x', 'y']);
    expect(e.dimension).toBe(5);
    const x = [...e.data.slice(0, 5)];
    const y = [...e.data.slice(5, 10)];
    const dot = (u: number[], v: number[]) => u.reduce((s, ui, i) => s + ui * v[i]!, 0);
    expect(dot(x, x)).toBeCloseTo(1, 6);
    // cos_a(x, y) = 0, cos_b(x, y) = 1.
    expect(dot(x, y)).toBeCloseTo(0.5, 6);
    expect(e.tokenizeMs).toBe(2);
    expect(e.inferenceMs).toBe(4);
    expect(both.loadMs).toBe(10);
  });

  it('refuses parts that do not add up to the model, and disposes every part', async () => {
    expect(() => concatEncoders(spec(4), [a, b])).toThrow(
      /adding up to 4 dimensions.*a \(2\) \+ b \(3\)/,
    );
    expect(() => concatEncoders(spec(2), [a])).toThrow(/Failed to join/);
    await both.dispose();
    expect(a.disposed && b.disposed).toBe(true);
  });
});
