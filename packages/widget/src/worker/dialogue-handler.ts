/// <reference lib="webworker" />
/**
 * The dialogue side of the engine worker (issue #13): understands a message where the model is
 * (`understandMessage`), steps the form (`stepDialogue`) and, once the page has run an action,
 * finishes it (`resumeDialogue`). Only plain data crosses to the page: the step, the model's
 * reply, and the redaction patterns for what else leaves the page.
 */
import type { BotConfig, SupportBot } from '@support-bot/core';
import {
  type DialogueState,
  isFormIntent,
  restoreDialogueState,
  resumeDialogue,
  slotRedactionPatterns,
  stepDialogue,
  type Understanding,
  understandMessage,
} from '@support-bot/core/dialogue';
import type { DialogueAnswer, DialogueToWorker, PatternData } from './messages.js';

/** Whether the bot has forms: only then does the page send its messages through the dialogue. */
export function hasForms(config: BotConfig): boolean {
  return config.intents.some(isFormIntent);
}

/** The redaction patterns of `state` (without one: the bot's `regex` entities) as plain data. */
export function patterns(config: BotConfig, state?: DialogueState): PatternData[] {
  return slotRedactionPatterns(config, state).map((p) => ({
    kind: p.kind,
    source: p.pattern.source,
    flags: p.pattern.flags,
  }));
}

/** Whether `state` has a form that reads the next message (asking for a slot or confirming). */
function formOpen(state: DialogueState): boolean {
  return state.form !== undefined && state.form.stage !== 'acting';
}

/**
 * What the dialogue understands without the model, while it loads: a chip naming an intent or
 * FAQ entry (that answer, no entities from its label), or, when no form reads the message, a
 * sure word match (`answerEarly`, which never matches a form or an out-of-scope line). Else
 * undefined: the message waits for the model.
 */
function understandEarly(
  bot: SupportBot,
  state: DialogueState,
  message: Extract<DialogueToWorker, { type: 'dialogue' }>,
): Understanding | undefined {
  if (message.target)
    return { text: message.text, reply: bot.answerWith(message.target), entities: {} };
  if (bot.info !== undefined || formOpen(state)) return undefined;
  const reply = bot.answerEarly(message.text);
  return reply && { text: message.text, reply, entities: {} };
}

/**
 * Answers one dialogue message. The state comes from the page (and from its storage), so it is
 * restored as untrusted data: anything malformed is the empty state. Chips, sure word matches
 * with no form open and resumes after an action need only the bot file and are answered at
 * once, also while the model loads; any other message is understood by the model once it is
 * ready.
 */
export async function handleDialogue(
  bot: SupportBot,
  message: DialogueToWorker,
  signal: AbortSignal,
): Promise<DialogueAnswer> {
  const config = bot.config;
  const state = restoreDialogueState(message.state);
  if (message.type === 'dialogue-resume') {
    const step = resumeDialogue(config, state, message.outcome);
    return { step, redact: patterns(config, step.state) };
  }
  const understanding =
    understandEarly(bot, state, message) ??
    (await understandMessage(bot, state, message.text, { now: new Date(message.now), signal }));
  const step = stepDialogue(config, state, understanding);
  // The patterns cover the state before and after: a value just replaced is still redacted.
  const redact = [...patterns(config, state), ...patterns(config, step.state)];
  return { step, reply: understanding.reply, redact };
}
