/** Version of the escalation wire protocol. */
export const PROTOCOL_VERSION = 1;

/** What the widget sends when the local model is unsure. */
export interface EscalationRequest {
  version: 1;
  /** Recent turns, oldest first; the last is the visitor's message. */
  messages: { role: 'user' | 'assistant'; text: string }[];
  locale: string;
  bot: { name: string; language: string };
  /** The local model's intent candidates, best first. */
  intents: { id: string; confidence: number }[];
  /** Top FAQ hits from local retrieval: what the answer must be grounded in. */
  faq: { id: string; question: string; answer: string; url?: string }[];
  /** Default true: server-sent events; false: one JSON body. */
  stream?: boolean;
}

/** Server-sent events of a streamed answer (`event: <type>`, `data: <json>`). */
export type EscalationEvent =
  | { type: 'delta'; text: string }
  | { type: 'done'; finishReason: string; fallback?: boolean }
  | { type: 'error'; code: string; message: string; retryable: boolean };

/** Checks a parsed body; returns the first problem as `path: expectation`, or undefined. */
export function requestProblem(
  body: unknown,
  limits: { maxMessages: number; maxMessageChars: number },
): string | undefined {
  if (typeof body !== 'object' || body === null) return 'body: must be a JSON object';
  const b = body as Record<string, unknown>;
  if (b.version !== 1) return 'version: must be 1';
  if (!Array.isArray(b.messages) || b.messages.length === 0)
    return 'messages: must be a non-empty array';
  if (b.messages.length > limits.maxMessages)
    return `messages: at most ${limits.maxMessages} turns`;
  for (const [i, m] of b.messages.entries()) {
    const turn = m as Record<string, unknown>;
    if (turn?.role !== 'user' && turn?.role !== 'assistant')
      return `messages[${i}].role: must be "user" or "assistant"`;
    if (typeof turn.text !== 'string' || turn.text.trim() === '')
      return `messages[${i}].text: must be a non-empty string`;
    if (turn.text.length > limits.maxMessageChars)
      return `messages[${i}].text: at most ${limits.maxMessageChars} characters`;
  }
  if (typeof b.locale !== 'string') return 'locale: must be a string';
  const bot = b.bot as Record<string, unknown> | undefined;
  if (typeof bot?.name !== 'string' || typeof bot.language !== 'string')
    return 'bot: must be { name, language }';
  if (!Array.isArray(b.intents)) return 'intents: must be an array';
  if (!Array.isArray(b.faq) || b.faq.length > 10)
    return 'faq: must be an array of at most 10 entries';
  for (const [i, f] of b.faq.entries()) {
    const hit = f as Record<string, unknown>;
    if (typeof hit?.question !== 'string' || typeof hit.answer !== 'string')
      return `faq[${i}]: must have question and answer strings`;
  }
  if (b.stream !== undefined && typeof b.stream !== 'boolean') return 'stream: must be a boolean';
  return undefined;
}
