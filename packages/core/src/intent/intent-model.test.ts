import { describe, expect, it } from 'vitest';
import { seededRandom } from '../internal/random.js';
import { rankIntents, trainIntentModel } from './intent-model.js';

/** Unit vectors scattered around `classes` random centres in `dim` dimensions. */
function clusters(classes: number, perClass: number, dim: number, spread: number, seed: number) {
  const random = seededRandom(seed);
  const gaussian = () =>
    Math.sqrt(-2 * Math.log(random() + 1e-12)) * Math.cos(2 * Math.PI * random());
  const centres = Array.from({ length: classes }, () => Array.from({ length: dim }, gaussian));
  const vectors = new Float32Array(classes * perClass * dim);
  const labels = new Int32Array(classes * perClass);
  for (let k = 0; k < classes; k++) {
    for (let j = 0; j < perClass; j++) {
      const row = k * perClass + j;
      const v = centres[k]!.map((c) => c + spread * gaussian());
      const norm = Math.hypot(...v);
      for (const [d, x] of v.entries()) vectors[row * dim + d] = x / norm;
      labels[row] = k;
    }
  }
  return { vectors, labels, centres };
}

describe('trainIntentModel', () => {
  const dim = 16;
  const ids = ['a', 'b', 'c', 'd'];
  const data = clusters(4, 12, dim, 0.6, 7);

  it('classifies held-out points of each cluster correctly', () => {
    const model = trainIntentModel(data.vectors, data.labels, ids, dim);
    const test = clusters(4, 5, dim, 0.6, 7); // same centres (same seed), new noise below
    const fresh = clusters(4, 5, dim, 0.6, 7);
    let correct = 0;
    for (let row = 0; row < fresh.labels.length; row++) {
      const top = rankIntents(model, fresh.vectors.subarray(row * dim, (row + 1) * dim), dim)[0]!;
      if (top.id === ids[fresh.labels[row]!]) correct++;
    }
    expect(test.labels.length).toBe(20);
    expect(correct / fresh.labels.length).toBeGreaterThanOrEqual(0.9);
  });

  it('is deterministic for the same examples and seed', () => {
    const a = trainIntentModel(data.vectors, data.labels, ids, dim, { seed: 3 });
    const b = trainIntentModel(data.vectors, data.labels, ids, dim, { seed: 3 });
    expect(a.head.weights).toEqual(b.head.weights);
    expect(a.thresholds).toEqual(b.thresholds);
    expect(a.temperature).toBe(b.temperature);
  });

  it('fits out-of-scope thresholds by cross-validation and rejects a point far from every cluster', () => {
    const model = trainIntentModel(data.vectors, data.labels, ids, dim);
    expect(model.fitted).toBe(true);
    expect(model.thresholds.similarity).toBeGreaterThan(0);
    expect(model.thresholds.confidence).toBeLessThanOrEqual(0.5);
    // Opposite of the mean of all centres: unlike any example.
    const away = new Float32Array(dim);
    for (const c of data.centres) for (const [d, x] of c.entries()) away[d]! -= x;
    const norm = Math.hypot(...away);
    for (let d = 0; d < dim; d++) away[d]! /= norm;
    const top = rankIntents(model, away, dim)[0]!;
    expect(top.similarity).toBeLessThan(model.thresholds.similarity);
  });

  it('ranks every intent with probabilities that sum to 1', () => {
    const model = trainIntentModel(data.vectors, data.labels, ids, dim);
    const ranked = rankIntents(model, data.vectors.subarray(0, dim), dim);
    expect(ranked.map((r) => r.id).sort()).toEqual(ids);
    expect(ranked.reduce((s, r) => s + r.confidence, 0)).toBeCloseTo(1, 6);
    expect(ranked[0]!.confidence).toBeGreaterThanOrEqual(ranked[1]!.confidence);
  });

  it('falls back to default thresholds when each intent has a single example', () => {
    const one = clusters(3, 1, dim, 0.1, 1);
    const model = trainIntentModel(one.vectors, one.labels, ['x', 'y', 'z'], dim, {
      defaultSimilarity: 0.42,
    });
    expect(model.fitted).toBe(false);
    expect(model.thresholds).toEqual({ confidence: 0, similarity: 0.42 });
  });
});
