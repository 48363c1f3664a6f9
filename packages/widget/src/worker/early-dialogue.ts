/**
 * What the dialogue and the page's summary need from a bot file alone (no model): shared by the
 * engine worker and the early-answer worker, so both import only `@support-bot/core/early` here.
 */
import {
  type BotConfig,
  type BotFileAnswers,
  type DialogueState,
  isFormIntent,
  resumeDialogue,
  slotRedactionPatterns,
  stepDialogue,
  type Understanding,
} from '@support-bot/core/early';
import type { BotSummary, DialogueAnswer, DialogueToWorker, PatternData } from './messages.js';

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

/** What the page learns about the bot from its parsed file (before the model is ready). */
export function botSummary(config: BotConfig): BotSummary {
  const { name, language, greeting, escalation, feedback } = config;
  return {
    name,
    language,
    ...(greeting !== undefined && { greeting }),
    escalation,
    ...(feedback !== undefined && { feedback }),
    ...(hasForms(config) && { dialogue: true, redact: patterns(config) }),
  };
}

/** Whether `state` has a form that reads the next message (asking for a slot or confirming). */
function formOpen(state: DialogueState): boolean {
  return state.form !== undefined && state.form.stage !== 'acting';
}

/**
 * What the dialogue understands without the model: a chip naming an intent or FAQ entry (that
 * answer, no entities from its label), or, when no form reads the message and `words` is set, a
 * sure word match (`answerEarly`, which never matches a form or an out-of-scope line). Else
 * undefined: the message waits for the model.
 */
export function understandEarly(
  answers: Pick<BotFileAnswers, 'answerWith' | 'answerEarly'>,
  state: DialogueState,
  message: Extract<DialogueToWorker, { type: 'dialogue' }>,
  words: boolean,
): Understanding | undefined {
  if (message.target)
    return { text: message.text, reply: answers.answerWith(message.target), entities: {} };
  if (!words || formOpen(state)) return undefined;
  const reply = answers.answerEarly(message.text);
  return reply && { text: message.text, reply, entities: {} };
}

/** One dialogue step from an understanding (or a resume after an action), with its patterns. */
export function stepAnswer(
  config: BotConfig,
  state: DialogueState,
  message: DialogueToWorker,
  understanding?: Understanding,
): DialogueAnswer {
  if (message.type === 'dialogue-resume') {
    const step = resumeDialogue(config, state, message.outcome);
    return { step, redact: patterns(config, step.state) };
  }
  const step = stepDialogue(config, state, understanding!);
  // The patterns cover the state before and after: a value just replaced is still redacted.
  const redact = [...patterns(config, state), ...patterns(config, step.state)];
  return { step, reply: understanding!.reply, redact };
}
