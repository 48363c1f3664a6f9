import type { SupportBot } from '../engine/support-bot.js';
import {
  type ActionOutcome,
  type ActionRequest,
  type DialogueReply,
  type DialogueState,
  emptyDialogueState,
  restoreDialogueState,
  type Understanding,
} from './dialogue-state.js';
import { resumeDialogue, stepDialogue } from './dialogue-step.js';
import { type ActionHandler, runAction } from './run-action.js';
import { understandMessage } from './understand-message.js';

export interface ConversationOptions {
  bot: SupportBot;
  /** Page/app-provided actions by name (`action.handler` in the bot file). */
  actions?: Readonly<Record<string, ActionHandler>>;
  /** Base for relative webhook URLs and the allowed origin (e.g. `https://shop.example/`). */
  baseUrl?: string;
  fetch?: typeof fetch;
  /** A stored state to continue from (as after a reload). */
  state?: unknown;
  /** The clock for relative dates. Default `() => new Date()`. */
  now?: () => Date;
  /** Runs actions instead of the handlers/webhooks (test fixtures). */
  runAction?: (request: ActionRequest, signal: AbortSignal) => Promise<ActionOutcome>;
}

/** What one `send` did. */
export interface TurnResult {
  replies: DialogueReply[];
  understanding: Understanding;
  /** The action that ran this turn, and its outcome. */
  action?: { request: ActionRequest; outcome: ActionOutcome };
}

/**
 * A dialogue with a bot for Node and single-threaded pages: understands, steps, runs the action
 * (handler or webhook) and resumes, keeping the state. A new `send` aborts an action still
 * running. The widget drives the same steps itself (model in a worker, actions in the page).
 *
 * @example
 * const chat = createConversation({ bot, actions: { orderStatus: async ({ slots }) => ({ data: await lookUp(slots.order) }) } });
 * for (const r of (await chat.send('where is order AC-104233?')).replies) console.log(r.text);
 * sessionStorage.chatState = JSON.stringify(chat.state);
 */
export class Conversation {
  private _state: DialogueState;
  private _running?: AbortController;

  constructor(private readonly _options: ConversationOptions) {
    this._state =
      _options.state === undefined ? emptyDialogueState() : restoreDialogueState(_options.state);
  }

  /** The dialogue state: plain JSON to persist with the conversation. */
  get state(): DialogueState {
    return this._state;
  }

  /** Forgets the open form ("clear"). */
  reset(): void {
    this._running?.abort();
    this._state = emptyDialogueState();
  }

  /** Answers one visitor message. */
  async send(text: string, options: { signal?: AbortSignal } = {}): Promise<TurnResult> {
    this._running?.abort();
    const controller = new AbortController();
    this._running = controller;
    const onAbort = () => controller.abort();
    options.signal?.addEventListener('abort', onAbort, { once: true });
    try {
      const o = this._options;
      const understanding = await understandMessage(o.bot, this._state, text, {
        ...(o.now && { now: o.now() }),
        signal: controller.signal,
      });
      const step = stepDialogue(o.bot.config, this._state, understanding);
      this._state = step.state;
      if (!step.action) return { replies: step.replies, understanding };
      const outcome = o.runAction
        ? await o.runAction(step.action, controller.signal)
        : await runAction(step.action, {
            ...(o.actions && { handlers: o.actions }),
            ...(o.baseUrl && { baseUrl: o.baseUrl }),
            ...(o.fetch && { fetch: o.fetch }),
            signal: controller.signal,
          });
      const resumed = resumeDialogue(o.bot.config, this._state, outcome);
      this._state = resumed.state;
      return {
        replies: [...step.replies, ...resumed.replies],
        understanding,
        action: { request: step.action, outcome },
      };
    } finally {
      options.signal?.removeEventListener('abort', onAbort);
      if (this._running === controller) this._running = undefined;
    }
  }
}

/** Creates a {@link Conversation}. */
export function createConversation(options: ConversationOptions): Conversation {
  return new Conversation(options);
}
