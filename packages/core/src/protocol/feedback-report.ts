import { type RedactOptions, redactPII } from '../redact/redact-pii.js';

/** Why a visitor's message was reported. */
export const FeedbackKind = {
  /** The visitor rated a reply thumbs up. */
  THUMBS_UP: 'thumbs_up',
  /** The visitor rated a reply thumbs down. */
  THUMBS_DOWN: 'thumbs_down',
  /** The bot fell back: no intent or FAQ entry matched. */
  UNANSWERED: 'unanswered',
  /** The bot escalated to the server's LLM. */
  ESCALATED: 'escalated',
  /** The bot answered, but with low confidence. */
  LOW_CONFIDENCE: 'low_confidence',
} as const;
export type FeedbackKind = (typeof FeedbackKind)[keyof typeof FeedbackKind];

/** What kind of answer the bot gave (the engine's `ReplyKind`). */
export type FeedbackReplyKind = 'intent' | 'faq' | 'fallback' | 'escalate';

/**
 * One opt-in report from the widget to the adapter's feedback endpoint, stored as one line of
 * JSON (or one Redis stream entry). `text` is PII-redacted in the browser before it is sent, and
 * again by the adapter. `id` is made by the browser, so a report retried after a failure is
 * recognised as the same report when the store is read.
 */
export interface FeedbackReport {
  version: 1;
  /** Random id made by the browser (letters, digits, `-_.:`). */
  id: string;
  kind: FeedbackKind;
  /** The visitor's message, redacted (`[email]`, `[phone]`, `[card]`, `[iban]`). */
  text: string;
  /** What the bot answered: the kind, the intent or FAQ id, and its confidence. */
  reply?: { kind: FeedbackReplyKind; id?: string; confidence: number };
  /** The bot's best candidates for the message (ids and scores only). */
  candidates?: {
    intents: { id: string; confidence: number }[];
    faq: { id: string; similarity: number }[];
  };
  bot: { name: string; language: string };
  /** The widget's UI language. */
  locale?: string;
  conversationId?: string;
  /** ISO 8601 time the visitor sent it. */
  at: string;
}

/** Size limits of a report, shared by the widget (which cuts to them) and the adapter. */
export const FEEDBACK_LIMITS = {
  /** Characters of the visitor's message kept. */
  maxTextChars: 2000,
  /** Candidates of each kind kept. */
  maxCandidates: 5,
  /** Bytes of one request body the adapter reads. */
  maxBodyBytes: 16 * 1024,
} as const;

/** One problem with a report: the field path and what is expected. */
export interface FeedbackIssue {
  /** Path of the bad field, e.g. `candidates.intents[0].confidence`; `''` for the whole body. */
  field: string;
  message: string;
}

export type FeedbackValidationResult =
  | { ok: true; value: FeedbackReport }
  | { ok: false; issues: FeedbackIssue[] };

const KINDS: readonly string[] = Object.values(FeedbackKind);
const REPLY_KINDS: readonly string[] = ['intent', 'faq', 'fallback', 'escalate'];
const TOP_KEYS = new Set([
  'version',
  'id',
  'kind',
  'text',
  'reply',
  'candidates',
  'bot',
  'locale',
  'conversationId',
  'at',
]);
const ID_RE = /^[\w.:-]{1,128}$/;
const LOCALE_RE = /^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$/;
const ISO_RE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})$/;
const MAX_ISSUES = 20;
/** Longest `bot.language`, `locale` and `at`, in characters. */
const MAX_TAG_CHARS = 35;
const MAX_TIME_CHARS = 40;

type Obj = Record<string, unknown>;
const isObject = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const isNumber = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

/**
 * Checks a parsed report against the wire schema and {@link FEEDBACK_LIMITS}, and returns a clean
 * copy (unknown keys are errors, so a typo is never silently ignored). Every issue names the
 * field and what is expected.
 *
 * @example
 * const result = validateFeedbackReport(JSON.parse(line));
 * if (!result.ok) console.log(result.issues[0].field, result.issues[0].message);
 */
