import { describe, expect, it } from 'vitest';
import { fitRerankWeight, rerankTop } from './nearest-rerank.js';

describe('rerankTop', () => {
  it('puts a slightly less likely intent with a much closer example first, keeping the mass', () => {
    const probs = Float64Array.from([0.45, 0.4, 0.1, 0.05]);
    const order = [0, 1, 2, 3];
    rerankTop(probs, order, [0.6, 0.9, 0.5, Number.NaN], 10);
    expect(order[0]).toBe(1);
    expect(probs[1]).toBeGreaterThan(probs[0]!);
    // The intent outside the re-ranked three keeps its probability; the total stays 1.
    expect(probs[3]).toBe(0.05);
    expect(probs.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
  });

  it('leaves the ranking alone with weight 0', () => {
    const probs = Float64Array.from([0.45, 0.4, 0.15]);
    const order = [0, 1, 2];
    rerankTop(probs, order, [0.1, 0.9, 0.9], 0);
    expect(order).toEqual([0, 1, 2]);
    expect([...probs]).toEqual([0.45, 0.4, 0.15]);
  });
});

describe('fitRerankWeight', () => {
  it('is positive when the nearest example tells the head-confused intents apart', () => {
    // The head is unsure between 0 and 1; the true intent always has the closer example.
    const probs = Array.from({ length: 20 }, () => Float64Array.from([0.5, 0.45, 0.05]));
    const labels = probs.map((_, j) => j % 2);
    const similarity = labels.map((y) => (y === 0 ? [0.9, 0.6, 0.2] : [0.6, 0.9, 0.2]));
    expect(fitRerankWeight(probs, similarity, labels)).toBeGreaterThan(5);
  });

  it('is 0 when the nearest example points the wrong way', () => {
    const probs = Array.from({ length: 20 }, () => Float64Array.from([0.6, 0.3, 0.1]));
    const labels = probs.map(() => 0);
    const similarity = labels.map(() => [0.5, 0.9, 0.2]);
    expect(fitRerankWeight(probs, similarity, labels)).toBe(0);
  });
});
