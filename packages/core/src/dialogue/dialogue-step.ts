import type { BotConfig, BotReply, IntentConfig, QuickReply, SlotConfig } from '../types.js';
import type {
  ActionOutcome,
  DialogueReply,
  DialogueState,
  FormState,
  StepResult,
  Understanding,
} from './dialogue-state.js';
import { type DialogueStrings, dialogueStrings, isCancel, yesOrNo } from './dialogue-strings.js';
import { fillTemplate } from './fill-template.js';

/** True when an intent collects slots or runs an action. */
export function isFormIntent(intent: IntentConfig): boolean {
  return (intent.slots?.length ?? 0) > 0 || intent.action !== undefined;
}

/**
 * One turn of the dialogue: pure (no I/O, no clock), so it runs anywhere and replays exactly.
 *
 * Rules (also in the core README):
 * - **Filling**: values found in the message fill the form's slots: the slot just asked first,
 *   then the others; a value for a filled slot replaces it (a correction). Matches by meaning
 *   count only for the slot just asked.
 * - **Cancel**: "cancel", "never mind", "forget it", "算了", "取消" (and the bot's
 *   `dialogue.cancelPhrases`) close the form at once.
 * - **Change of subject**: a message that fills nothing but is a confident answer for another
 *   intent or FAQ entry is answered, then the form resumes ("Now, back to your request: <prompt>").
 *   Another form intent replaces the open form (one form at a time). More than `maxTries`
 *   digressions in a row close the form silently.
 * - **Giving up**: after `maxTries` answers in a row that fill nothing, the form closes with the
 *   give-up line and the fallback reply (or an escalation with `onGiveUp: "escalate"`).
 * - **Confirmation**: yes runs the action, no closes the form, a new value re-asks.
 * - A form left waiting for an action (a reload mid-call) is closed by the next message.
 */
export function stepDialogue(
  config: BotConfig,
  state: DialogueState,
  understanding: Understanding,
): StepResult {
  const strings = dialogueStrings(config.language, config.dialogue);
  let form = state.form;
  const intent = form && config.intents.find((i) => i.id === form!.intent);
  if (!form || !intent || !isFormIntent(intent) || form.stage === 'acting') {
    return idle(config, understanding, strings);
  }
  form = { ...form, slots: { ...form.slots } };
  const maxTries = config.dialogue?.maxTries ?? 2;
  if (isCancel(understanding.text, strings)) {
    return done([plain('cancelled', strings.cancelled, intent.id)]);
  }
  const changed = fillSlots(form, intent, understanding);
  if (form.stage === 'confirming') {
    if (changed)
      return proceed(
        config,
        { ...form, stage: 'filling', tries: 0, digressions: 0 },
        intent,
        strings,
      );
    const answer = yesOrNo(understanding.text, strings);
    if (answer === 'yes') return act(config, form, intent);
    if (answer === 'no') return done([plain('declined', strings.declined, intent.id)]);
  } else if (changed) {
    return proceed(config, { ...form, tries: 0, digressions: 0 }, intent, strings);
  }
  const reply = understanding.reply;
  const other = otherSubject(config, reply, intent.id);
  if (other === 'form') return idle(config, understanding, strings);
  if (other === 'answer') {
    const digressions = form.digressions + 1;
    if (digressions > maxTries) return done([answer(reply)]);
    const next = { ...form, digressions };
    const again = prompt(config, next, intent, strings);
    // Chinese punctuation needs no space after it.
    const lead = /[\u3000-\u303f\uff00-\uffef]$/.test(strings.resume)
      ? strings.resume
      : `${strings.resume} `;
    const back: DialogueReply = {
      ...again,
      text: `${lead}${again.text}`,
      parts: [{ text: lead, literal: false }, ...(again.parts ?? [])],
    };
    return { state: { version: 1, form: next }, replies: [answer(reply), back] };
  }
  if (reply.kind === 'intent' && reply.intent?.id === intent.id) {
    // "Where is my order?" again while it is being asked: ask again, not a failed try.
    return { state: { version: 1, form }, replies: [prompt(config, form, intent, strings)] };
  }
  const tries = form.tries + 1;
  if (tries >= maxTries) return giveUp(config, intent.id, strings);
  const next = { ...form, tries };
  return {
    state: { version: 1, form: next },
    replies: [prompt(config, next, intent, strings, true)],
  };
}