export function validateFeedbackReport(body: unknown): FeedbackValidationResult {
  const issues: FeedbackIssue[] = [];
  const fail = (field: string, message: string) => {
    if (issues.length < MAX_ISSUES) issues.push({ field, message });
  };
  const id = (v: unknown, field: string, what: string) => {
    if (typeof v !== 'string' || !ID_RE.test(v))
      fail(field, `must be ${what}: 1-128 letters, digits or "-_.:"`);
  };
  if (!isObject(body)) {
    fail('', 'must be a JSON object');
    return { ok: false, issues };
  }
  for (const key of Object.keys(body)) {
    if (!TOP_KEYS.has(key)) fail(key, 'is not a field of a feedback report');
  }
  if (body.version !== 1) fail('version', 'must be 1');
  id(body.id, 'id', 'a report id');
  if (typeof body.kind !== 'string' || !KINDS.includes(body.kind)) {
    fail('kind', `must be one of ${KINDS.map((k) => `"${k}"`).join(', ')}`);
  }
  if (typeof body.text !== 'string' || body.text.trim() === '') {
    fail('text', 'must be a non-empty string');
  } else if (body.text.length > FEEDBACK_LIMITS.maxTextChars) {
    fail(
      'text',
      `must be at most ${FEEDBACK_LIMITS.maxTextChars} characters (got ${body.text.length})`,
    );
  }
  if (body.reply !== undefined) {
    const r = body.reply;
    if (!isObject(r)) fail('reply', 'must be an object { kind, id?, confidence }');
    else {
      if (typeof r.kind !== 'string' || !REPLY_KINDS.includes(r.kind)) {
        fail('reply.kind', `must be one of ${REPLY_KINDS.map((k) => `"${k}"`).join(', ')}`);
      }
      if (r.id !== undefined) id(r.id, 'reply.id', 'an intent or FAQ id');
      if (!isNumber(r.confidence)) fail('reply.confidence', 'must be a number');
      for (const key of Object.keys(r)) {
        if (!['kind', 'id', 'confidence'].includes(key))
          fail(`reply.${key}`, 'is not a field of reply');
      }
    }
  }
  if (body.candidates !== undefined) {
    const c = body.candidates;
    if (!isObject(c)) fail('candidates', 'must be an object { intents, faq }');
    else {
      for (const key of Object.keys(c)) {
        if (key !== 'intents' && key !== 'faq')
          fail(`candidates.${key}`, 'is not a field of candidates');
      }
      const list = (v: unknown, field: string, score: 'confidence' | 'similarity') => {
        if (!Array.isArray(v)) return fail(field, `must be an array of { id, ${score} }`);
        if (v.length > FEEDBACK_LIMITS.maxCandidates) {
          return fail(field, `must have at most ${FEEDBACK_LIMITS.maxCandidates} entries`);
        }
        for (const [i, e] of v.entries()) {
          if (!isObject(e)) {
            fail(`${field}[${i}]`, `must be an object { id, ${score} }`);
            continue;
          }
          id(e.id, `${field}[${i}].id`, 'an id');
          if (!isNumber(e[score])) fail(`${field}[${i}].${score}`, 'must be a number');
          for (const key of Object.keys(e)) {
            if (key !== 'id' && key !== score)
              fail(`${field}[${i}].${key}`, 'is not a field of a candidate');
          }
        }
      };
      list(c.intents, 'candidates.intents', 'confidence');
      list(c.faq, 'candidates.faq', 'similarity');
    }
  }
  if (!isObject(body.bot)) fail('bot', 'must be an object { name, language }');
  else {
    if (typeof body.bot.name !== 'string' || body.bot.name.length > 200) {
      fail('bot.name', 'must be a string of at most 200 characters');
    }
    if (
      typeof body.bot.language !== 'string' ||
      !LOCALE_RE.test(body.bot.language) ||
      body.bot.language.length > MAX_TAG_CHARS
    ) {
      fail('bot.language', 'must be a BCP 47 language tag such as "en" or "zh"');
    }
    for (const key of Object.keys(body.bot)) {
      if (key !== 'name' && key !== 'language') fail(`bot.${key}`, 'is not a field of bot');
    }
  }
  if (
    body.locale !== undefined &&
    (typeof body.locale !== 'string' ||
      !LOCALE_RE.test(body.locale) ||
      body.locale.length > MAX_TAG_CHARS)
  ) {
    fail('locale', 'must be a BCP 47 language tag such as "en" or "zh-CN"');
  }
  if (body.conversationId !== undefined) id(body.conversationId, 'conversationId', 'an id');
  if (
    typeof body.at !== 'string' ||
    body.at.length > MAX_TIME_CHARS ||
    !ISO_RE.test(body.at) ||
    Number.isNaN(Date.parse(body.at))
  ) {
    fail('at', 'must be an ISO 8601 time such as "2026-11-22T10:00:00Z"');
  }
  if (issues.length > 0) return { ok: false, issues };

  const b = body as unknown as FeedbackReport;
  const value: FeedbackReport = {
    version: 1,
    id: b.id,
    kind: b.kind,
    text: b.text,
    ...(b.reply && {
      reply: {
        kind: b.reply.kind,
        ...(b.reply.id !== undefined && { id: b.reply.id }),
        confidence: b.reply.confidence,
      },
    }),
    ...(b.candidates && {
      candidates: {
        intents: b.candidates.intents.map((e) => ({ id: e.id, confidence: e.confidence })),
        faq: b.candidates.faq.map((e) => ({ id: e.id, similarity: e.similarity })),
      },
    }),
    bot: { name: b.bot.name, language: b.bot.language },
    ...(b.locale !== undefined && { locale: b.locale }),
    ...(b.conversationId !== undefined && { conversationId: b.conversationId }),
    at: b.at,
  };
  return { ok: true, value };
}

