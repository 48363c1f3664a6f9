import type { BotConfig, BotResponse, FaqHit, IntentCandidate, ReplyKind } from '../types.js';

export interface EffectiveThresholds {
  /** Minimum calibrated intent confidence. */
  intent: number;
  /** Minimum similarity to the nearest example of the chosen intent. */
  similarity: number;
  /** Minimum similarity of the best FAQ phrasing. */
  faq: number;
  /**
   * Minimum of (nearest-example similarity of the chosen intent) minus (similarity of the
   * nearest off-topic example); absent when the bot keeps no off-topic examples.
   */
  margin?: number;
}

export interface Decision {
  kind: ReplyKind;
  intent?: IntentCandidate;
  faq?: FaqHit;
  confidence: number;
}

/**
 * Picks the answer from the evidence. An intent is accepted when its calibrated confidence and
 * its nearest-example similarity both clear their thresholds and (with off-topic examples, see
 * `out-of-scope/`) that similarity beats the nearest off-topic example's by the margin; an FAQ entry when its best
 * phrasing is similar enough. When an intent is accepted, an FAQ entry whose phrasing is closer
 * than the intent's nearest example wins if it clears the intent's similarity bar (both are
 * cosines to owner-written phrasings in one embedding space). Otherwise escalate (if enabled)
 * or fall back.
 */
export function decide(
  config: BotConfig,
  intents: readonly IntentCandidate[],
  faq: readonly FaqHit[],
  thresholds: EffectiveThresholds,
  evidence: { offTopic?: number; offTopicOwned?: number } = {},
): Decision {
  const { offTopic, offTopicOwned = -1 } = evidence;
  const top = intents[0];
  const margin = thresholds.margin;
  // The owner's own outOfScope lines are a rule, not a score: closer to one than to the intent's
  // nearest example means no answer, whatever the fitted margin.
  const intentOk =
    top !== undefined &&
    top.confidence >= thresholds.intent &&
    top.similarity >= thresholds.similarity &&
    (margin === undefined || offTopic === undefined || top.similarity - offTopic >= margin) &&
    top.similarity > offTopicOwned;
  // An FAQ entry answers only when the message is closer to it than to every off-topic example.
  const faqOk = (h: FaqHit) => offTopic === undefined || h.similarity > offTopic;
  const hit = faq[0];
  if (intentOk) {
    // An FAQ phrasing closer than the intent's nearest example wins, provided it clears the same
    // similarity bar the intent had to clear.
    const bar = Math.min(thresholds.faq, thresholds.similarity);
    if (hit && hit.similarity > top.similarity && hit.similarity >= bar && faqOk(hit)) {
      return { kind: 'faq', faq: hit, confidence: hit.similarity };
    }
    return { kind: 'intent', intent: top, confidence: top.confidence };
  }
  if (hit && hit.similarity >= thresholds.faq && faqOk(hit)) {
    return { kind: 'faq', faq: hit, confidence: hit.similarity };
  }
  return {
    kind: config.escalation.enabled ? 'escalate' : 'fallback',
    confidence: top?.confidence ?? 0,
  };
}

/**
 * Lexical-only decision when the model is unavailable: the item (intent or FAQ entry) whose
 * best document covers most of the message's words, if it covers at least half of them.
 */
export function decideLexical(
  config: BotConfig,
  intent: { id: string; coverage: number } | undefined,
  faq: { hit: FaqHit; coverage: number } | undefined,
): Decision {
  const minCoverage = 0.5;
  const intentCoverage = intent?.coverage ?? 0;
  const faqCoverage = faq?.coverage ?? 0;
  if (intent && intentCoverage >= minCoverage && intentCoverage >= faqCoverage) {
    return {
      kind: 'intent',
      intent: { id: intent.id, confidence: intentCoverage, similarity: Number.NaN },
      confidence: intentCoverage,
    };
  }
  if (faq && faqCoverage >= minCoverage)
    return { kind: 'faq', faq: faq.hit, confidence: faqCoverage };
  return { kind: config.escalation.enabled ? 'escalate' : 'fallback', confidence: 0 };
}

export function responseFor(config: BotConfig, decision: Decision): BotResponse {
  if (decision.kind === 'intent') {
    return config.intents.find((i) => i.id === decision.intent!.id)!.response;
  }
  if (decision.kind === 'faq') {
    const entry = config.faq.find((e) => e.id === decision.faq!.id)!;
    return {
      text: entry.answer,
      format: entry.format,
      quickReplies: [],
      links: entry.url ? [{ label: entry.question, url: entry.url }] : [],
    };
  }
  return config.fallback;
}
