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
 * closed-set figure); within that budget, the thresholds reject the largest share of held-out
 * off-topic questions (`negatives`, from the background set and the owner's lines) plus the
 * largest share of near-domain pseudo-unknowns (`near`: held-out examples scored with their own
 * intent removed), then use up the budget.
 *
 * Without negatives, splits the budget evenly between confidence and similarity, as before.
 */
export function fitThresholds(
  correct: readonly HeldOutScores[],
  negatives: readonly HeldOutScores[],
  budget: number,
  near: readonly HeldOutScores[] = [],
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
  // 0% is the lowest correct confidence for confidence too. (It used to mean "no confidence
  // check", so that a paraphrase far from the examples was not rejected for having less
  // confidence than any held-out example; but then a small bot whose budget rounds to 0 held-out
  // examples had no confidence check at all and answered "I have a terrible toothache" at 0.003.)
  const confidences = values(conf).map((v) => Math.min(CONFIDENCE_CAP, v));
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
        let caughtNear = 0;
        for (const n of near) if (rejects(n)) caughtNear++;
        // Most negatives first (as shares, the background set's and the near-domain ones'
        // counting alike); then spend the rest of the budget: the stated in-scope cost is what
        // the owner agreed to pay for what neither set foresees.
        const score =
          caught / negatives.length +
          (near.length > 0 ? caughtNear / near.length : 0) +
          lost / ((correct.length + 1) * (negatives.length + near.length + 1));
        if (score > best.score) best = { score, t: { confidence, similarity, margin: m } };
      }
    }
  }
  const { confidence, similarity, margin: m } = best.t;
  return {
    confidence: below(confidence),
    similarity: below(similarity),
    margin: below(m),
  };
}
