/**
 * @support-bot/core: understand a visitor's message in their own browser (or a worker, or Node)
 * and answer from one bot file.
 */

export type { BotIndex } from './compile/bot-index.js';
export {
  decodeBotIndex,
  encodeBotIndex,
  INDEX_FORMAT_VERSION,
  isBotIndex,
} from './compile/bot-index.js';
export type { ParseBotConfigOptions } from './config/parse-bot-config.js';
export { checkBotConfig, parseBotConfig } from './config/parse-bot-config.js';
export { concatEncoders } from './encoder/concat-encoders.js';
export type {
  Embeddings,
  EmbedOptions,
  Encoder,
  EncoderOptions,
} from './encoder/create-encoder.js';
export { createEncoder } from './encoder/create-encoder.js';
export type { ModelId, ModelSpec } from './encoder/model-table.js';
export { defaultModelFor, getModelSpec, MODELS } from './encoder/model-table.js';
export type {
  DeviceKind,
  DevicePreference,
  RuntimeCapabilities,
} from './encoder/resolve-device.js';
export { detectCapabilities, resolveDevice } from './encoder/resolve-device.js';
export type { ModelLocation } from './encoder/transformers-env.js';
export type { EffectiveThresholds } from './engine/decide.js';
export type { EmbeddingCache, EmbeddingCacheStats } from './engine/embedding-cache.js';
export { contentHash, embeddingScope } from './engine/embedding-cache.js';
export { MAX_MESSAGE_CHARS } from './engine/normalize-message.js';
export type { ReplyOptions, SupportBotInfo, SupportBotOptions } from './engine/support-bot.js';
export { createSupportBot, loadSupportBot, SupportBot } from './engine/support-bot.js';
export type { ConfigIssue } from './errors.js';
export { ErrorCode, isSupportBotError, SupportBotError } from './errors.js';
export type { LabelledBot, LabelledRow } from './eval/bot-from-labelled-rows.js';
export { botConfigFromLabelledRows } from './eval/bot-from-labelled-rows.js';
export type { EvalMistake, EvalPrediction, EvalReport } from './eval/summarize-eval.js';
export { MistakeKind, summarizeEval } from './eval/summarize-eval.js';
export type { TradeoffCase, TradeoffRow } from './eval/threshold-tradeoff.js';
export { thresholdTradeoff } from './eval/threshold-tradeoff.js';
export type {
  ModelErrorEvent,
  ModelProgressEvent,
  ModelReadyEvent,
  SupportBotEventMap,
} from './events.js';
export type { ApplyResult } from './feedback/apply-suggestions.js';
export { applySuggestions } from './feedback/apply-suggestions.js';
export {
  feedbackReportProblem,
  parseFeedbackLines,
  uniqueReports,
} from './feedback/feedback-report.js';
export type { ReviewOptions, Suggestion, SuggestionsFile } from './feedback/review-feedback.js';
export { reviewFeedback } from './feedback/review-feedback.js';
export type { FeedbackReport } from './protocol/feedback-report.js';
export { FeedbackKind } from './protocol/feedback-report.js';
export type {
  BotConfig,
  BotLink,
  BotReply,
  BotResponse,
  ChatTurn,
  EscalationConfig,
  FaqEntry,
  FaqHit,
  FeedbackConfig,
  IntentCandidate,
  IntentConfig,
  QuickReply,
  ReplyKind,
  ReplySource,
  ReplyTimings,
  Thresholds,
} from './types.js';
export { CONFIG_VERSION } from './types.js';
