import type { FinishReason, TokenUsage } from '@support-bot/core/protocol';
import type { EventSourceMessage } from 'eventsource-parser';

/** One chat turn as a provider receives it (already redacted). */
export interface ProviderMessage {
  role: 'user' | 'assistant';
  text: string;
}

/** What a provider streams back, normalised. */
export type ProviderEvent =
  | { type: 'delta'; text: string }
  | { type: 'done'; finishReason: FinishReason; usage: TokenUsage };

/**
 * One call to a provider. `post` and `events` carry the handler's upstream policy (timeouts,
 * retries with backoff, client-disconnect abort, scrubbed errors), so a provider only maps its
 * API's shapes.
 */
export interface ProviderCall {
  system: string;
  messages: ProviderMessage[];
  maxOutputTokens: number;
  temperature: number;
  /** Aborted when the client disconnects. */
  signal: AbortSignal;
  /**
   * POSTs `body` as JSON and resolves once an OK response's headers arrived. Retries network
   * errors, timeouts, 408, 429 and 5xx with backoff; other statuses fail at once. Rejects with
   * an {@link EscalationError} (`UPSTREAM_UNAVAILABLE` or `UPSTREAM_TIMEOUT`).
   */
  post(url: string, init: { headers: Record<string, string>; body: unknown }): Promise<Response>;
  /**
   * The server-sent events of a streamed response, each within the idle timeout. Rejects with
   * `UPSTREAM_INTERRUPTED` when the connection breaks, and `UPSTREAM_TIMEOUT` when it stalls.
   */
  events(response: Response): AsyncIterable<EventSourceMessage>;
}

/** An LLM API, e.g. {@link openAICompatible} or {@link anthropic}. */
export interface EscalationProvider {
  /** For logs, e.g. `openai-compatible (gpt-4o-mini)`. */
  readonly name: string;
  /** Secrets to scrub from anything logged (the API key). */
  readonly secrets?: readonly string[];
  /**
   * Streams the answer. Must end with one `done` event, or throw an
   * {@link EscalationError} (`UPSTREAM_INTERRUPTED` for a broken or garbled stream).
   */
  stream(call: ProviderCall): AsyncIterable<ProviderEvent>;
}
