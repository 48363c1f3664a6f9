import type { BotReply, QuickReply } from '@support-bot/core';
import type { FeedbackKind } from '@support-bot/core/protocol';
import type { RedactPattern } from '@support-bot/core/redact';
import { SbErrorEvent } from '../events.js';
import type { StoredMessage } from '../types.js';
import type { EngineController } from './engine-controller.js';
import type { FeedbackReporter } from './feedback-reporter.js';
import { lazyChunk } from './lazy-chunk.js';
import { EndpointGuard } from './resolve-endpoint.js';

/** The reporter and report builder (with redaction) as a separate chunk: only opted-in bots load it. */
const loadFeedbackClient = lazyChunk(() => import('./feedback-client.js'));

/** What feedback reporting reads from the element. */
export interface FeedbackSource {
  /** The element's `feedback-endpoint` attribute (wins over the bot file's `feedback.endpoint`). */
  feedbackEndpoint(): string | undefined;
  locale(): string;
  /** Site-specific redaction on top of the built-in kinds (the forms' order numbers, slot values). */
  redactPatterns?(): RedactPattern[];
}

/**
 * Opt-in feedback reporting: decides what is reported (thumbs, unanswered, escalated and
 * low-confidence answers, as the bot file's `feedback` asks), builds redacted reports and hands
 * them to the {@link FeedbackReporter} queue. Nothing is loaded or sent unless the bot file sets
 * `feedback.enabled` and an endpoint.
 */
export class FeedbackController {
  private _reporter?: { key: string; reporter: Promise<FeedbackReporter | undefined> };

  private readonly _endpoint: EndpointGuard;

  constructor(
    private readonly _host: HTMLElement,
    private readonly _engine: EngineController,
    private readonly _source: FeedbackSource,
  ) {
    this._endpoint = new EndpointGuard(_host, 'feedback');
  }

  /**
   * The feedback endpoint when the bot file turns reporting on, else undefined (nothing is sent).
   * One that is not http(s) or site-relative is refused once with `sb-error` `ENDPOINT_INVALID`.
   */
  target(): string | undefined {
    const feedback = this._engine.bot?.feedback;
    const configured = this._source.feedbackEndpoint() || feedback?.endpoint;
    if (!feedback?.enabled || !configured) return undefined;
    return this._endpoint.resolve(configured);
  }

  /** Once the engine is ready: start the reporter, which sends what earlier pages kept. */
  start(): void {
    void this._reporterFor();
  }

  /** Reports an answer that fell back, escalated, or was unsure (when the bot file asks for it). */
  reportAnswer(
    message: StoredMessage,
    reply: BotReply,
    chip: QuickReply | undefined,
    conversationId: string | undefined,
  ): void {
    const feedback = this._engine.bot?.feedback;
    if (!feedback) return;
    if (reply.kind === 'fallback') this.report('unanswered', message.text, reply, conversationId);
    else if (reply.kind === 'escalate')
      this.report('escalated', message.text, reply, conversationId);
    else if (
      reply.kind === 'intent' &&
      !chip?.intent &&
      !chip?.faq &&
      reply.confidence < feedback.lowConfidence
    ) {
      this.report('low_confidence', message.text, reply, conversationId);
    }
  }

  /** Queues one redacted report of `kind` about the visitor's `text`, if the bot reports it. */
  report(
    kind: FeedbackKind,
    text: string,
    reply: BotReply | undefined,
    conversationId: string | undefined,
  ): void {
    const bot = this._engine.bot;
    if (!bot?.feedback?.report.includes(kind)) return;
    const locale = this._source.locale();
    // Taken now: the patterns of the values known when the visitor sent it.
    const patterns = this._source.redactPatterns?.() ?? [];
    void this._reporterFor().then(async (reporter) => {
      if (!reporter) return;
      const { createFeedbackReport } = await loadFeedbackClient();
      reporter.report(
        createFeedbackReport(
          {
            kind,
            text,
            ...(reply && { reply }),
            bot: { name: bot.name, language: bot.language },
            locale,
            ...(conversationId !== undefined && { conversationId }),
          },
          patterns.length > 0 ? { redact: { patterns } } : {},
        ),
      );
    });
  }

  /** Stops the reporter's retries (its queue stays in storage). */
  dispose(): void {
    const current = this._reporter;
    this._reporter = undefined;
    void current?.reporter.then((r) => r?.dispose());
  }

  /** The reporter for the current bot and endpoint, loaded on first use. */
  private _reporterFor(): Promise<FeedbackReporter | undefined> {
    const endpoint = this.target();
    const bot = this._engine.bot;
    if (!endpoint || !bot) return Promise.resolve(undefined);
    const key = `support-bot:feedback:${bot.name}|${endpoint}`;
    if (this._reporter?.key === key) return this._reporter.reporter;
    this.dispose();
    const reporter = loadFeedbackClient().then(
      ({ FeedbackReporter }) =>
        new FeedbackReporter({
          endpoint,
          storageKey: key,
          onRejected: (_report, status, message) =>
            this._host.dispatchEvent(
              new SbErrorEvent('FEEDBACK_REJECTED', `HTTP ${status}: ${message}`),
            ),
        }),
      (error: unknown) => {
        // The chunk could not load (offline): try again on the next report.
        if (this._reporter?.key === key) this._reporter = undefined;
        console.error(
          `[support-bot] Failed to load feedback reporting: ${(error as Error).message}. Please serve support-bot-remote.js next to support-bot.js (support-bot-assets copies it).`,
        );
        return undefined;
      },
    );
    this._reporter = { key, reporter };
    return reporter;
  }
}
