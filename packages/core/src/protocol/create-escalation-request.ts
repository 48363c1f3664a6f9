import { type RedactOptions, redactPII } from '../redact/redact-pii.js';
import {
  DEFAULT_LIMITS,
  type EscalationFaqHit,
  type EscalationIntent,
  type EscalationMessage,
  type EscalationRequest,
} from './escalation-request.js';

/** What the widget knows when it escalates. */
export interface EscalationInput {
  /** The conversation so far, oldest first; the last turn must be the visitor's. */
  messages: readonly EscalationMessage[];
  locale: string;
  bot: { name: string; language: string };
  intents?: readonly EscalationIntent[];
  faq?: readonly EscalationFaqHit[];
  conversationId?: string;
  /** Default true. */
  stream?: boolean;
}

export interface CreateEscalationRequestOptions {
  /** Redaction options, or `false` to send text as is (not recommended). Default `{}`: all kinds. */
  redact?: RedactOptions | false;
  /** Keep only the last N turns. Default 20 (the adapter's default limit). */
  maxMessages?: number;
  /** Cut each turn to this many characters. Default 2,000. */
  maxMessageChars?: number;
}

/**
 * Builds the body the widget POSTs to the adapter: the recent turns with personal data redacted
 * (`[email]`, `[phone]`, `[card]`, `[iban]`), trimmed to the adapter's default limits, plus the
 * local model's candidates and FAQ hits (cut to the default limits, so the adapter accepts it).
 *
 * @example
 * const body = createEscalationRequest({
 *   messages: [{ role: 'user', text: 'My card 4111 1111 1111 1111 was charged twice' }],
 *   locale: 'en', bot: { name: 'Acme', language: 'en' }, intents, faq,
 * });
 * // body.messages[0].text === 'My card [card] was charged twice'
 * await fetch('/api/support', { method: 'POST', headers: { 'content-type': 'application/json' },
 *   body: JSON.stringify(body) });
 */
export function createEscalationRequest(
  input: EscalationInput,
  options: CreateEscalationRequestOptions = {},
): EscalationRequest {
  const maxMessages = options.maxMessages ?? DEFAULT_LIMITS.maxMessages;
  const maxChars = options.maxMessageChars ?? DEFAULT_LIMITS.maxMessageChars;
  // The page's locale is the redaction's hint for bare national phone numbers.
  const redact = options.redact === false ? false : { locale: input.locale, ...options.redact };
  const messages = input.messages
    .filter((m) => m.text.trim() !== '')
    .slice(-maxMessages)
    .map((m) => {
      const text = redact === false ? m.text : redactPII(m.text, redact).text;
      return { role: m.role, text: text.slice(0, maxChars) };
    });
  return {
    version: 1,
    messages,
    locale: input.locale,
    bot: { name: input.bot.name, language: input.bot.language },
    // Only the wire fields: the adapter rejects unknown keys at every level.
    intents: (input.intents ?? []).slice(0, DEFAULT_LIMITS.maxIntents).map((i) => ({
      id: i.id,
      confidence: Math.min(1, Math.max(0, i.confidence)),
      ...(i.similarity !== undefined && { similarity: i.similarity }),
    })),
    faq: (input.faq ?? []).slice(0, DEFAULT_LIMITS.maxFaqHits).map((f) => ({
      id: f.id,
      question: f.question.slice(0, DEFAULT_LIMITS.maxFaqChars),
      answer: f.answer.slice(0, DEFAULT_LIMITS.maxFaqChars),
      ...(f.url !== undefined && { url: f.url }),
      score: f.score,
    })),
    ...(input.conversationId !== undefined && { conversationId: input.conversationId }),
    ...(input.stream !== undefined && { stream: input.stream }),
  };
}
