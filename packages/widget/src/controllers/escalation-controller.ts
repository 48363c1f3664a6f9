import type { BotReply } from '@support-bot/core';
import type { RedactPattern } from '@support-bot/core/redact';
import { SbEscalateEvent } from '../events.js';
import type { StoredMessage } from '../types.js';
import type { ConversationController } from './conversation-controller.js';
import { type EngineController, errorEvent } from './engine-controller.js';
import { lazyChunk } from './lazy-chunk.js';
import { EndpointGuard } from './resolve-endpoint.js';

/**
 * The escalation client (request building, PII redaction, SSE parsing) as a separate chunk: only
 * bots that escalate ever download it.
 */
export const loadEscalationClient = lazyChunk(() => import('./escalation-client.js'));

/** What escalation reads from the element. */
export interface EscalationSource {
  /** The element's `endpoint` attribute (wins over the bot file's `escalation.endpoint`). */
  endpoint(): string | undefined;
  locale(): string;
  /** Site-specific redaction on top of the built-in kinds (the forms' order numbers, slot values). */
  redactPatterns?(): RedactPattern[];
}

/**
 * Sends a conversation the local model is unsure about to the escalation endpoint and streams
 * the answer into the conversation; on any failure the bot's own fallback answers, the visitor's
 * message stays retryable and the page gets `sb-error`. Fires the cancelable `sb-escalate` first.
 */
export class EscalationController {
  private readonly _endpoint: EndpointGuard;

  constructor(
    private readonly _host: HTMLElement,
    private readonly _engine: EngineController,
    private readonly _source: EscalationSource,
    private readonly _conversation: () => ConversationController,
  ) {
    this._endpoint = new EndpointGuard(_host, 'escalation');
  }

  /** Whether this bot escalates (its code is then fetched ahead of the first escalation). */
  get enabled(): boolean {
    return this._engine.bot?.escalation?.enabled === true;
  }

  /**
   * Starts downloading the escalation client when the bot escalates to an endpoint (an invalid
   * endpoint is reported now, once, rather than at the first escalation).
   */
  preload(): void {
    if (this.enabled && this.endpoint()) void loadEscalationClient().catch(() => undefined);
  }

  /**
   * The endpoint as an absolute URL; undefined when none is set, or when it is not http(s) or
   * site-relative (then refused once with `sb-error` `ENDPOINT_INVALID` and a console error).
   */
  endpoint(): string | undefined {
    const configured = this._source.endpoint() || this._engine.bot?.escalation?.endpoint;
    if (!configured) return undefined;
    return this._endpoint.resolve(configured);
  }

  /** Escalates `message` (answered by the engine with `reply`) and adds the answer. */
  async run(message: StoredMessage, reply: BotReply, signal: AbortSignal): Promise<void> {
    const conversation = this._conversation();
    const bot = this._engine.bot;
    const settings = bot?.escalation;
    const endpoint = this.endpoint();
    const history = conversation.history(message);
    const event = new SbEscalateEvent(message.text, history, reply, endpoint);
    this._host.dispatchEvent(event);
    if (event.defaultPrevented || !endpoint || !bot || !settings) {
      conversation.pushReply(message, reply, reply.text, reply.format, 'fallback');
      return;
    }
    const streamed: StoredMessage = {
      id: conversation.newId(),
      role: 'bot',
      text: '',
      format: 'markdown',
      kind: 'escalate',
      streaming: true,
    };
    conversation.push(streamed);
    let text = '';
    try {
      const { escalate, EscalationError } = await loadEscalationClient();
      const locale = this._source.locale();
      const events = escalate({
        endpoint,
        history,
        reply,
        locale,
        bot: { name: bot.name, language: bot.language || locale },
        maxTurns: settings.maxTurns,
        faqHits: settings.faqHits,
        redactPatterns: this._source.redactPatterns?.() ?? [],
        ...(conversation.id !== undefined && { conversationId: conversation.id }),
        signal,
      });
      for await (const e of events) {
        if (e.type === 'delta') {
          text += e.text;
          conversation.update(streamed.id, { text }, false);
        } else if (e.type === 'error') {
          throw new EscalationError(e.message, e.code, e.retryable);
        }
      }
      if (text.trim() === '') throw new EscalationError('Empty answer.', 'EMPTY_ANSWER', true);
      conversation.remove(streamed.id);
      conversation.pushReply(message, reply, text, 'markdown', 'escalate', true, streamed.id);
    } catch (error) {
      conversation.remove(streamed.id);
      if (signal.aborted) return;
      // Nothing the visitor typed is lost: the bot's own fallback answers now, the message can
      // be retried, and the page hears about it.
      conversation.markFailed(message, navigator.onLine === false ? 'offline' : 'escalation');
      conversation.pushReply(message, reply, reply.text, reply.format, 'fallback');
      this._host.dispatchEvent(errorEvent(error));
    }
  }
}
