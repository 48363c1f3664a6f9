import { describe, expect, it } from 'vitest';
import { CORPUS_KINDS, generatePiiCorpus, PII_LOCALES, scorePiiCorpus } from './pii-corpus.js';

/**
 * The redaction targets of issue #14 on the seeded corpus (seed 2026 was never looked at while
 * the detectors were tuned on seeds 1, 7 and 11): span recall >= 99% for every kind in every
 * locale, and at most 0.1% of the look-alike-only messages changed.
 */
describe('PII redaction on the generated corpus (12 locales, 5 kinds)', () => {
  const corpus = generatePiiCorpus(2026, 12_000);
  const scores = scorePiiCorpus(corpus);

  it('holds at least 10,000 messages and 2,000 negatives, every kind in every locale', () => {
    expect(corpus.length).toBeGreaterThanOrEqual(10_000);
    expect(scores.negatives).toBeGreaterThanOrEqual(2_000);
    expect(scores.cells).toHaveLength(CORPUS_KINDS.length * PII_LOCALES.length);
    for (const cell of scores.cells) expect(cell.truths).toBeGreaterThan(100);
  });

  it.each(scores.cells.map((c) => [c.kind, c.locale, c] as const))(
    '%s in %s: span recall >= 99%%',
    (_kind, _locale, cell) => {
      expect(cell.recall).toBeGreaterThanOrEqual(0.99);
    },
  );

  it('changes at most 0.1% of the negatives and finds nothing but the truth elsewhere', () => {
    expect(scores.negativesChanged / scores.negatives).toBeLessThanOrEqual(0.001);
    for (const k of scores.kinds) expect(k.precision).toBeGreaterThanOrEqual(0.995);
  });

  it('is deterministic for a seed', () => {
    expect(generatePiiCorpus(5, 50)).toEqual(generatePiiCorpus(5, 50));
    expect(generatePiiCorpus(5, 50)).not.toEqual(generatePiiCorpus(6, 50));
  });
});
