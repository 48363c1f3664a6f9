import { describe, expect, it } from 'vitest';
import { summarizeEval } from './summarize-eval.js';

const row = (gold: string, predicted: string, topIntent = predicted, totalMs = 10) => ({
  text: gold,
  gold,
  predicted,
  topIntent,
  totalMs,
  embedMs: totalMs - 1,
});

describe('summarizeEval', () => {
  it('computes accuracy, macro-F1, in-scope accuracy and out-of-scope recall/precision', () => {
    const report = summarizeEval(
      [
        row('a', 'a'),
        row('a', 'b'),
        row('b', 'b'),
        row('b', 'oos', 'b'), // right intent ranked first, but rejected
        row('faq:x', 'faq:x', 'a'),
        row('oos', 'oos', 'a'),
        row('oos', 'a', 'a'),
      ],
      'oos',
    );
    expect(report.count).toBe(7);
    expect(report.accuracy).toBeCloseTo(4 / 7);
    expect(report.closedSetAccuracy).toBeCloseTo(3 / 4);
    expect(report.inScopeAccuracy).toBeCloseTo(3 / 5);
    expect(report.outOfScope).toEqual({ count: 2, recall: 0.5, precision: 0.5 });
    // F1 = 2tp / (2tp + fp + fn): a 2/4, b 2/4, faq:x 1, oos 2/4
    expect(report.macroF1).toBeCloseTo((0.5 + 0.5 + 1 + 0.5) / 4);
    expect(report.confusedPairs[0]).toEqual({ gold: 'a', predicted: 'b', count: 1 });
  });

  it('reports latency percentiles', () => {
    const report = summarizeEval(
      [1, 2, 3, 4, 100].map((ms) => row('a', 'a', 'a', ms)),
      'oos',
    );
    expect(report.latencyMs.p50).toBe(3);
    expect(report.latencyMs.p95).toBeGreaterThan(4);
    expect(report.outOfScope).toBeNull();
  });
});
