import type { EscalationEvent } from '@support-bot/core/protocol';

const encoder = new TextEncoder();

/** An SSE comment: every reader (the widget's parser, EventSource) ignores it; proxies see bytes. */
export const SSE_HEARTBEAT: Uint8Array = encoder.encode(': keep-alive\n\n');

/** Encodes one event as `event: <type>\ndata: <json>\n\n` (JSON never contains a raw newline). */
export function encodeSseEvent(event: EscalationEvent): Uint8Array {
  const { type, ...data } = event;
  return encoder.encode(`event: ${type}\ndata: ${JSON.stringify(data)}\n\n`);
}

/** Response headers for a stream of server-sent events that proxies must not buffer. */
export const SSE_HEADERS: Readonly<Record<string, string>> = Object.freeze({
  'content-type': 'text/event-stream; charset=utf-8',
  'cache-control': 'no-cache, no-transform',
  'x-accel-buffering': 'no',
});

export interface EventStreamOptions {
  /** Send {@link SSE_HEARTBEAT} after this many ms without an event; 0 for never. */
  heartbeatMs: number;
  /** Called once when the events end or fail (not when the client cancels). */
  onEnd(error?: unknown): void;
  /** Called when the client cancels the body (disconnects). */
  onCancel(): Promise<void>;
}

/**
 * The events as a `text/event-stream` body, pulled one at a time (backpressure), with a
 * heartbeat comment whenever the next event takes longer than `heartbeatMs`, so a proxy with a
 * read timeout (nginx and most load balancers: 60 s) does not cut a slow answer.
 */
export function eventStream(
  events: AsyncGenerator<EscalationEvent, void, undefined>,
  options: EventStreamOptions,
): ReadableStream<Uint8Array> {
  let pending: Promise<IteratorResult<EscalationEvent, void>> | undefined;
  const tick = Symbol('heartbeat');
  return new ReadableStream<Uint8Array>({
    async pull(out) {
      try {
        pending ??= events.next();
        let timer: ReturnType<typeof setTimeout> | undefined;
        const next =
          options.heartbeatMs > 0
            ? await Promise.race([
                pending,
                new Promise<typeof tick>((resolve) => {
                  timer = setTimeout(() => resolve(tick), options.heartbeatMs);
                }),
              ]).finally(() => clearTimeout(timer))
            : await pending;
        if (next === tick) {
          out.enqueue(SSE_HEARTBEAT);
          return;
        }
        pending = undefined;
        if (next.done) {
          options.onEnd();
          out.close();
        } else out.enqueue(encodeSseEvent(next.value));
      } catch (error) {
        options.onEnd(error);
        out.close();
      }
    },
    async cancel() {
      await options.onCancel();
    },
  });
}
