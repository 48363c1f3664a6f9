import type { EscalationEvent } from '@support-bot/core/protocol';

const encoder = new TextEncoder();

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
