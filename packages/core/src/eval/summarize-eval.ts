import { quantile } from '../internal/quantile.js';

/** One test message and what the bot did with it. */
export interface EvalPrediction {
  text: string;
  /** Gold label: an intent id, `faq:<id>`, or the out-of-scope label. */
  gold: string;
  /** Decided label, in the same vocabulary. */
  predicted: string;
  /** Best-ranked intent regardless of thresholds (closed-set prediction). */
  topIntent?: string;
  /** End-to-end reply time and the model's share of it, ms. */
  totalMs: number;
  embedMs: number;
  /** Confidence of the reply (calibrated intent probability, FAQ cosine, or the best intent's when rejected). */
  confidence?: number;
  /** Nearest-example similarity of the best intent. */
  similarity?: number;
}

/** What went wrong with one message. */
export const MistakeKind = {
  /** In scope, answered with the wrong intent or FAQ entry. */
  WrongAnswer: 'wrong-answer',
  /** Off-topic, but answered. */
  AnsweredOffTopic: 'answered-off-topic',
  /** In scope, but rejected (fallback or escalation). */
  RejectedInScope: 'rejected-in-scope',
} as const;
export type MistakeKind = (typeof MistakeKind)[keyof typeof MistakeKind];

/** One wrong message, as `support-bot eval` lists it. */
export interface EvalMistake {
  kind: MistakeKind;
  text: string;
  expected: string;
  got: string;
  confidence?: number;
  similarity?: number;
}

export interface EvalReport {
  count: number;
  /** Share of messages whose decided label equals the gold label. */
  accuracy: number;
  /** Unweighted mean F1 over gold labels (out-of-scope counts as one label). */
  macroF1: number;
  /** Intent rows only: top-ranked intent is right, thresholds ignored (the literature's figure). */
  closedSetAccuracy: number | null;
  /** In-scope rows (intent and FAQ): decided label is right, so a wrong rejection counts as an error. */
  inScopeAccuracy: number | null;
  /** Out-of-scope rows: recall (rejected) and precision (rejections that were out of scope). */
  outOfScope: { count: number; recall: number; precision: number } | null;
  /** The most frequent (gold -> predicted) errors. */
  confusedPairs: { gold: string; predicted: string; count: number }[];
  /** Every wrong message, grouped by kind (in {@link MistakeKind} order), then by expected label. */
  mistakes: EvalMistake[];
  latencyMs: { p50: number; p95: number; embedP50: number; embedP95: number };
}

/** Computes the report the eval CLI prints (and `--json` emits). */
export function summarizeEval(
  predictions: readonly EvalPrediction[],
  oosLabel: string,
): EvalReport {
  const count = predictions.length;
  const share = (n: number, d: number) => (d === 0 ? 0 : n / d);
  const correct = predictions.filter((p) => p.predicted === p.gold).length;

  const intentRows = predictions.filter((p) => p.gold !== oosLabel && !p.gold.startsWith('faq:'));
  const inScope = predictions.filter((p) => p.gold !== oosLabel);
  const oosRows = predictions.filter((p) => p.gold === oosLabel);
  const rejected = predictions.filter((p) => p.predicted === oosLabel);

  const labels = new Set(predictions.map((p) => p.gold));
  let f1Sum = 0;
  for (const label of labels) {
    const tp = predictions.filter((p) => p.gold === label && p.predicted === label).length;
    const fp = predictions.filter((p) => p.gold !== label && p.predicted === label).length;
    const fn = predictions.filter((p) => p.gold === label && p.predicted !== label).length;
    f1Sum += tp === 0 ? 0 : (2 * tp) / (2 * tp + fp + fn);
  }

  const pairs = new Map<string, number>();
  for (const p of predictions) {
    if (p.predicted === p.gold) continue;
    const key = `${p.gold}\u0000${p.predicted}`;
    pairs.set(key, (pairs.get(key) ?? 0) + 1);
  }
  const confusedPairs = [...pairs.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 10)
    .map(([key, n]) => {
      const [gold, predicted] = key.split('\u0000') as [string, string];
      return { gold, predicted, count: n };
    });

  const order = Object.values(MistakeKind);
  const mistakes = predictions
    .filter((p) => p.predicted !== p.gold)
    .map(
      (p): EvalMistake => ({
        kind:
          p.gold === oosLabel
            ? MistakeKind.AnsweredOffTopic
            : p.predicted === oosLabel
              ? MistakeKind.RejectedInScope
              : MistakeKind.WrongAnswer,
        text: p.text,
        expected: p.gold,
        got: p.predicted,
        ...(p.confidence !== undefined && { confidence: p.confidence }),
        ...(p.similarity !== undefined && { similarity: p.similarity }),
      }),
    )
    .sort(
      (a, b) =>
        order.indexOf(a.kind) - order.indexOf(b.kind) || a.expected.localeCompare(b.expected),
    );

  const totals = predictions.map((p) => p.totalMs);
  const embeds = predictions.map((p) => p.embedMs);
  return {
    count,
    accuracy: share(correct, count),
    macroF1: labels.size === 0 ? 0 : f1Sum / labels.size,
    closedSetAccuracy:
      intentRows.length === 0
        ? null
        : share(intentRows.filter((p) => p.topIntent === p.gold).length, intentRows.length),
    inScopeAccuracy:
      inScope.length === 0
        ? null
        : share(inScope.filter((p) => p.predicted === p.gold).length, inScope.length),
    outOfScope:
      oosRows.length === 0
        ? null
        : {
            count: oosRows.length,
            recall: share(oosRows.filter((p) => p.predicted === oosLabel).length, oosRows.length),
            precision: share(rejected.filter((p) => p.gold === oosLabel).length, rejected.length),
          },
    confusedPairs,
    mistakes,
    latencyMs: {
      p50: quantile(totals, 0.5),
      p95: quantile(totals, 0.95),
      embedP50: quantile(embeds, 0.5),
      embedP95: quantile(embeds, 0.95),
    },
  };
}
