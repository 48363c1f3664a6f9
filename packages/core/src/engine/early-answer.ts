import { ErrorCode, SupportBotError } from '../errors.js';
import { now } from '../internal/now.js';
import { LexicalIndex } from '../retrieval/lexical-index.js';
import { createTokenizer } from '../retrieval/tokenize.js';
import type { BotConfig, BotReply, FaqHit, ReplySource } from '../types.js';
import { type Decision, responseFor } from './decide.js';
import { isReadable, normalizeMessage } from './normalize-message.js';

/**
 * The bar a word match must clear to be answered before the model is ready: at least 80% of the
 * message's content words (all of them up to four) appear in one phrasing of one intent or FAQ
 * question, the message has at least two content words, and the best match's BM25 score leads
 * the next answer's by `margin`.
 * Chosen on the example bots' eval sets so an early answer is at least as precise as the model's
 * (see docs/decisions/0008-first-answer-and-loading.md and tests/e2e/widget-first-answer-bar.test.ts).
 */
export const EARLY_ANSWER_BAR = { coverage: 0.8, minTerms: 2, margin: 1.5 } as const;

/** One scored candidate of an early answer (for measuring the bar). */
export interface EarlyCandidate {
  /** `form` (an intent with slots or an action) and `out-of-scope` are never answered early. */
  kind: 'intent' | 'faq' | 'form' | 'out-of-scope';
  /** Intent or FAQ id (undefined for an out-of-scope line). */
  id?: string;
  coverage: number;
  terms: number;
  /** Best score divided by the best score of another answer (Infinity when there is none). */
  lead: number;
}

/**
 * Word matching on a bot file alone (no model): intent examples and labels and FAQ questions and
 * alternatives. Forms (intents with slots or an action: they need the model's slot filling) and
 * the bot's `outOfScope` lines are indexed too, as owners that are never answered, so a message
 * closest to one of them waits for the model instead of going to the next best plain intent.
 * Built in milliseconds, before the model loads.
 */
export class EarlyAnswers {
  private readonly _index: LexicalIndex;
  private readonly _owners: { kind: EarlyCandidate['kind']; id?: string }[] = [];
  private readonly _tokenize: (text: string) => string[];

  constructor(
    private readonly _config: BotConfig,
    private readonly _bar: {
      coverage: number;
      minTerms: number;
      margin: number;
    } = EARLY_ANSWER_BAR,
  ) {
    const docs: { owner: number; text: string }[] = [];
    const add = (kind: EarlyCandidate['kind'], texts: readonly string[], id?: string) => {
      const owner = this._owners.push({ kind, ...(id !== undefined && { id }) }) - 1;
      for (const text of texts) docs.push({ owner, text });
    };
    for (const intent of _config.intents) {
      const form = (intent.slots?.length ?? 0) > 0 || intent.action !== undefined;
      const texts = intent.label ? [...intent.examples, intent.label] : intent.examples;
      add(form ? 'form' : 'intent', texts, intent.id);
    }
    for (const entry of _config.faq) add('faq', [entry.question, ...entry.alternatives], entry.id);
    if (_config.outOfScope.length > 0) add('out-of-scope', _config.outOfScope);
    this._index = new LexicalIndex(docs, _config.language);
    this._tokenize = createTokenizer(_config.language);
  }

  /** The best word match of `message` and how far it leads, or undefined when nothing matches. */
  candidate(message: string): EarlyCandidate | undefined {
    const hits = this._index.search(message, 2);
    const best = hits[0];
    if (!best) return undefined;
    const owner = this._owners[best.owner]!;
    const next = hits[1];
    return {
      kind: owner.kind,
      ...(owner.id !== undefined && { id: owner.id }),
      coverage: best.coverage,
      terms: new Set(this._tokenize(message)).size,
      lead: next && next.score > 0 ? best.score / next.score : Number.POSITIVE_INFINITY,
    };
  }

  /** A decision to answer now, or undefined when the match is not sure enough. */
  decide(message: string): Decision | undefined {
    const c = this.candidate(message);
    const bar = this._bar;
    if (!c || (c.kind !== 'intent' && c.kind !== 'faq') || c.id === undefined) return undefined;
    if (c.coverage < bar.coverage || c.terms < bar.minTerms || c.lead < bar.margin)
      return undefined;
    if (c.kind === 'intent')
      return {
        kind: 'intent',
        intent: { id: c.id, confidence: c.coverage, similarity: Number.NaN },
        confidence: c.coverage,
      };
    const entry = this._config.faq.find((e) => e.id === c.id)!;
    return {
      kind: 'faq',
      faq: {
        id: entry.id,
        question: entry.question,
        answer: entry.answer,
        ...(entry.url !== undefined && { url: entry.url }),
        score: c.coverage,
        similarity: Number.NaN,
        lexical: c.coverage,
      },
      confidence: c.coverage,
    };
  }
}