/** What the widget knows when it reports. Scores may come straight from the engine's reply. */
export interface FeedbackInput {
  kind: FeedbackKind;
  /** The visitor's message, unredacted: it is redacted here. */
  text: string;
  reply?: {
    kind: FeedbackReplyKind;
    confidence: number;
    intent?: { id: string };
    faq?: { id: string };
    candidates?: {
      intents: readonly { id: string; confidence: number }[];
      faq: readonly { id: string; similarity: number }[];
    };
  };
  bot: { name: string; language: string };
  locale?: string;
  conversationId?: string;
  /** Default: a random id. */
  id?: string;
  /** Default: now. */
  at?: Date;
}

/** A random report id (`crypto.randomUUID` where it exists). */
function newReportId(): string {
  const c = (globalThis as { crypto?: { randomUUID?: () => string } }).crypto;
  if (c?.randomUUID) return c.randomUUID();
  return `${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 12)}`;
}

const finite = (n: number) => (Number.isFinite(n) ? n : 0);

/**
 * Builds the report the widget POSTs to the adapter's feedback endpoint: the visitor's message
 * with personal data redacted (`[email]`, `[phone]`, `[card]`, `[iban]`) and cut to
 * {@link FEEDBACK_LIMITS}, the answer's kind, id and confidence, and the candidates' ids and
 * scores (never answer texts).
 *
 * @example
 * const report = createFeedbackReport({ kind: 'thumbs_down', text: 'mail me at a@b.co', reply,
 *   bot: { name: 'Acme', language: 'en' } });
 * // report.text === 'mail me at [email]'
 */
export function createFeedbackReport(
  input: FeedbackInput,
  options: { redact?: RedactOptions } = {},
): FeedbackReport {
  const redact = {
    ...(input.locale !== undefined && { locale: input.locale }),
    ...options.redact,
  };
  const text = redactPII(input.text, redact).text.slice(0, FEEDBACK_LIMITS.maxTextChars);
  const r = input.reply;
  const replyId = r?.kind === 'intent' ? r.intent?.id : r?.kind === 'faq' ? r.faq?.id : undefined;
  return {
    version: 1,
    id: input.id ?? newReportId(),
    kind: input.kind,
    text,
    ...(r && {
      reply: {
        kind: r.kind,
        ...(replyId !== undefined && { id: replyId }),
        confidence: finite(r.confidence),
      },
    }),
    ...(r?.candidates && {
      candidates: {
        intents: r.candidates.intents
          .slice(0, FEEDBACK_LIMITS.maxCandidates)
          .map((c) => ({ id: c.id, confidence: finite(c.confidence) })),
        faq: r.candidates.faq
          .slice(0, FEEDBACK_LIMITS.maxCandidates)
          .map((c) => ({ id: c.id, similarity: finite(c.similarity) })),
      },
    }),
    bot: { name: input.bot.name, language: input.bot.language },
    ...(input.locale !== undefined && { locale: input.locale }),
    ...(input.conversationId !== undefined && { conversationId: input.conversationId }),
    at: (input.at ?? new Date()).toISOString(),
  };
}
