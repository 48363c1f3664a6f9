import type { BotReply, QuickReply } from '@support-bot/core';
import type {
  ActionHandler,
  ActionOutcome,
  ActionRequest,
  DialogueReply,
} from '@support-bot/core/dialogue';
import type { RedactPattern } from '@support-bot/core/redact';
import { SbErrorEvent } from '../events.js';
import type { StoredMessage } from '../types.js';
import type { DialogueAnswer, PatternData } from '../worker/messages.js';
import type { EngineController } from './engine-controller.js';
import { lazyChunk } from './lazy-chunk.js';

/** `sb-error` code of an action that failed (error, timeout, non-2xx, malformed answer, refused). */
export const ACTION_FAILED = 'ACTION_FAILED';

/** The most redaction patterns kept per page view (each distinct slot value adds one or two). */
const MAX_PATTERNS = 200;

/** `runAction` from the lazy chunk (it holds the webhook client): fetched on the first action. */
const loadActionRunner = lazyChunk(() => import('./action-runner.js'));

/** What the dialogue reads from the element. */
export interface DialogueSource {
  /** The page's action handlers (`el.actions`). */
  actions(): Readonly<Record<string, ActionHandler>> | undefined;
}

/**
 * Shows one step's replies. `reply` is the model's own reply to the visitor's message (what the
 * dialogue understood); the conversation adds the messages, escalates where a reply says so,
 * and saves the state that {@link DialogueController.state} holds by then.
 */
export type DeliverReplies = (replies: DialogueReply[], reply: BotReply) => Promise<void>;

/**
 * The conversation's forms (issue #13): the dialogue state as plain data, one turn at a time —
 * the worker understands and steps the message, the page runs the action (`el.actions` handler or
 * the webhook, with the visitor's slot values going only there), and the worker finishes the
 * step. Also keeps the redaction patterns (the bot's `regex` entities, the slot values filled in
 * this page view) for everything else that leaves the page: escalation requests and feedback.
 */
export class DialogueController {
  /**
   * The dialogue state after the last turn, as the worker gave it or as read from storage
   * (undefined: no form open). The page never interprets it: the worker restores whatever it is
   * sent with `restoreDialogueState`, so a tampered store becomes the empty state there, and the
   * main bundle carries none of the dialogue's code.
   */
  state: unknown;
  private readonly _patterns = new Map<string, PatternData>();

  constructor(
    private readonly _host: HTMLElement,
    private readonly _engine: EngineController,
    private readonly _source: DialogueSource,
  ) {}

  /**
   * Whether the bot has forms: its answers go through here. Known once the worker has parsed the
   * bot file (the engine's `booted`), before the model is ready.
   */
  get active(): boolean {
    return this._engine.bot?.dialogue === true;
  }

  /** Continues from a saved conversation: the state on its newest message that has one. */
  restore(messages: readonly StoredMessage[]): void {
    this.state = messages.findLast((m) => m.dialogue !== undefined)?.dialogue;
  }

  /** Forgets the open form ("clear"): the worker reads no state as `emptyDialogueState()`. */
  reset(): void {
    this.state = undefined;
  }

  /**
   * Patterns for `createEscalationRequest` / `createFeedbackReport` (`redact: { patterns }`):
   * core's built-in redaction does not know the site's order numbers or the values just given.
   */
  redactPatterns(): RedactPattern[] {
    const all = [...(this._engine.bot?.redact ?? []), ...this._patterns.values()];
    const patterns: RedactPattern[] = [];
    for (const p of all) {
      try {
        patterns.push({ kind: p.kind, pattern: new RegExp(p.source, p.flags) });
      } catch {
        // A pattern this browser cannot compile: the built-in redaction still runs.
      }
    }
    return patterns;
  }

  /**
   * Answers one visitor message (or chip) through the dialogue: step, run the action if the step
   * asks for one, finish. Throws what the engine throws (the conversation marks the message
   * failed); an action's failure is an `onError` reply plus `sb-error` `ACTION_FAILED`, never a
   * throw. Stops quietly once `signal` aborts (clear, unmount).
   */
  async run(
    text: string,
    chip: QuickReply | undefined,
    signal: AbortSignal,
    deliver: DeliverReplies,
  ): Promise<void> {
    const engine = this._engine.ensure();
    const target = chip?.intent
      ? { intent: chip.intent }
      : chip?.faq
        ? { faq: chip.faq }
        : undefined;
    const first = await engine.dialogue(
      { type: 'dialogue', text, state: this.state, ...(target && { target }), now: Date.now() },
      signal,
    );
    if (signal.aborted) return;
    this._accept(first);
    const reply = first.reply!;
    await deliver(first.step.replies, reply);
    const action = first.step.action;
    if (!action || signal.aborted) return;
    const outcome = await this._act(action, signal);
    // Aborted (clear, unmount): the saved state says the form was acting, so the next message
    // starts afresh rather than running the action twice.
    if (signal.aborted || (!outcome.ok && outcome.failure === 'aborted')) return;
    const second = await engine.dialogue(
      { type: 'dialogue-resume', state: this.state, outcome },
      signal,
    );
    if (signal.aborted) return;
    this._accept(second);
    await deliver(second.step.replies, reply);
  }

  private _accept(answer: DialogueAnswer): void {
    this.state = answer.step.state;
    for (const p of answer.redact) {
      if (this._patterns.size >= MAX_PATTERNS) break;
      this._patterns.set(`${p.kind}|${p.flags}|${p.source}`, p);
    }
  }

  private async _act(action: ActionRequest, signal: AbortSignal): Promise<ActionOutcome> {
    let outcome: ActionOutcome;
    try {
      const { runAction } = await loadActionRunner();
      // Relative webhook URLs resolve against the page; only its origin may be called by default.
      const page = globalThis.location?.href;
      outcome = await runAction(action, {
        handlers: this._source.actions() ?? {},
        ...(page !== undefined && { baseUrl: page }),
        signal,
      });
    } catch (error) {
      outcome = {
        ok: false,
        failure: 'error',
        message: `support-bot-remote.js could not load (${(error as Error).message})`,
      };
    }
    if (!outcome.ok && outcome.failure !== 'aborted') {
      const what =
        action.action.handler !== undefined ? `handler "${action.action.handler}"` : 'webhook';
      this._host.dispatchEvent(
        new SbErrorEvent(
          ACTION_FAILED,
          `[support-bot] Failed to run the action of "${action.intent}" (${what}, ${outcome.failure}): ${outcome.message} Please check the ${what}; the visitor was shown its onError reply.`,
          outcome.failure === 'timeout' ||
            outcome.failure === 'http' ||
            outcome.failure === 'error',
        ),
      );
    }
    return outcome;
  }
}

/**
 * The engine reply behind a dialogue message, for `sb-reply`, ratings and feedback: an answer
 * given while a form is open is the model's own reply; a form's message (a prompt, a
 * confirmation, a result) is kind `intent` with the form's intent id.
 */
export function replyForDialogue(d: DialogueReply, understood: BotReply): BotReply {
  if (d.kind === 'answer' && d.reply) return d.reply;
  const id = d.intent ?? understood.intent?.id ?? '';
  const same = understood.kind === 'intent' && understood.intent?.id === id;
  return {
    ...understood,
    kind: 'intent',
    text: d.text,
    format: d.format,
    quickReplies: d.quickReplies,
    links: d.links,
    sources: [],
    // The form, not the classifier, decided this answer: full confidence unless the model named it.
    confidence: same ? understood.confidence : 1,
    intent: same ? understood.intent! : { id, confidence: 1, similarity: Number.NaN },
  };
}
