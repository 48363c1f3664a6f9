import type { EventSourceMessage } from 'eventsource-parser';
import { createParser } from 'eventsource-parser';
import { EscalationError } from '../errors.js';

/** Timeouts and retries for calls to the LLM provider. */
export interface UpstreamPolicy {
  /** Until the provider's response headers arrive, per attempt, in ms. Default 20,000. */
  timeoutMs?: number;
  /** Longest silence inside a streamed answer, in ms. Default 30,000. */
  idleTimeoutMs?: number;
  /**
   * Longest time for a whole answer, from the first attempt to the last token, in ms, however the
   * provider keeps the stream alive (keep-alive comments or pings, a byte at a time). Past it the
   * visitor gets the fallback reply (nothing streamed yet) or an `error` event. Default 60,000.
   */
  answerTimeoutMs?: number;
  /** Extra attempts after a retryable failure (network, timeout, 408, 429, 5xx). Default 2. */
  retries?: number;
  /** First backoff in ms; doubles each retry, with jitter. Default 250. */
  backoffMs?: number;
  /** Longest single wait, also the cap for an upstream `Retry-After`. Default 4,000. */
  maxBackoffMs?: number;
}

export interface UpstreamContext {
  policy: Required<UpstreamPolicy>;
  fetch: typeof fetch;
  signal: AbortSignal;
  /** Called with a scrubbed one-line description of every failed attempt. */
  log: (message: string) => void;
  /** Removes secrets from text before it is logged. */
  scrub: (text: string) => string;
}

/** A longest SSE line we accept from a provider; more means a broken stream. */
const MAX_EVENT_BYTES = 1024 * 1024;

const RETRYABLE_STATUS = new Set([408, 409, 425, 429, 500, 502, 503, 504, 529]);

export const DEFAULT_UPSTREAM_POLICY: Readonly<Required<UpstreamPolicy>> = Object.freeze({
  timeoutMs: 20_000,
  idleTimeoutMs: 30_000,
  answerTimeoutMs: 60_000,
  retries: 2,
  backoffMs: 250,
  maxBackoffMs: 4_000,
});

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal.aborted) return reject(signal.reason);
    const timer = setTimeout(() => {
      signal.removeEventListener('abort', onAbort);
      resolve();
    }, ms);
    const onAbort = () => {
      clearTimeout(timer);
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort, { once: true });
  });
}

async function snippet(response: Response, scrub: (t: string) => string): Promise<string> {
  try {
    const text = (await response.text()).replace(/\s+/g, ' ').slice(0, 300);
    return text ? `: ${scrub(text)}` : '';
  } catch {
    return '';
  }
}

/**
 * POSTs JSON to the provider with a per-attempt timeout and retries with exponential backoff
 * and jitter on retryable failures only. Never retries once the client has gone.
 */
