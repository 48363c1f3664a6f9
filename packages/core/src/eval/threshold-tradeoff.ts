import { decide, type EffectiveThresholds } from '../engine/decide.js';
import type { BotConfig, BotReply } from '../types.js';

/** One test message with the evidence the bot decided on. */
export interface TradeoffCase {
  /** Gold label: an intent id, `faq:<id>`, or the out-of-scope label. */
  gold: string;
  candidates: BotReply['candidates'];
}

/** What one similarity threshold would do on the test messages. */
export interface TradeoffRow {
  similarity: number;
  /** In-scope messages answered right (a wrong rejection is an error). */
  inScopeAccuracy: number | null;
  /** Off-topic messages rejected. */
  offTopicRejected: number | null;
  /** Rejections that were off-topic. */
  rejectionPrecision: number | null;
  /** True for the threshold the bot runs with. */
  current: boolean;
}

/**
 * Re-decides every test message with the similarity threshold moved by `steps` (the other
 * thresholds as they are) and suggests the threshold that rejects the most off-topic messages
 * while keeping in-scope accuracy within `budget` of the best row's.
 */
export function thresholdTradeoff(
  cases: readonly TradeoffCase[],
  config: BotConfig,
  thresholds: EffectiveThresholds,
  oosLabel: string,
  labelOf: (id: string) => string = (id) => id,
  steps: readonly number[] = [-0.1, -0.05, 0, 0.05, 0.1, 0.15],
  budget = 0.02,
): { rows: TradeoffRow[]; suggested: number } {
  const share = (n: number, d: number) => (d === 0 ? null : n / d);
  const rows = steps.map((step): TradeoffRow => {
    const similarity = Math.round((thresholds.similarity + step) * 1000) / 1000;
    let inScope = 0;
    let inScopeRight = 0;
    let offTopic = 0;
    let offTopicRejected = 0;
    let rejected = 0;
    for (const c of cases) {
      const d = decide(
        config,
        c.candidates.intents,
        c.candidates.faq,
        { ...thresholds, similarity },
        c.candidates,
      );
      const got =
        d.kind === 'intent'
          ? labelOf(d.intent!.id)
          : d.kind === 'faq'
            ? `faq:${d.faq!.id}`
            : oosLabel;
      if (got === oosLabel) rejected++;
      if (c.gold === oosLabel) {
        offTopic++;
        if (got === oosLabel) offTopicRejected++;
      } else {
        inScope++;
        if (got === c.gold) inScopeRight++;
      }
    }
    return {
      similarity,
      inScopeAccuracy: share(inScopeRight, inScope),
      offTopicRejected: share(offTopicRejected, offTopic),
      rejectionPrecision: share(offTopicRejected, rejected),
      current: step === 0,
    };
  });
  const best = Math.max(...rows.map((r) => r.inScopeAccuracy ?? 0));
  const fit = rows.filter((r) => (r.inScopeAccuracy ?? 0) >= best - budget - 1e-9);
  const pick = fit.reduce((a, b) =>
    (b.offTopicRejected ?? 0) > (a.offTopicRejected ?? 0) ? b : a,
  );
  return { rows, suggested: pick.similarity };
}