/**
 * Turns a decision into the visitor's reply (text, quick replies, links, sources). Shared by the
 * model's answers and by {@link BotFileAnswers}.
 */
export function botReply(
  config: BotConfig,
  decision: Decision,
  candidates: BotReply['candidates'],
  degraded: boolean,
  timings: BotReply['timings'],
): BotReply {
  const response = responseFor(config, decision);
  const sources: ReplySource[] = [];
  if (decision.kind === 'intent') {
    const intent = config.intents.find((i) => i.id === decision.intent!.id)!;
    sources.push({ kind: 'intent', id: intent.id, title: intent.label ?? intent.id });
  } else if (decision.kind === 'faq') {
    const hit = decision.faq!;
    sources.push({
      kind: 'faq',
      id: hit.id,
      title: hit.question,
      ...(hit.url !== undefined && { url: hit.url }),
    });
  }
  return {
    kind: decision.kind,
    text: response.text,
    format: response.format,
    quickReplies: response.quickReplies,
    links: response.links,
    sources,
    confidence: decision.confidence,
    ...(decision.intent && decision.kind === 'intent' && { intent: decision.intent }),
    ...(decision.faq && { faq: decision.faq }),
    candidates,
    degraded,
    timings,
  };
}

/**
 * The answers a bot file gives without any model: a chip's target ({@link answerWith}) and a
 * sure word match ({@link answerEarly}). `SupportBot` uses it, and so does a page or worker that
 * must answer while the model loads elsewhere (`@support-bot/core/early`, no model code).
 */
export class BotFileAnswers {
  private _early?: EarlyAnswers;

  constructor(readonly config: BotConfig) {}

  /** Builds the word index now (else on the first `answerEarly`), a few ms per hundred phrasings. */
  prepare(): void {
    this._early ??= new EarlyAnswers(this.config);
  }

  /** See `SupportBot.answerEarly`: a reply only when the word match clears `EARLY_ANSWER_BAR`. */
  answerEarly(text: string): BotReply | undefined {
    const started = now();
    const message = normalizeMessage(text);
    if (!isReadable(message)) return undefined;
    this.prepare();
    const decision = this._early!.decide(message);
    if (!decision) return undefined;
    const candidates = {
      intents: decision.intent ? [decision.intent] : [],
      faq: decision.faq ? [decision.faq] : [],
    };
    const total = now() - started;
    const timings = { normalize: 0, tokenize: 0, embed: 0, classify: 0, retrieve: total, total };
    return botReply(this.config, decision, candidates, false, timings);
  }

  /**
   * Answers with a known intent or FAQ entry (a chip whose target is set in the bot file).
   * @throws {SupportBotError} `USAGE` when the bot file has no such intent or entry.
   */
  answerWith(target: { intent: string } | { faq: string }): BotReply {
    let decision: Decision;
    if ('intent' in target) {
      if (!this.config.intents.some((i) => i.id === target.intent)) {
        throw new SupportBotError(
          ErrorCode.USAGE,
          `Failed to answer with intent "${target.intent}": the bot has no such intent. Please use an id from the bot file.`,
        );
      }
      decision = {
        kind: 'intent',
        intent: { id: target.intent, confidence: 1, similarity: 1 },
        confidence: 1,
      };
    } else {
      decision = { kind: 'faq', faq: this._faqHit(target.faq), confidence: 1 };
    }
    const candidates = {
      intents: decision.intent ? [decision.intent] : [],
      faq: decision.faq ? [decision.faq] : [],
    };
    const zero = { normalize: 0, tokenize: 0, embed: 0, classify: 0, retrieve: 0, total: 0 };
    return botReply(this.config, decision, candidates, false, zero);
  }

  private _faqHit(id: string): FaqHit {
    const entry = this.config.faq.find((e) => e.id === id);
    if (!entry) {
      throw new SupportBotError(
        ErrorCode.USAGE,
        `Failed to answer with FAQ entry "${id}": the bot has no such entry. Please use an id from the bot file.`,
      );
    }
    return {
      id,
      question: entry.question,
      answer: entry.answer,
      ...(entry.url !== undefined && { url: entry.url }),
      score: 1,
      similarity: 1,
      lexical: 0,
    };
  }
}
