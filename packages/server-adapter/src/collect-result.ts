import type { EscalationEvent, EscalationResult } from '@support-bot/core/protocol';
import { EscalationError, errorResponse } from './errors.js';

/**
 * Collects an answer's events into one response for `stream: false`: 200 with
 * `{ text, usage, finishReason, handoff? }`, or the JSON error response of an `error` event.
 */
export async function collectResult(
  events: AsyncGenerator<EscalationEvent, void, undefined>,
  headers: Record<string, string>,
): Promise<Response> {
  let text = '';
  for await (const event of events) {
    if (event.type === 'delta') text += event.text;
    else if (event.type === 'error') {
      const code = event.code as EscalationError['code'];
      return errorResponse(
        new EscalationError(code, event.message, { retryable: event.retryable }),
        headers,
      );
    } else {
      const body: EscalationResult = {
        text,
        usage: event.usage,
        finishReason: event.finishReason,
        ...(event.handoff && { handoff: event.handoff }),
      };
      return new Response(JSON.stringify(body), {
        status: 200,
        headers: {
          ...headers,
          'content-type': 'application/json; charset=utf-8',
          'cache-control': 'no-store',
        },
      });
    }
  }
  // The generator only ends without a final event when the client went away.
  return new Response(null, { status: 499, headers });
}
