/// <reference lib="webworker" />
/**
 * The dialogue side of the engine worker (issue #13): understands a message where the model is
 * (`understandMessage`), steps the form (`stepDialogue`) and, once the page has run an action,
 * finishes it (`resumeDialogue`). Only plain data crosses to the page: the step, the model's
 * reply, and the redaction patterns for what else leaves the page.
 */
import type { SupportBot } from '@support-bot/core';
import { restoreDialogueState, understandMessage } from '@support-bot/core/dialogue';
import { stepAnswer, understandEarly } from './early-dialogue.js';
import type { DialogueAnswer, DialogueToWorker } from './messages.js';

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
  const state = restoreDialogueState(message.state);
  if (message.type === 'dialogue-resume') return stepAnswer(bot.config, state, message);
  const understanding =
    understandEarly(bot, state, message, bot.info === undefined) ??
    (await understandMessage(bot, state, message.text, { now: new Date(message.now), signal }));
  return stepAnswer(bot.config, state, message, understanding);
}
