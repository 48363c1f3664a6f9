import { quantile } from '../internal/quantile.js';

/** Held-out scores of one message for the intent the bot would answer with. */
export interface HeldOutScores {
  /** Calibrated (re-ranked) confidence. */
  confidence: number;
  /** Cosine to that intent's nearest example. */
  similarity: number;
  /** `similarity` minus the cosine to the nearest off-topic example. */
  margin: number;
}

/** The three thresholds an intent answer must clear. */
export interface FittedThresholds {
  confidence: number;
  similarity: number;
  /** Minimum `similarity - nearest off-topic similarity`; absent without negatives. */
  margin?: number;
}

/** Quantiles of the correct answers' scores tried for each threshold (0 = rejects none). */
const TRIED = [0, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.04];

/** Confidence never demands more than "likelier than all other intents together". */
const CONFIDENCE_CAP = 0.5;

/**
 * Thresholds for a stated operating point: of the held-out examples the bot answers correctly,
 * at most `budget` may be rejected (so in-scope accuracy stays within about `budget` of the
 * closed-set figure); within that budget, the thresholds reject as many held-out off-topic
 * questions as they can (ties: fewer correct answers rejected).
 *
 * Without negatives, splits the budget evenly between confidence and similarity, as before.
 */
export function fitThresholds(
  correct: readonly HeldOutScores[],
  negatives: readonly HeldOutScores[],
  budget: number,
): FittedThresholds {
  const conf = correct.map((c) => c.confidence);
  const sim = correct.map((c) => c.similarity);
  if (negatives.length === 0) {
    return {
      confidence: Math.min(CONFIDENCE_CAP, quantile(conf, budget / 2)),
      similarity: quantile(sim, budget / 2),
    };
  }
  const margin = correct.map((c) => c.margin);
  const tried = TRIED.filter((q) => q <= budget);
  const values = (xs: number[]) => tried.map((q) => (q === 0 ? -Infinity : quantile(xs, q)));
  const confidences = values(conf).map((v) => Math.min(CONFIDENCE_CAP, v));
  const similarities = values(sim);
  const margins = values(margin);
  const allowed = Math.floor(budget * correct.length + 1e-9);
  let best = { score: -Infinity, t: { confidence: 0, similarity: -1, margin: -2 } };
  for (const confidence of confidences) {
    for (const similarity of similarities) {
      for (const m of margins) {
        const rejects = (x: HeldOutScores) =>
          x.confidence < confidence || x.similarity < similarity || x.margin < m;
        let lost = 0;
        for (const c of correct) if (rejects(c)) lost++;
        if (lost > allowed) continue;
        let caught = 0;
        for (const n of negatives) if (rejects(n)) caught++;
        const score = caught - lost / (correct.length + 1);
        if (score > best.score) best = { score, t: { confidence, similarity, margin: m } };
      }
    }
  }
  const { confidence, similarity, margin: m } = best.t;
  // -Infinity (threshold off) is stored as the loosest finite value that still rejects nothing.
  return {
    confidence: Number.isFinite(confidence) ? confidence : 0,
    similarity: Number.isFinite(similarity) ? similarity : Math.min(...sim, 1) - 1e-6,
    margin: Number.isFinite(m) ? m : Math.min(...margin, 2) - 1e-6,
  };
}
