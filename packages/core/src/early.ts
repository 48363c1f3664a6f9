/**
 * `@support-bot/core/early`: what a bot file answers with no model — a chip's target, a sure
 * word match, and the dialogue steps those lead to — in a module that never imports the encoder,
 * transformers.js or onnxruntime. The widget runs it in a small second worker so these answers
 * come at once while the engine worker's thread is busy loading the model.
 */
import { decodeBotIndex, isBotIndex } from './compile/bot-index.js';
import { parseBotConfig } from './config/parse-bot-config.js';
import type { BotConfig } from './types.js';

export type {
  ActionOutcome,
  DialogueState,
  StepResult,
  Understanding,
} from './dialogue/dialogue-state.js';
export { emptyDialogueState, restoreDialogueState } from './dialogue/dialogue-state.js';
export { isFormIntent, resumeDialogue, stepDialogue } from './dialogue/dialogue-step.js';
export { slotRedactionPatterns } from './dialogue/slot-redaction.js';
export {
  BotFileAnswers,
  EARLY_ANSWER_BAR,
  EarlyAnswers,
  type EarlyCandidate,
} from './engine/early-answer.js';
export { isSupportBotError, SupportBotError } from './errors.js';
export type { BotConfig, BotReply } from './types.js';

/**
 * The validated bot file from what a page fetched: bot.json (or JSONC) text or bytes, or the
 * bytes of a compiled index (its embedded config, checked like `createSupportBot` checks it).
 * @throws {SupportBotError} `CONFIG_INVALID` or `INDEX_INVALID`, as `createSupportBot` would.
 */
export function readBotFile(config: string | Uint8Array | ArrayBuffer, source?: string): BotConfig {
  if (typeof config !== 'string' && isBotIndex(config)) return decodeBotIndex(config).config;
  const text = typeof config === 'string' ? config : new TextDecoder().decode(config);
  return parseBotConfig(text, source === undefined ? {} : { source });
}
