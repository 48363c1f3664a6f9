/**
 * @support-bot/core: understand a visitor's message in their own browser (or a worker, or Node)
 * and answer from one bot file.
 */
export { createSupportBot, loadSupportBot, SupportBot } from './engine/support-bot.js';
export type { ReplyOptions, SupportBotInfo, SupportBotOptions } from './engine/support-bot.js';
export type { EffectiveThresholds } from './engine/decide.js';
export { MAX_MESSAGE_CHARS } from './engine/normalize-message.js';

export { parseBotConfig, checkBotConfig } from './config/parse-bot-config.js';
export type { ParseBotConfigOptions } from './config/parse-bot-config.js';

export { createEncoder } from './encoder/create-encoder.js';
export type {
  EmbedOptions,
  Embeddings,
  Encoder,
  EncoderOptions,
} from './encoder/create-encoder.js';
export { MODELS, defaultModelFor, getModelSpec } from './encoder/model-table.js';
export type { ModelId, ModelSpec } from './encoder/model-table.js';
export { resolveDevice, detectCapabilities } from './encoder/resolve-device.js';
export type {
  DeviceKind,
  DevicePreference,
  RuntimeCapabilities,
} from './encoder/resolve-device.js';
export type { ModelLocation } from './encoder/transformers-env.js';

export {
  encodeBotIndex,
  decodeBotIndex,
  isBotIndex,
  INDEX_FORMAT_VERSION,
} from './compile/bot-index.js';
export type { BotIndex } from './compile/bot-index.js';

export { ErrorCode, SupportBotError, isSupportBotError } from './errors.js';
export type { ConfigIssue } from './errors.js';
export type {
  ModelErrorEvent,
  ModelProgressEvent,
  ModelReadyEvent,
  SupportBotEventMap,
} from './events.js';
export { CONFIG_VERSION } from './types.js';
export type {
  BotConfig,
  BotLink,
  BotReply,
  BotResponse,
  ChatTurn,
  EscalationConfig,
  FaqEntry,
  FaqHit,
  IntentCandidate,
  IntentConfig,
  QuickReply,
  ReplyKind,
  ReplySource,
  ReplyTimings,
  Thresholds,
} from './types.js';
