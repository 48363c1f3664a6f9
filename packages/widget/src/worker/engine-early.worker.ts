/// <reference lib="webworker" />
/**
 * The early-answer worker (`engine-early.worker.js`): answers what needs only the bot file —
 * chips with a target, sure word matches, and the dialogue steps those lead to while no form is
 * open — on its own thread, so they come at once while the engine worker is busy creating the
 * ONNX session or embedding the bot's examples. It imports `@support-bot/core/early` only (no
 * transformers.js, no onnxruntime); the page terminates it once the engine is ready.
 */
import {
  BotFileAnswers,
  isSupportBotError,
  readBotFile,
  restoreDialogueState,
} from '@support-bot/core/early';
import { botSummary, stepAnswer, understandEarly } from './early-dialogue.js';
import type { FromEarlyWorker, ToEarlyWorker } from './messages.js';

declare const self: DedicatedWorkerGlobalScope;

let answers: BotFileAnswers | undefined;

/** A User Timing measure (`support-bot:<step>`), like the engine worker's. */
function measure(step: string, start: number): void {
  try {
    performance.measure(`support-bot:${step}`, { start, end: performance.now() });
  } catch {
    // Diagnostics only.
  }
}

function post(message: FromEarlyWorker): void {
  self.postMessage(message);
}

function answer(
  message: Exclude<ToEarlyWorker, { type: 'init' }>,
  bot: BotFileAnswers,
): FromEarlyWorker {
  const { id } = message;
  switch (message.type) {
    case 'answer-with':
      return { type: 'reply', id, reply: bot.answerWith(message.target) };
    case 'answer-early': {
      const reply = bot.answerEarly(message.text);
      return { type: 'early', id, ...(reply && { reply }) };
    }
    case 'dialogue-resume':
      return {
        type: 'dialogue',
        id,
        answer: stepAnswer(bot.config, restoreDialogueState(message.state), message),
      };
    case 'dialogue': {
      const state = restoreDialogueState(message.state);
      const understanding = understandEarly(bot, state, message, true);
      if (!understanding) return { type: 'early', id };
      return {
        type: 'dialogue',
        id,
        answer: stepAnswer(bot.config, state, message, understanding),
      };
    }
  }
}

self.addEventListener('message', (event: MessageEvent<ToEarlyWorker>) => {
  const message = event.data;
  try {
    if (message.type === 'init') {
      const started = performance.now();
      const config =
        typeof message.config === 'string' ? message.config : new Uint8Array(message.config);
      answers = new BotFileAnswers(readBotFile(config, message.source));
      post({ type: 'booted', bot: botSummary(answers.config) });
      // The word index now, not on the visitor's first question.
      answers.prepare();
      measure('early-ready', started);
      return;
    }
    if (!answers)
      throw new Error(
        '[support-bot] Failed to answer early: the bot file is not read yet. Please send init first.',
      );
    post(answer(message, answers));
  } catch (error) {
    post({
      type: 'error',
      ...(message.type !== 'init' && { id: message.id }),
      code: isSupportBotError(error) ? error.code : 'INTERNAL',
      message: error instanceof Error ? error.message : String(error),
      retryable: false,
    });
  }
});