export async function postUpstream(
  ctx: UpstreamContext,
  url: string,
  init: { headers: Record<string, string>; body: unknown },
): Promise<Response> {
  const { policy, signal } = ctx;
  const body = JSON.stringify(init.body);
  const where = ctx.scrub(new URL(url).origin + new URL(url).pathname);
  let last: EscalationError | undefined;
  for (let attempt = 0; attempt <= policy.retries; attempt++) {
    signal.throwIfAborted();
    if (attempt > 0) {
      const exp = Math.min(policy.maxBackoffMs, policy.backoffMs * 2 ** (attempt - 1));
      const retryAfter = (last?.cause as { retryAfterMs?: number } | undefined)?.retryAfterMs;
      await sleep(retryAfter ?? exp * (0.5 + Math.random() / 2), signal);
    }
    const attemptController = new AbortController();
    const onAbort = () => attemptController.abort(signal.reason);
    signal.addEventListener('abort', onAbort, { once: true });
    const timer = setTimeout(
      () => attemptController.abort(new DOMException('upstream timeout', 'TimeoutError')),
      policy.timeoutMs,
    );
    try {
      const response = await ctx.fetch(url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...init.headers },
        body,
        signal: attemptController.signal,
      });
      if (response.ok) {
        // Keep following the client's signal while the body streams; only the timer ends here.
        return response;
      }
      const detail = await snippet(response, ctx.scrub);
      const retryable = RETRYABLE_STATUS.has(response.status);
      const retryAfterS = Number(response.headers.get('retry-after'));
      const retryAfterMs =
        Number.isFinite(retryAfterS) && retryAfterS >= 0 ? retryAfterS * 1000 : undefined;
      ctx.log(`HTTP ${response.status} from ${where} (attempt ${attempt + 1})${detail}`);
      last = new EscalationError(
        'UPSTREAM_UNAVAILABLE',
        'Failed to get an answer: the assistant is unavailable. Please try again later.',
        { retryable, cause: { status: response.status, retryAfterMs } },
      );
      signal.removeEventListener('abort', onAbort);
      if (!retryable) throw last;
      if (retryAfterMs !== undefined && retryAfterMs > policy.maxBackoffMs) throw last;
    } catch (error) {
      signal.removeEventListener('abort', onAbort);
      if (error === last) throw error;
      if (signal.aborted) throw signal.reason;
      const timedOut = attemptController.signal.reason instanceof DOMException;
      ctx.log(
        `${timedOut ? `no answer within ${policy.timeoutMs} ms` : `network error (${ctx.scrub(String((error as Error)?.cause ?? error))})`} from ${where} (attempt ${attempt + 1})`,
      );
      last = timedOut
        ? new EscalationError(
            'UPSTREAM_TIMEOUT',
            'Failed to get an answer: the assistant took too long. Please try again.',
          )
        : new EscalationError(
            'UPSTREAM_UNAVAILABLE',
            'Failed to get an answer: the assistant cannot be reached. Please try again later.',
          );
    } finally {
      clearTimeout(timer);
    }
  }
  throw last!;
}

/**
 * Parses a provider's event stream, one event at a time, failing when the stream stalls for
 * `idleTimeoutMs` or breaks off. The caller decides whether the stream ended properly.
 */
export async function* upstreamEvents(
  ctx: UpstreamContext,
  response: Response,
): AsyncGenerator<EventSourceMessage> {
  if (!response.body) return;
  const queue: EventSourceMessage[] = [];
  let tooLarge = false;
  const parser = createParser({
    maxBufferSize: MAX_EVENT_BYTES,
    onEvent: (event) => queue.push(event),
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') tooLarge = true;
    },
  });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  try {
    for (;;) {
      let timer: ReturnType<typeof setTimeout> | undefined;
      const idle = new Promise<'idle'>((resolve) => {
        timer = setTimeout(() => resolve('idle'), ctx.policy.idleTimeoutMs);
      });
      let chunk: Awaited<ReturnType<typeof reader.read>> | 'idle';
      try {
        chunk = await Promise.race([reader.read(), idle]);
      } catch (cause) {
        if (ctx.signal.aborted) throw ctx.signal.reason;
        ctx.log(`the answer stream broke off (${ctx.scrub(String((cause as Error)?.message))})`);
        throw new EscalationError(
          'UPSTREAM_INTERRUPTED',
          'Failed to finish the answer: the connection to the assistant broke off. Please try again.',
          { cause },
        );
      } finally {
        clearTimeout(timer);
      }
      if (chunk === 'idle') {
        ctx.log(`the answer stream stalled for ${ctx.policy.idleTimeoutMs} ms`);
        throw new EscalationError(
          'UPSTREAM_TIMEOUT',
          'Failed to finish the answer: the assistant stopped responding. Please try again.',
        );
      }
      if (chunk.done) return;
      parser.feed(decoder.decode(chunk.value, { stream: true }));
      if (tooLarge) {
        ctx.log(`the answer stream had an event over ${MAX_EVENT_BYTES} bytes`);
        throw malformed();
      }
      while (queue.length > 0) yield queue.shift()!;
    }
  } finally {
    reader.cancel().catch(() => {});
  }
}

/** The error for a stream whose events cannot be understood. */
export function malformed(cause?: unknown): EscalationError {
  return new EscalationError(
    'UPSTREAM_INTERRUPTED',
    'Failed to finish the answer: the assistant sent an unreadable reply. Please try again.',
    { cause, retryable: false },
  );
}
