import { describe, expect, it } from 'vitest';
import { generatePiiCorpus, scorePiiCorpus } from './pii-corpus.js';

/**
 * Floors for redaction quality on the seeded corpus (seed 2026 was never used while tuning the
 * detectors). About 5% of each kind is written in ways pattern matching is known to miss
 * (spelled-out digits, non-Latin domains, dotted card numbers, lower-case IBANs), so recall
 * cannot reach 1; precision is measured against order, tracking and EAN numbers, dates, prices,
 * IPs and IBANs with wrong check digits.
 */
describe('PII redaction on a generated corpus', () => {
  const scores = scorePiiCorpus(generatePiiCorpus(2026, 3000));

  it.each(scores.map((s) => [s.kind, s] as const))(
    '%s: recall >= 0.92 and precision >= 0.98',
    (_kind, s) => {
      expect(s.truths).toBeGreaterThan(400);
      expect(s.recall).toBeGreaterThanOrEqual(0.92);
      expect(s.precision).toBeGreaterThanOrEqual(0.98);
    },
  );

  it('is deterministic for a seed', () => {
    expect(generatePiiCorpus(5, 50)).toEqual(generatePiiCorpus(5, 50));
    expect(generatePiiCorpus(5, 50)).not.toEqual(generatePiiCorpus(6, 50));
  });
});
