/**
 * Stable error codes of the escalation endpoint, in JSON error bodies
 * (`{"error": {"code", "message"}}`) and in the stream's `error` event. Branch on these, never
 * on message text.
 */
export const EscalationErrorCode = {
  /** The page's origin is not on the adapter's allow-list (HTTP 403). */
  ORIGIN_NOT_ALLOWED: 'ORIGIN_NOT_ALLOWED',
  /** Only POST (and OPTIONS for CORS) is served (HTTP 405). */
  METHOD_NOT_ALLOWED: 'METHOD_NOT_ALLOWED',
  /** The body must be `application/json` (HTTP 415). */
  UNSUPPORTED_MEDIA_TYPE: 'UNSUPPORTED_MEDIA_TYPE',
  /** The body is larger than the adapter accepts (HTTP 413). */
  BODY_TOO_LARGE: 'BODY_TOO_LARGE',
  /** The body is not JSON (HTTP 400). */
  INVALID_JSON: 'INVALID_JSON',
  /** The body breaks the schema; `field` names the bad field (HTTP 400). */
  INVALID_REQUEST: 'INVALID_REQUEST',
  /** `version` is not one this adapter speaks (HTTP 400). */
  UNSUPPORTED_VERSION: 'UNSUPPORTED_VERSION',
  /** More turns than the adapter accepts (HTTP 422). */
  TOO_MANY_MESSAGES: 'TOO_MANY_MESSAGES',
  /** A turn is longer than the adapter accepts (HTTP 422). */
  MESSAGE_TOO_LONG: 'MESSAGE_TOO_LONG',
  /** Too many intents or FAQ hits, or an FAQ entry too long (HTTP 422). */
  LIMIT_EXCEEDED: 'LIMIT_EXCEEDED',
  /** This client sent too many requests; see `Retry-After` (HTTP 429). */
  RATE_LIMITED: 'RATE_LIMITED',
  /** The rate-limit store (e.g. Redis) cannot be reached (HTTP 503). */
  RATE_LIMIT_UNAVAILABLE: 'RATE_LIMIT_UNAVAILABLE',
  /** The feedback store (file or Redis) failed after bounded retries; send the report later (HTTP 503). */
  STORE_UNAVAILABLE: 'STORE_UNAVAILABLE',
  /** The LLM provider failed or is down and no fallback reply is configured (HTTP 502/503). */
  UPSTREAM_UNAVAILABLE: 'UPSTREAM_UNAVAILABLE',
  /** The LLM provider did not answer in time and no fallback reply is configured (HTTP 504). */
  UPSTREAM_TIMEOUT: 'UPSTREAM_TIMEOUT',
  /** The LLM's stream broke off or was garbled after part of the answer was sent. */
  UPSTREAM_INTERRUPTED: 'UPSTREAM_INTERRUPTED',
  /** The adapter's response stream was cut or unreadable (reported by the client side). */
  STREAM_INTERRUPTED: 'STREAM_INTERRUPTED',
  /** A bug in the adapter (HTTP 500). Details are in the server's log only. */
  INTERNAL: 'INTERNAL',
} as const;
export type EscalationErrorCode = (typeof EscalationErrorCode)[keyof typeof EscalationErrorCode];

/** Why the answer ended. */
export const FinishReason = {
  /** The LLM finished its answer. */
  STOP: 'stop',
  /** The LLM hit the adapter's output token limit. */
  LENGTH: 'length',
  /** The provider withheld (part of) the answer. */
  CONTENT_FILTER: 'content_filter',
  /** The LLM could not be reached; the text is the site's fallback reply. */
  FALLBACK: 'fallback',
} as const;
export type FinishReason = (typeof FinishReason)[keyof typeof FinishReason];

/** Tokens the provider billed for one answer (0 when unknown or for a fallback). */
export interface TokenUsage {
  inputTokens: number;
  outputTokens: number;
}

/** What happened about a human handoff, when one was asked for. */
export interface HandoffResult {
  /** `visitor`: the visitor asked for a human. `assistant`: the LLM could not help. */
  reason: 'visitor' | 'assistant';
  /** `sent`: the site's helpdesk accepted it. `failed`: it could not be reached. */
  status: 'sent' | 'failed';
  /** The helpdesk's ticket or conversation id, when it returned one. */
  reference?: string;
}

/** `event: delta`: the next piece of the answer's text. */
export interface DeltaEventData {
  text: string;
}

/** `event: done`: the answer is complete. */
export interface DoneEventData {
  usage: TokenUsage;
  finishReason: FinishReason;
  handoff?: HandoffResult;
}

/** `event: error`: the answer failed; text already received may be incomplete. */
export interface ErrorEventData {
  code: EscalationErrorCode | (string & {});
  message: string;
  retryable: boolean;
  /** Seconds to wait before trying again (from `Retry-After`), client side only. */
  retryAfter?: number;
}

/** One parsed event of an escalation stream. */
export type EscalationEvent =
  | ({ type: 'delta' } & DeltaEventData)
  | ({ type: 'done' } & DoneEventData)
  | ({ type: 'error' } & ErrorEventData);

/** The non-streaming response body (`stream: false`). */
export interface EscalationResult {
  text: string;
  usage: TokenUsage;
  finishReason: FinishReason;
  handoff?: HandoffResult;
}

/** The body of every 4xx/5xx JSON response. */
export interface EscalationErrorBody {
  error: {
    code: EscalationErrorCode | (string & {});
    message: string;
    /** The offending field's path, e.g. `messages[2].text`, for validation errors. */
    field?: string;
    retryable?: boolean;
  };
}