/**
 * Finishes a step that asked for an action: fills the intent's response with the slots and the
 * result, or answers `onNotFound` / `onError`. The form closes either way.
 */
export function resumeDialogue(
  config: BotConfig,
  state: DialogueState,
  outcome: ActionOutcome,
): StepResult {
  const form = state.form;
  const intent = form && config.intents.find((i) => i.id === form.intent);
  if (!form || !intent || form.stage !== 'acting') return { state, replies: [] };
  const strings = dialogueStrings(config.language, config.dialogue);
  const slots = slotTexts(config, form, intent);
  if (!outcome.ok) {
    if (outcome.failure === 'aborted') return done([]);
    const filled = fillTemplate(intent.action?.onError ?? strings.actionError, slots);
    return done([templated('action_error', filled, 'text', intent.id)]);
  }
  const result = outcome.result;
  if (result.notFound) {
    const filled = fillTemplate(
      intent.action?.onNotFound ?? intent.action?.onError ?? strings.actionError,
      slots,
    );
    return done([templated('not_found', filled, 'text', intent.id, result.quickReplies)]);
  }
  if (result.text !== undefined) {
    const text = result.text;
    return done([
      templated(
        'result',
        { text, parts: [{ text, literal: true }] },
        'text',
        intent.id,
        result.quickReplies,
      ),
    ]);
  }
  const answer = intent.answer ?? intent.response;
  const filled = fillTemplate(answer.text, slots, result.data ?? {});
  return done([
    {
      ...templated('result', filled, answer.format, intent.id, [
        ...answer.quickReplies,
        ...(result.quickReplies ?? []),
      ]),
      links: answer.links,
    },
  ]);
}

function done(replies: DialogueReply[]): StepResult {
  return { state: { version: 1 }, replies };
}

function idle(config: BotConfig, u: Understanding, strings: DialogueStrings): StepResult {
  const reply = u.reply;
  const intent =
    reply.kind === 'intent' ? config.intents.find((i) => i.id === reply.intent?.id) : undefined;
  if (!intent || !isFormIntent(intent)) return done([answer(reply)]);
  const form: FormState = {
    intent: intent.id,
    slots: {},
    stage: 'filling',
    tries: 0,
    digressions: 0,
  };
  fillSlots(form, intent, u);
  return proceed(config, form, intent, strings);
}

function proceed(
  config: BotConfig,
  form: FormState,
  intent: IntentConfig,
  strings: DialogueStrings,
): StepResult {
  const missing = (intent.slots ?? []).find((s) => s.required && !(s.name in form.slots));
  if (missing) {
    const next = { ...form, stage: 'filling' as const, asking: missing.name };
    return { state: { version: 1, form: next }, replies: [prompt(config, next, intent, strings)] };
  }
  if (intent.confirm !== undefined && form.stage !== 'confirming') {
    const { asking: _, ...rest } = form;
    const next = { ...rest, stage: 'confirming' as const };
    return { state: { version: 1, form: next }, replies: [prompt(config, next, intent, strings)] };
  }
  return act(config, form, intent);
}

function act(config: BotConfig, form: FormState, intent: IntentConfig): StepResult {
  const { asking: _, ...rest } = form;
  const next: FormState = { ...rest, stage: 'acting' };
  if (!intent.action) {
    // A form without an action answers its response with the slots filled in.
    return resumeDialogue(config, { version: 1, form: next }, { ok: true, result: {} });
  }
  const slots: Record<string, string | number> = {};
  for (const [name, v] of Object.entries(form.slots)) slots[name] = v.value;
  return {
    state: { version: 1, form: next },
    replies: [],
    action: { intent: intent.id, action: intent.action, slots, locale: config.language },
  };
}

function giveUp(config: BotConfig, intent: string, strings: DialogueStrings): StepResult {
  const escalate = config.dialogue?.onGiveUp === 'escalate' && config.escalation.enabled;
  const fallback = config.fallback;
  return done([
    {
      kind: 'gave_up',
      text: `${strings.gaveUp}\n\n${fallback.text}`,
      format: fallback.format,
      quickReplies: fallback.quickReplies,
      links: fallback.links,
      intent,
      ...(escalate && { escalate: true }),
    },
  ]);
}

