import type { EscalationErrorCode } from './escalation-events.js';
import {
  DEFAULT_LIMITS,
  type EscalationLimits,
  type EscalationRequest,
  PROTOCOL_VERSION,
} from './escalation-request.js';

/** One problem with a request: where, what is expected, and the error code it maps to. */
export interface RequestIssue {
  code: EscalationErrorCode;
  /** Path of the bad field, e.g. `messages[2].text`; `''` for the whole body. */
  field: string;
  /** What is expected, e.g. `must be "user" or "assistant"`. */
  message: string;
}

export type ValidationResult =
  | { ok: true; value: EscalationRequest }
  | { ok: false; issues: RequestIssue[] };

const TOP_KEYS = new Set([
  'version',
  'messages',
  'locale',
  'bot',
  'intents',
  'faq',
  'conversationId',
  'stream',
]);
const LOCALE_RE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
const BOT_KEYS = new Set(['name', 'language']);
const INTENT_KEYS = new Set(['id', 'confidence', 'similarity']);
const FAQ_KEYS = new Set(['id', 'question', 'answer', 'url', 'score']);
const ID_RE = /^[\w.:-]{1,128}$/;
const MAX_ISSUES = 20;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isScore = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Checks a parsed JSON body against the escalation wire schema and the size `limits`, and returns
 * a clean copy (unknown keys are errors at every level, so a typo is never silently ignored). Hand-written to
 * keep the widget's bundle small; every issue names the field and what is expected.
 *
 * @param limits Default {@link DEFAULT_LIMITS}.
 * @example
 * const result = validateEscalationRequest(JSON.parse(body));
 * if (!result.ok) console.log(result.issues[0].field, result.issues[0].message);
 */
