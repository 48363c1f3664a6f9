import type { BotReply } from '@support-bot/core';

/** Options every widget event shares: it bubbles out of the shadow root. */
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
/** The visitor sent a message. */
export class SbMessageEvent extends Event {
  static readonly type = 'sb-message';
  constructor(readonly text: string) {
    super(SbMessageEvent.type, INIT);
  }
}
/** The bot replied (the full typed reply, with candidates and timings). */
export class SbReplyEvent extends Event {
  static readonly type = 'sb-reply';
  constructor(
    readonly text: string,
    readonly reply: BotReply,
  ) {
    super(SbReplyEvent.type, INIT);
  }
}
/** The visitor rated a reply. */
export class SbFeedbackEvent extends Event {
  static readonly type = 'sb-feedback';
  constructor(
    readonly messageId: string,
    readonly rating: 'up' | 'down',
    readonly reply: BotReply | undefined,
  ) {
    super(SbFeedbackEvent.type, INIT);
  }
}
/** The model download progressed (0..1). */
export class SbModelProgressEvent extends Event {
  static readonly type = 'sb-model-progress';
  constructor(readonly progress: number) {
    super(SbModelProgressEvent.type, INIT);
  }
}
/** Something failed (config, model, engine). */
export class SbErrorEvent extends Event {
  static readonly type = 'sb-error';
  constructor(
    readonly code: string,
    readonly message: string,
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
    'sb-feedback': SbFeedbackEvent;
    'sb-model-progress': SbModelProgressEvent;
    'sb-error': SbErrorEvent;
  }
}
