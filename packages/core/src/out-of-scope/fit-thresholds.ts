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

/**
 * Quantiles of the correct answers' scores tried for each threshold (0 = the lowest correct
 * score, which rejects none of them but still everything below what the bot has seen work).
 */
const TRIED = [0, 0.0025, 0.005, 0.0075, 0.01, 0.015, 0.02, 0.03, 0.04];

/** Confidence never demands more than "likelier than all other intents together". */
const CONFIDENCE_CAP = 0.5;

/**
 * Thresholds for a stated operating point: of the held-out examples the bot answers correctly,
 * at most `budget` may be rejected (so in-scope accuracy stays within about `budget` of the
 * closed-set figure); within that budget, the thresholds reject as many held-out off-topic
 * questions as they can, then use up the budget.
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
  const values = (xs: number[]) => tried.map((q) => quantile(xs, q));
  // For confidence, 0% means off: with the off-topic class, a visitor's paraphrase far from the
  // examples gets less confidence than any held-out example did (a 3-intent bike shop rejected
  // "the bike makes a weird noise" at 0.06), and similarity and margin already bound the rest.
  const confidences = values(conf).map((v, i) =>
    tried[i] === 0 ? 0 : Math.min(CONFIDENCE_CAP, v),
  );
  const similarities = values(sim);
  const margins = values(margin);
  const allowed = Math.floor(budget * correct.length + 1e-9);
  let best = { score: -Infinity, t: { confidence: 0, similarity: -1, margin: -2 } };
  // Strictly below the lowest correct score, so q = 0 rejects none of the correct answers.
  const below = (v: number) => v - 1e-9;
  for (const confidence of confidences) {
    for (const similarity of similarities) {
      for (const m of margins) {
        const rejects = (x: HeldOutScores) =>
          x.confidence < below(confidence) ||
          x.similarity < below(similarity) ||
          x.margin < below(m);
        let lost = 0;
        for (const c of correct) if (rejects(c)) lost++;
        if (lost > allowed) continue;
        let caught = 0;
        for (const n of negatives) if (rejects(n)) caught++;
        // Most negatives first; then spend the rest of the budget: the background set is not
        // every kind of off-topic question (BANKING77's held-out banking intents are nothing
        // like it), and the stated in-scope cost is what the owner agreed to pay for that.
        const score = caught + lost / (correct.length + 1);
        if (score > best.score) best = { score, t: { confidence, similarity, margin: m } };
      }
    }
  }
  const { confidence, similarity, margin: m } = best.t;
  return {
    confidence: confidence === 0 ? 0 : below(confidence),
    similarity: below(similarity),
    margin: below(m),
  };
}
