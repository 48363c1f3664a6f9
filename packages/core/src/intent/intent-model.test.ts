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

  describe('with off-topic negatives', () => {
    // A fifth cluster plays the background set: 12 off-topic questions, 4 per template group.
    const off = clusters(5, 12, dim, 0.6, 7);
    const rows = Array.from({ length: 12 }, (_, j) => 4 * 12 + j);
    const negatives = {
      vectors: Float32Array.from(
        rows.flatMap((r) => [...off.vectors.subarray(r * dim, (r + 1) * dim)]),
      ),
      groups: Int32Array.from(rows, (_, j) => Math.floor(j / 4)),
      owned: new Uint8Array(12),
    };
    const train = (options = {}) =>
      trainIntentModel(data.vectors, data.labels, ids, dim, options, negatives);
    const inScope = data.vectors.subarray(0, dim);
    const offTopic = negatives.vectors.subarray(0, dim);

    it('keeps the confidence among intents and caps it by the off-topic probability', () => {
      const model = train();
      expect(model.head.classes).toBe(5);
      expect(model.offTopicConfidence).toBe('min');
      const shared = train({ offTopicConfidence: 'shared' });
      expect(shared.offTopicConfidence).toBeUndefined();
      // In scope: the off-topic class no longer dilutes the answer's confidence.
      const top = rankIntents(model, inScope, dim)[0]!;
      const diluted = rankIntents({ ...model, offTopicConfidence: 'shared' }, inScope, dim)[0]!;
      expect(top.id).toBe('a');
      expect(top.confidence).toBeGreaterThan(diluted.confidence);
      // Off topic: no intent gets more than what the off-topic class leaves.
      const away = rankIntents(model, offTopic, dim)[0]!;
      const renormalised = rankIntents({ ...model, offTopicConfidence: 'intents' }, offTopic, dim);
      expect(away.confidence).toBeLessThan(renormalised[0]!.confidence);
      expect(away.confidence).toBeLessThan(0.2);
    });

    it('scales the off-topic cap by 10 in a bot under 50 examples, not from 50 on', () => {
      // 4 intents x 12 examples: a small bot, where the class claims visitors' paraphrases too.
      expect(data.labels.length).toBeLessThan(50);
      const small = train();
      expect(small.offTopicCapScale).toBe(10);
      const large = train({ offTopicCapFrom: data.labels.length });
      expect(large.offTopicCapScale).toBeUndefined();
      const point = { ...large, offTopicCapScale: 1 };
      const away = rankIntents(point, offTopic, dim)[0]!;
      const scaled = rankIntents({ ...point, offTopicCapScale: 10 }, offTopic, dim)[0]!;
      const renormalised = rankIntents({ ...point, offTopicConfidence: 'intents' }, offTopic, dim);
      // The cap still binds (the class is surer than 0.9), ten times looser.
      expect(scaled.confidence).toBeCloseTo(
        Math.min(10 * away.confidence, renormalised[0]!.confidence),
        6,
      );
      expect(scaled.confidence).toBeGreaterThan(away.confidence);
      expect(train({ offTopicCapScale: 3 }).offTopicCapScale).toBe(3);
    });

    it('fits a confidence threshold for near-domain questions only when asked to', () => {
      const near = train();
      const far = train({ nearDomain: false });
      expect(near.thresholds.confidence).toBeGreaterThanOrEqual(far.thresholds.confidence);
      expect(near.thresholds.confidence).toBeGreaterThan(0);
    });
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
