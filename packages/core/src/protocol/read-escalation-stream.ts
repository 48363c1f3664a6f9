import { createParser, type EventSourceMessage } from 'eventsource-parser';
import type {
  ErrorEventData,
  EscalationErrorBody,
  EscalationEvent,
  EscalationResult,
} from './escalation-events.js';

export interface ReadEscalationStreamOptions {
  /** Stops reading (and cancels the body); the iterator then throws `signal.reason`. */
  signal?: AbortSignal;
}

/** A server-sent event line longer than this is treated as a broken stream. */
const MAX_EVENT_BYTES = 256 * 1024;

/**
 * Reads the adapter's answer as events, whatever form it came in: a `text/event-stream` yields
 * each `delta` as it arrives and then `done`; a JSON answer (`stream: false`) yields one `delta`
 * and `done`; an HTTP error yields one `error` event carrying the body's `code` (and
 * `retryAfter` from a 429). A stream that breaks off before `done`, or carries an unreadable
 * event, ends with an `error` event (`STREAM_INTERRUPTED`). So the loop below sees every outcome
 * as an event; only aborting via `signal` throws.
 *
 * @example
 * const response = await fetch('/api/support', { method: 'POST', body, signal, headers });
 * for await (const event of readEscalationStream(response, { signal })) {
 *   if (event.type === 'delta') bubble.textContent += event.text;
 *   else if (event.type === 'done') showSources(event.finishReason);
 *   else showError(event.code, event.retryable);
 * }
 */
export async function* readEscalationStream(
  response: Response,
  options: ReadEscalationStreamOptions = {},
): AsyncGenerator<EscalationEvent, void, undefined> {
  const { signal } = options;
  signal?.throwIfAborted();
  const type = response.headers.get('content-type') ?? '';

  if (!response.ok) {
    yield await errorFromResponse(response);
    return;
  }
  if (!type.includes('text/event-stream')) {
    let result: EscalationResult;
    try {
      result = (await response.json()) as EscalationResult;
    } catch {
      yield interrupted('The answer was not valid JSON.');
      return;
    }
    if (typeof result?.text !== 'string') {
      yield interrupted('The answer had no text.');
      return;
    }
    yield { type: 'delta', text: result.text };
    yield {
      type: 'done',
      usage: result.usage ?? { inputTokens: 0, outputTokens: 0 },
      finishReason: result.finishReason ?? 'stop',
      ...(result.handoff && { handoff: result.handoff }),
    };
    return;
  }
  if (!response.body) {
    yield interrupted('The answer had no body.');
    return;
  }

  const queue: EscalationEvent[] = [];
  let broken: string | undefined;
  const parser = createParser({
    maxBufferSize: MAX_EVENT_BYTES,
    onEvent: (message: EventSourceMessage) => {
      const event = parseEvent(message);
      if (event) queue.push(event);
      else broken ??= `Unreadable "${message.event ?? 'message'}" event.`;
    },
    onError: (error) => {
      if (error.type === 'max-buffer-size-exceeded') broken ??= 'An event was too large.';
    },
  });
  const reader = response.body.getReader();
  const decoder = new TextDecoder();
  const onAbort = () => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener('abort', onAbort, { once: true });
  try {
    for (;;) {
      let chunk: Awaited<ReturnType<typeof reader.read>>;
      try {
        chunk = await reader.read();
      } catch {
        signal?.throwIfAborted();
        broken ??= 'The connection broke off.';
        chunk = { done: true, value: undefined };
      }
      signal?.throwIfAborted();
      if (!chunk.done) parser.feed(decoder.decode(chunk.value, { stream: true }));
      while (queue.length > 0) {
        const event = queue.shift()!;
        yield event;
        if (event.type !== 'delta') return;
      }
      if (broken) {
        yield interrupted(broken);
        return;
      }
      if (chunk.done) {
        yield interrupted('The answer ended before it was complete.');
        return;
      }
    }
  } finally {
    signal?.removeEventListener('abort', onAbort);
    reader.cancel().catch(() => {});
  }
}

function parseEvent(message: EventSourceMessage): EscalationEvent | undefined {
  let data: Record<string, unknown>;
  try {
    data = JSON.parse(message.data) as Record<string, unknown>;
  } catch {
    return undefined;
  }
  if (typeof data !== 'object' || data === null) return undefined;
  switch (message.event) {
    case 'delta':
      return typeof data.text === 'string' ? { type: 'delta', text: data.text } : undefined;
    case 'done':
      return typeof data.finishReason === 'string'
        ? ({ type: 'done', ...data } as EscalationEvent)
        : undefined;
    case 'error':
      return typeof data.code === 'string'
        ? {
            type: 'error',
            code: data.code,
            message: String(data.message ?? ''),
            retryable: data.retryable === true,
          }
        : undefined;
    default:
      return undefined;
  }
}

async function errorFromResponse(response: Response): Promise<EscalationEvent> {
  let body: EscalationErrorBody | undefined;
  try {
    body = (await response.json()) as EscalationErrorBody;
  } catch {
    // Not our JSON (a proxy's HTML error page): fall back to the status.
  }
  const retryAfter = Number(response.headers.get('retry-after'));
  const data: ErrorEventData = {
    code:
      body?.error?.code ?? (response.status >= 500 ? 'UPSTREAM_UNAVAILABLE' : 'INVALID_REQUEST'),
    message: body?.error?.message ?? `The escalation endpoint answered HTTP ${response.status}.`,
    retryable: body?.error?.retryable ?? (response.status === 429 || response.status >= 500),
    ...(Number.isFinite(retryAfter) && retryAfter > 0 && { retryAfter }),
  };
  return { type: 'error', ...data };
}

function interrupted(message: string): EscalationEvent {
  return { type: 'error', code: 'STREAM_INTERRUPTED', message, retryable: true };
}
