import type { BotReply, ChatTurn, SupportBotInfo } from '@support-bot/core';
import type { DialogueReply } from '@support-bot/core/dialogue';

/** Every widget event bubbles out of the shadow root to the page. */
const INIT = { bubbles: true, composed: true } as const;

/** The panel opened. */
export class SbOpenEvent extends Event {
  static readonly type = 'sb-open';
  constructor() {
    super(SbOpenEvent.type, INIT);
  }
}

/** The panel closed. */
export class SbCloseEvent extends Event {
  static readonly type = 'sb-close';
  constructor() {
    super(SbCloseEvent.type, INIT);
  }
}

/** The visitor sent a message (typed, dictated, or a quick-reply chip). */
export class SbMessageEvent extends Event {
  static readonly type = 'sb-message';
  constructor(
    readonly text: string,
    readonly messageId: string,
  ) {
    super(SbMessageEvent.type, INIT);
  }
}

/**
 * The bot answered. `reply` is the local engine's full reply (kind, candidates, confidence,
 * timings); `escalated` is true when `text` came from the escalation endpoint. For a bot with
 * forms, `dialogue` is the dialogue's reply (`kind`: `ask`, `confirm`, `result`, `action_error`,
 * `not_found`, `cancelled`, `declined`, `gave_up` or `answer`), and a form's own messages have
 * `reply.kind` `intent` with the form's intent id.
 */
export class SbReplyEvent extends Event {
  static readonly type = 'sb-reply';
  constructor(
    readonly text: string,
    readonly reply: BotReply,
    readonly messageId: string,
    readonly escalated = false,
    readonly dialogue?: DialogueReply,
  ) {
    super(SbReplyEvent.type, INIT);
  }
}

/**
 * The local model is unsure and the bot escalates. Cancelable: call `preventDefault()` to keep
 * the conversation away from the escalation endpoint (e.g. to open your own live chat); the
 * widget then shows the bot's fallback reply. `history` is the local, unredacted conversation.
 */
export class SbEscalateEvent extends Event {
  static readonly type = 'sb-escalate';
  constructor(
    readonly text: string,
    readonly history: readonly ChatTurn[],
    readonly reply: BotReply,
    readonly endpoint: string | undefined,
  ) {
    super(SbEscalateEvent.type, { ...INIT, cancelable: true });
  }
}

/** The visitor rated a bot reply. */
export class SbFeedbackEvent extends Event {
  static readonly type = 'sb-feedback';
  constructor(
    readonly messageId: string,
    readonly rating: 'up' | 'down',
    /** The rated reply's text. */
    readonly text: string,
    /** The engine's reply, when it was answered in this page view. */
    readonly reply: BotReply | undefined,
  ) {
    super(SbFeedbackEvent.type, INIT);
  }
}

/** The model download (`phase: 'model'`) or the indexing of the bot's examples progressed. */
export class SbModelProgressEvent extends Event {
  static readonly type = 'sb-model-progress';
  constructor(
    /** 0..1 within the phase; NaN while the total is unknown. */
    readonly progress: number,
    readonly phase: 'model' | 'index',
  ) {
    super(SbModelProgressEvent.type, INIT);
  }
}

/** The engine is ready. `device` is the worker build that runs (`webgpu` or `wasm`). */
export class SbReadyEvent extends Event {
  static readonly type = 'sb-ready';
  constructor(
    readonly device: 'webgpu' | 'wasm',
    readonly info: SupportBotInfo,
  ) {
    super(SbReadyEvent.type, INIT);
  }
}

/**
 * Something failed: loading the bot (`CONFIG_*`, `WORKER_FAILED`), the model (`MODEL_LOAD_FAILED`,
 * the widget carries on lexical-only), answering, escalating (`NETWORK`, `HTTP_<status>`), or a
 * form's action (`ACTION_FAILED`: the handler threw or returned something malformed, the webhook
 * timed out, answered non-2xx or not JSON, or was not allowed; the visitor sees the `onError`
 * reply). An action aborted by "clear" or by removing the widget is not an error.
 */
export class SbErrorEvent extends Event {
  static readonly type = 'sb-error';
  constructor(
    readonly code: string,
    readonly message: string,
    readonly retryable = false,
  ) {
    super(SbErrorEvent.type, INIT);
  }
}

declare global {
  interface HTMLElementEventMap {
    'sb-open': SbOpenEvent;
    'sb-close': SbCloseEvent;
    'sb-message': SbMessageEvent;
    'sb-reply': SbReplyEvent;
    'sb-escalate': SbEscalateEvent;
    'sb-feedback': SbFeedbackEvent;
    'sb-model-progress': SbModelProgressEvent;
    'sb-ready': SbReadyEvent;
    'sb-error': SbErrorEvent;
  }
}