export function validateEscalationRequest(
  body: unknown,
  limits: Partial<EscalationLimits> = {},
): ValidationResult {
  const lim = { ...DEFAULT_LIMITS, ...limits };
  const issues: RequestIssue[] = [];
  const fail = (field: string, message: string, code: EscalationErrorCode = 'INVALID_REQUEST') => {
    if (issues.length < MAX_ISSUES) issues.push({ code, field, message });
  };
  const onlyKeys = (o: Obj, allowed: Set<string>, at: string, what: string) => {
    for (const key of Object.keys(o)) {
      if (!allowed.has(key)) fail(`${at}.${key}`, `is not a field of ${what}`);
    }
  };
  const text = (v: unknown, field: string, max: number, code: EscalationErrorCode) => {
    if (typeof v !== 'string' || v.trim() === '') fail(field, 'must be a non-empty string');
    else if (v.length > max)
      fail(field, `must be at most ${max} characters (got ${v.length})`, code);
  };

  if (!isObject(body)) {
    fail('', 'must be a JSON object');
    return { ok: false, issues };
  }
  for (const key of Object.keys(body)) {
    if (!TOP_KEYS.has(key)) fail(key, 'is not a field of the escalation request');
  }
  if (body.version !== PROTOCOL_VERSION) {
    fail('version', `must be ${PROTOCOL_VERSION}`, 'UNSUPPORTED_VERSION');
  }

  const messages = body.messages;
  if (!Array.isArray(messages) || messages.length === 0) {
    fail('messages', 'must be a non-empty array of { role, text }');
  } else if (messages.length > lim.maxMessages) {
    fail(
      'messages',
      `must have at most ${lim.maxMessages} turns (got ${messages.length})`,
      'TOO_MANY_MESSAGES',
    );
  } else {
    for (const [i, m] of messages.entries()) {
      const at = `messages[${i}]`;
      if (!isObject(m)) {
        fail(at, 'must be an object { role, text }');
        continue;
      }
      if (m.role !== 'user' && m.role !== 'assistant') {
        fail(`${at}.role`, 'must be "user" or "assistant"');
      }
      text(m.text, `${at}.text`, lim.maxMessageChars, 'MESSAGE_TOO_LONG');
      for (const key of Object.keys(m)) {
        if (key !== 'role' && key !== 'text') fail(`${at}.${key}`, 'is not a field of a message');
      }
    }
    if (isObject(messages.at(-1)) && (messages.at(-1) as Obj).role === 'assistant') {
      fail(`messages[${messages.length - 1}].role`, 'must be "user": the last turn is the visitor');
    }
  }

  if (typeof body.locale !== 'string' || !LOCALE_RE.test(body.locale) || body.locale.length > 35) {
    fail('locale', 'must be a BCP 47 language tag such as "en" or "zh-CN"');
  }
  if (!isObject(body.bot)) {
    fail('bot', 'must be an object { name, language }');
  } else {
    text(body.bot.name, 'bot.name', 200, 'INVALID_REQUEST');
    if (
      typeof body.bot.language !== 'string' ||
      !LOCALE_RE.test(body.bot.language) ||
      body.bot.language.length > 35
    ) {
      fail('bot.language', 'must be a BCP 47 language tag such as "en" or "zh"');
    }
    onlyKeys(body.bot, BOT_KEYS, 'bot', 'bot');
  }

  if (!Array.isArray(body.intents)) {
    fail('intents', 'must be an array of { id, confidence } (may be empty)');
  } else if (body.intents.length > lim.maxIntents) {
    fail('intents', `must have at most ${lim.maxIntents} entries`, 'LIMIT_EXCEEDED');
  } else {
    for (const [i, it] of body.intents.entries()) {
      const at = `intents[${i}]`;
      if (!isObject(it)) {
        fail(at, 'must be an object { id, confidence }');
        continue;
      }
      if (typeof it.id !== 'string' || !ID_RE.test(it.id)) fail(`${at}.id`, 'must be an intent id');
      if (!isScore(it.confidence) || it.confidence < 0 || it.confidence > 1) {
        fail(`${at}.confidence`, 'must be a number from 0 to 1');
      }
      if (it.similarity !== undefined && !isScore(it.similarity)) {
        fail(`${at}.similarity`, 'must be a number');
      }
      onlyKeys(it, INTENT_KEYS, at, 'an intent');
    }
  }

  if (!Array.isArray(body.faq)) {
    fail('faq', 'must be an array of { id, question, answer, score } (may be empty)');
  } else if (body.faq.length > lim.maxFaqHits) {
    fail('faq', `must have at most ${lim.maxFaqHits} entries`, 'LIMIT_EXCEEDED');
  } else {
    for (const [i, hit] of body.faq.entries()) {
      const at = `faq[${i}]`;
      if (!isObject(hit)) {
        fail(at, 'must be an object { id, question, answer, score }');
        continue;
      }
      if (typeof hit.id !== 'string' || !ID_RE.test(hit.id)) fail(`${at}.id`, 'must be an FAQ id');
      text(hit.question, `${at}.question`, lim.maxFaqChars, 'LIMIT_EXCEEDED');
      text(hit.answer, `${at}.answer`, lim.maxFaqChars, 'LIMIT_EXCEEDED');
      if (hit.url !== undefined && (typeof hit.url !== 'string' || hit.url.length > 2000)) {
        fail(`${at}.url`, 'must be a string (a URL)');
      }
      if (!isScore(hit.score)) fail(`${at}.score`, 'must be a number');
      onlyKeys(hit, FAQ_KEYS, at, 'an FAQ hit');
    }
  }

  if (
    body.conversationId !== undefined &&
    (typeof body.conversationId !== 'string' || !ID_RE.test(body.conversationId))
  ) {
    fail('conversationId', 'must be 1-128 letters, digits or "-_.:"');
  }
  if (body.stream !== undefined && typeof body.stream !== 'boolean') {
    fail('stream', 'must be true or false');
  }
  if (issues.length > 0) return { ok: false, issues };

  const b = body as unknown as EscalationRequest;
  const value: EscalationRequest = {
    version: 1,
    messages: b.messages.map((m) => ({ role: m.role, text: m.text })),
    locale: b.locale,
    bot: { name: b.bot.name, language: b.bot.language },
    intents: b.intents.map((it) => ({
      id: it.id,
      confidence: it.confidence,
      ...(it.similarity !== undefined && { similarity: it.similarity }),
    })),
    faq: b.faq.map((f) => ({
      id: f.id,
      question: f.question,
      answer: f.answer,
      ...(f.url !== undefined && { url: f.url }),
      score: f.score,
    })),
    ...(b.conversationId !== undefined && { conversationId: b.conversationId }),
    ...(b.stream !== undefined && { stream: b.stream }),
  };
  return { ok: true, value };
}
