/**
 * @support-bot/server-adapter: the endpoint `<support-bot>` escalates to when the visitor's
 * browser is unsure, and the opt-in feedback endpoint it reports to. Web-standard `Request -> Response`, no DOM; {@link toNodeHandler} mounts it
 * on node:http, Express and Fastify.
 */

export type {
  EscalationEvent,
  EscalationRequest,
  EscalationResult,
  FeedbackReport,
} from '@support-bot/core/protocol';
export { EscalationErrorCode, PROTOCOL_VERSION } from '@support-bot/core/protocol';
export type { BotIdentity, GroundedPromptOptions } from './build-grounded-prompt.js';
export {
  buildGroundedPrompt,
  DATA_CLOSE,
  DATA_OPEN,
  fenceJson,
  HANDOFF_MARKER,
} from './build-grounded-prompt.js';
export type {
  EscalationHandler,
  EscalationHandlerOptions,
  EscalationLogger,
  HandlerContext,
  RateLimitOptions,
} from './create-escalation-handler.js';
export { createEscalationHandler } from './create-escalation-handler.js';
export type { EscalationErrorOptions } from './errors.js';
export { EscalationError, isEscalationError } from './errors.js';
export type {
  FeedbackHandler,
  FeedbackHandlerOptions,
} from './feedback/create-feedback-handler.js';
export { createFeedbackHandler } from './feedback/create-feedback-handler.js';
export type {
  FeedbackStore,
  JsonLinesFeedbackStoreOptions,
  RedisFeedbackStoreOptions,
  RedisStreamClient,
} from './feedback/feedback-store.js';
export {
  createJsonLinesFeedbackStore,
  createRedisFeedbackStore,
} from './feedback/feedback-store.js';
export type { ClientAddressResult, TrustProxy, TrustProxyFn } from './guards/client-address.js';
export { resolveClientAddress } from './guards/client-address.js';
export type { CorsOptions, OriginAllowList } from './guards/cors.js';
export type {
  RedisRateLimitStoreOptions,
  RedisScriptClient,
} from './guards/redis-rate-limit-store.js';
export { createRedisRateLimitStore, TOKEN_BUCKET_SCRIPT } from './guards/redis-rate-limit-store.js';
export type {
  MemoryRateLimitStoreOptions,
  RateLimitDecision,
  RateLimitStore,
  TokenBucketRule,
} from './guards/token-bucket.js';
export { createMemoryRateLimitStore } from './guards/token-bucket.js';
export type { HandoffOptions } from './handoff.js';
export type { AnthropicOptions } from './providers/anthropic.js';
export { anthropic } from './providers/anthropic.js';
export type { AzureOpenAIOptions, OpenAICompatibleOptions } from './providers/openai-compatible.js';
export { azureOpenAI, openAICompatible } from './providers/openai-compatible.js';
export type {
  EscalationProvider,
  ProviderCall,
  ProviderEvent,
  ProviderMessage,
} from './providers/provider.js';
export type { UpstreamPolicy } from './providers/upstream.js';
export type { NodeRequest, WebHandler } from './to-node-handler.js';
export { toNodeHandler } from './to-node-handler.js';