/** `form` for another form intent, `answer` for another confident intent or FAQ entry. */
function otherSubject(
  config: BotConfig,
  reply: BotReply,
  current: string,
): 'form' | 'answer' | undefined {
  if (reply.kind === 'faq') return 'answer';
  if (reply.kind !== 'intent' || reply.intent?.id === current) return undefined;
  const other = config.intents.find((i) => i.id === reply.intent?.id);
  return other && isFormIntent(other) ? 'form' : 'answer';
}

/** Fills slots from the message's entities; true when any slot got a new value. */
function fillSlots(form: FormState, intent: IntentConfig, u: Understanding): boolean {
  const slots = intent.slots ?? [];
  const order = [
    ...slots.filter((s) => s.name === form.asking),
    ...slots.filter((s) => s.name !== form.asking),
  ];
  const used: [number, number][] = [];
  let changed = false;
  for (const slot of order) {
    const asked = slot.name === form.asking;
    const match = (u.entities[slot.entity] ?? []).find(
      (m) =>
        (m.how !== 'semantic' || asked) &&
        (m.start < 0 || !used.some(([s, e]) => m.start < e && s < m.end)),
    );
    if (!match) continue;
    if (match.start >= 0) used.push([match.start, match.end]);
    const previous = form.slots[slot.name];
    if (previous?.value === match.value) continue;
    form.slots[slot.name] = { value: match.value, text: match.text || String(match.value) };
    changed = true;
  }
  return changed;
}

function prompt(
  config: BotConfig,
  form: FormState,
  intent: IntentConfig,
  strings: DialogueStrings,
  again = false,
): DialogueReply {
  const slots = slotTexts(config, form, intent);
  if (form.stage === 'confirming') {
    const filled = fillTemplate(intent.confirm!, slots);
    return templated('confirm', filled, 'markdown', intent.id, [
      { label: strings.yes, message: strings.yes },
      { label: strings.no, message: strings.no },
    ]);
  }
  const slot = (intent.slots ?? []).find((s) => s.name === form.asking)!;
  const filled = fillTemplate((again && slot.reprompt) || slot.prompt || '', slots);
  return templated('ask', filled, 'markdown', intent.id, chipsFor(config, slot));
}

/** Chips for a `values` slot: its labels (at most 8). */
function chipsFor(config: BotConfig, slot: SlotConfig): QuickReply[] {
  const entity = config.entities?.[slot.entity];
  if (!entity || !('values' in entity)) return [];
  return entity.values.slice(0, 8).map((v) => ({ label: v.label, message: v.label }));
}

/** Slot values as shown in replies: a `values` entity's label, else the value. */
function slotTexts(
  config: BotConfig,
  form: FormState,
  intent: IntentConfig,
): Record<string, string> {
  const out: Record<string, string> = {};
  for (const slot of intent.slots ?? []) {
    const v = form.slots[slot.name];
    if (!v) continue;
    const entity = config.entities?.[slot.entity];
    out[slot.name] =
      entity && 'values' in entity
        ? (entity.values.find((e) => e.value === v.value)?.label ?? String(v.value))
        : String(v.value);
  }
  return out;
}

function plain(kind: DialogueReply['kind'], text: string, intent: string): DialogueReply {
  return { kind, text, format: 'text', quickReplies: [], links: [], intent };
}

function templated(
  kind: DialogueReply['kind'],
  filled: ReturnType<typeof fillTemplate>,
  format: 'markdown' | 'text',
  intent: string,
  quickReplies: QuickReply[] = [],
): DialogueReply {
  return { kind, text: filled.text, format, parts: filled.parts, quickReplies, links: [], intent };
}

function answer(reply: BotReply): DialogueReply {
  return {
    kind: 'answer',
    text: reply.text,
    format: reply.format,
    quickReplies: reply.quickReplies,
    links: reply.links,
    ...(reply.kind === 'intent' && { intent: reply.intent!.id }),
    reply,
    ...(reply.kind === 'escalate' && { escalate: true }),
  };
}
