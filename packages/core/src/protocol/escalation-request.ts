/** Version of the escalation wire protocol; bumped on any incompatible change. */
export const PROTOCOL_VERSION = 1;

/** One turn of the conversation. */
export interface EscalationMessage {
  role: 'user' | 'assistant';
  text: string;
}

/** One of the local model's intent candidates. */
export interface EscalationIntent {
  id: string;
  /** Calibrated probability, 0..1. */
  confidence: number;
  /** Cosine similarity of the nearest example, -1..1, when known. */
  similarity?: number;
}

/** One FAQ entry the browser retrieved: what the LLM's answer is grounded in. */
export interface EscalationFaqHit {
  id: string;
  question: string;
  answer: string;
  url?: string;
  /** Retrieval score (higher is better); only the order matters. */
  score: number;
}

/** What the widget sends to the server adapter when the local model is unsure. */
export interface EscalationRequest {
  version: 1;
  /** Recent turns, oldest first; the last is the visitor's message. Redacted in the browser already. */
  messages: EscalationMessage[];
  /** BCP 47 tag of the visitor's language, e.g. `en`, `zh-CN`. */
  locale: string;
  bot: { name: string; language: string };
  /** The local model's intent candidates, best first. */
  intents: EscalationIntent[];
  /** Top FAQ hits from local retrieval: the grounding. */
  faq: EscalationFaqHit[];
  /** Opaque id the widget keeps for one conversation (letters, digits, `-_.:`). */
  conversationId?: string;
  /** Default true: server-sent events. false: one JSON body. */
  stream?: boolean;
}

/** Size limits a request must respect; the adapter lets the site lower or raise them. */
export interface EscalationLimits {
  /** Most turns in `messages`. Default 20. */
  maxMessages: number;
  /** Longest `messages[].text`, in characters. Default 2,000 (the widget's own input limit). */
  maxMessageChars: number;
  /** Most `intents`. Default 10. */
  maxIntents: number;
  /** Most `faq` hits. Default 8. */
  maxFaqHits: number;
  /** Longest FAQ `question`, and longest `answer`, in characters. Default 4,000 each. */
  maxFaqChars: number;
}

/** The default {@link EscalationLimits}. */
export const DEFAULT_LIMITS: Readonly<EscalationLimits> = Object.freeze({
  maxMessages: 20,
  maxMessageChars: 2000,
  maxIntents: 10,
  maxFaqHits: 8,
  maxFaqChars: 4000,
});
