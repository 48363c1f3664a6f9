import type { EscalationRequest, HandoffResult } from '@support-bot/core/protocol';
import { HANDOFF_MARKER } from './build-grounded-prompt.js';

/** A webhook (e.g. your helpdesk) called when the visitor or the LLM asks for a human. */
export interface HandoffOptions {
  /** POSTed JSON `{ reason, conversationId, locale, bot, messages, at }` (messages redacted). */
  url: string;
  /** Extra headers, e.g. an authorization token for the helpdesk. Default none. */
  headers?: Record<string, string>;
  /** Intent ids that mean "let me talk to a human". Default `['human', 'human_handoff', 'agent', 'talk_to_human']`. */
  intents?: readonly string[];
  /** Lowest confidence at which such an intent counts. Default 0.5. */
  minConfidence?: number;
  /** Matches the visitor's last message when they ask for a human; `false` to turn off. Default: English and Chinese phrases. */
  visitorPattern?: RegExp | false;
  /** Let the LLM ask for a human (it ends its answer with `[[HANDOFF]]`). Default true. */
  allowAssistant?: boolean;
  /** Webhook timeout in ms. Default 5,000. */
  timeoutMs?: number;
}

const DEFAULT_INTENTS = ['human', 'human_handoff', 'agent', 'talk_to_human'];
const DEFAULT_VISITOR_PATTERN =
  /\b(?:talk|speak|chat|connect|transfer|put)\b.{0,30}\b(?:human|person|agent|representative|operator|someone)\b|\b(?:real|live) (?:person|agent|human)\b|人工|真人|转接客服/i;

/** True when the visitor asked for a human, by intent or by their words. */
export function visitorAsksForHuman(request: EscalationRequest, options: HandoffOptions): boolean {
  const ids = options.intents ?? DEFAULT_INTENTS;
  const min = options.minConfidence ?? 0.5;
  if (request.intents.some((i) => ids.includes(i.id) && i.confidence >= min)) return true;
  const pattern = options.visitorPattern ?? DEFAULT_VISITOR_PATTERN;
  const last = request.messages.at(-1)?.text ?? '';
  return pattern !== false && pattern.test(last);
}

/** Calls the webhook; resolves to what the widget is told (never rejects). */
export async function sendHandoff(
  options: HandoffOptions,
  request: EscalationRequest,
  reason: HandoffResult['reason'],
  answer: string,
  fetchImpl: typeof fetch,
  log: (message: string) => void,
): Promise<HandoffResult> {
  try {
    const response = await fetchImpl(options.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...options.headers },
      body: JSON.stringify({
        reason,
        conversationId: request.conversationId,
        locale: request.locale,
        bot: request.bot,
        messages: answer
          ? [...request.messages, { role: 'assistant', text: answer }]
          : request.messages,
        at: new Date().toISOString(),
      }),
      signal: AbortSignal.timeout(options.timeoutMs ?? 5000),
    });
    if (!response.ok) {
      log(`handoff webhook answered HTTP ${response.status}`);
      return { reason, status: 'failed' };
    }
    let reference: unknown;
    try {
      const body = (await response.json()) as { reference?: unknown; id?: unknown };
      reference = body?.reference ?? body?.id;
    } catch {
      // An empty or non-JSON 2xx still means the helpdesk took it.
    }
    return {
      reason,
      status: 'sent',
      ...((typeof reference === 'string' || typeof reference === 'number') && {
        reference: String(reference),
      }),
    };
  } catch (error) {
    log(`handoff webhook failed (${(error as Error)?.name ?? 'error'})`);
    return { reason, status: 'failed' };
  }
}

/**
 * Removes {@link HANDOFF_MARKER} from streamed text even when it arrives split across deltas:
 * text that could be the start of the marker is held back until the next delta decides.
 */
export class HandoffMarkerFilter {
  private _pending = '';
  /** True once the marker was seen. */
  found = false;

  /** Returns the text that is safe to show now. */
  push(delta: string): string {
    let text = this._pending + delta;
    this._pending = '';
    const at = text.indexOf(HANDOFF_MARKER);
    if (at >= 0) {
      this.found = true;
      text = text.slice(0, at) + text.slice(at + HANDOFF_MARKER.length);
    }
    for (let n = Math.min(HANDOFF_MARKER.length - 1, text.length); n > 0; n--) {
      if (HANDOFF_MARKER.startsWith(text.slice(-n))) {
        this._pending = text.slice(-n);
        return text.slice(0, -n);
      }
    }
    return text;
  }

  /** The held-back text at the end of the answer. */
  flush(): string {
    const rest = this._pending;
    this._pending = '';
    return rest;
  }
}
