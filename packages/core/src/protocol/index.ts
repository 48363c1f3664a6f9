/**
 * `@support-bot/core/protocol`: the escalation and feedback wire protocols shared by the widget and
 * `@support-bot/server-adapter`. No DOM and nothing else of core, so it stays small in the widget.
 */

export type {
  CreateEscalationRequestOptions,
  EscalationInput,
} from './create-escalation-request.js';
export { createEscalationRequest } from './create-escalation-request.js';
export type {
  DeltaEventData,
  DoneEventData,
  ErrorEventData,
  EscalationErrorBody,
  EscalationEvent,
  EscalationResult,
  HandoffResult,
  TokenUsage,
} from './escalation-events.js';
export { EscalationErrorCode, FinishReason } from './escalation-events.js';
export type {
  EscalationFaqHit,
  EscalationIntent,
  EscalationLimits,
  EscalationMessage,
  EscalationRequest,
} from './escalation-request.js';
export { DEFAULT_LIMITS, PROTOCOL_VERSION } from './escalation-request.js';
export type {
  FeedbackInput,
  FeedbackIssue,
  FeedbackReplyKind,
  FeedbackReport,
  FeedbackValidationResult,
} from './feedback-report.js';
export {
  createFeedbackReport,
  FEEDBACK_LIMITS,
  FeedbackKind,
  validateFeedbackReport,
} from './feedback-report.js';
export type { ReadEscalationStreamOptions } from './read-escalation-stream.js';
export { readEscalationStream } from './read-escalation-stream.js';
export type { RequestIssue, ValidationResult } from './validate-escalation-request.js';
export { validateEscalationRequest } from './validate-escalation-request.js';
