import type { EntityMatches } from '../entities/entity-extractor.js';
import type { ActionConfig, BotLink, BotReply, QuickReply } from '../types.js';
import type { TemplatePart } from './fill-template.js';

/** A filled slot: the normalised value (sent to the action) and the words it came from. */
export interface SlotValue {
  value: string | number;
  text: string;
}

/** The open form: which intent, what is filled, what is being asked, how many tries. */
export interface FormState {
  intent: string;
  slots: Record<string, SlotValue>;
  /** The slot the last prompt asked for. */
  asking?: string;
  stage: 'filling' | 'confirming' | 'acting';
  /** Answers in a row that filled nothing. */
  tries: number;
  /** Other questions in a row while this form is open. */
  digressions: number;
}

/**
 * The whole dialogue state: plain JSON, so the widget stores it with the conversation (it
 * survives a reload) and a worker can send it in a message. `{ version: 1 }` is "no form open".
 */
export interface DialogueState {
  version: 1;
  form?: FormState;
}

/** What understanding one message produced, where the model runs (worker, Node). */
export interface Understanding {
  text: string;
  /** `bot.reply(text)`: the intent or FAQ answer, its confidence and candidates. */
  reply: BotReply;
  /** Entities of the open form's slots and of the form intent the message names. */
  entities: EntityMatches;
}

/** Why a dialogue reply was given. */
export type DialogueReplyKind =
  | 'answer'
  | 'ask'
  | 'confirm'
  | 'result'
  | 'action_error'
  | 'not_found'
  | 'cancelled'
  | 'declined'
  | 'gave_up';

/** One message from the bot. Show `parts` when set: its `literal` parts are always plain text. */
export interface DialogueReply {
  kind: DialogueReplyKind;
  /** The whole text (for logs, plain-text renderers and tests). */
  text: string;
  format: 'markdown' | 'text';
  /** Set when values were filled in: render `literal` parts as text, the rest per `format`. */
  parts?: TemplatePart[];
  quickReplies: QuickReply[];
  links: BotLink[];
  /** The intent (form or answer) this reply belongs to. */
  intent?: string;
  /** For `answer`: the bot's own reply (kind `intent`, `faq`, `fallback` or `escalate`). */
  reply?: BotReply;
  /** True when the widget should escalate (an `escalate` answer, or giving up with `onGiveUp: escalate`). */
  escalate?: boolean;
}

/** An action to run with the filled slots; its outcome goes to `resumeDialogue`. */
export interface ActionRequest {
  intent: string;
  action: ActionConfig;
  /** Slot values only: nothing else of the conversation. */
  slots: Record<string, string | number>;
  locale: string;
}

/** What an action answers (a handler's return value, or a webhook's JSON as `data`). */
export interface ActionResult {
  /** Replaces the intent's response; always shown as plain text. */
  text?: string;
  /** Fields for `{result.field}` placeholders. */
  data?: Record<string, unknown>;
  quickReplies?: QuickReply[];
  /** The thing asked about does not exist (the webhook answered 404). */
  notFound?: boolean;
}

export type ActionFailure = 'error' | 'timeout' | 'http' | 'invalid' | 'aborted' | 'forbidden';

/** The outcome of one action: never a thrown error. */
export type ActionOutcome =
  | { ok: true; result: ActionResult }
  | { ok: false; failure: ActionFailure; message: string };

/** What one dialogue step produced. */
export interface StepResult {
  state: DialogueState;
  /** Messages to show, in order (empty while an action runs). */
  replies: DialogueReply[];
  /** Run this, then call `resumeDialogue` with its outcome. */
  action?: ActionRequest;
}

/** No form open. */
export function emptyDialogueState(): DialogueState {
  return { version: 1 };
}

/**
 * Reads a stored state back (from sessionStorage, a worker message): anything malformed or too
 * big becomes the empty state rather than an error, so a tampered store cannot break the chat.
 */
export function restoreDialogueState(data: unknown): DialogueState {
  if (!isRecord(data) || data.version !== 1) return emptyDialogueState();
  const form = data.form;
  if (form === undefined) return emptyDialogueState();
  if (
    !isRecord(form) ||
    typeof form.intent !== 'string' ||
    !isRecord(form.slots) ||
    !['filling', 'confirming', 'acting'].includes(form.stage as string) ||
    !Number.isInteger(form.tries) ||
    !Number.isInteger(form.digressions) ||
    (form.asking !== undefined && typeof form.asking !== 'string')
  ) {
    return emptyDialogueState();
  }
  const slots: Record<string, SlotValue> = {};
  for (const [name, v] of Object.entries(form.slots).slice(0, 20)) {
    if (!isRecord(v) || typeof v.text !== 'string') return emptyDialogueState();
    if (typeof v.value !== 'string' && !(typeof v.value === 'number' && Number.isFinite(v.value)))
      return emptyDialogueState();
    slots[name] = {
      value: typeof v.value === 'string' ? v.value.slice(0, 500) : v.value,
      text: v.text.slice(0, 500),
    };
  }
  return {
    version: 1,
    form: {
      intent: form.intent,
      slots,
      ...(form.asking !== undefined && { asking: form.asking as string }),
      stage: form.stage as FormState['stage'],
      tries: Math.max(0, Math.min(10, form.tries as number)),
      digressions: Math.max(0, Math.min(10, form.digressions as number)),
    },
  };
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
