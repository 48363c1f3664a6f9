/**
 * @support-bot/core/dialogue: forms with slots, confirmation and actions on top of a
 * {@link SupportBot}: plain-data state and pure steps (understand where the model is, step and
 * resume anywhere, run actions in the page).
 */

export type { EntityMatches, ExtractOptions } from '../entities/entity-extractor.js';
export { defaultSemanticThreshold, EntityExtractor } from '../entities/entity-extractor.js';
export type { EntityMatch, MatchKind } from '../entities/entity-match.js';
export type { ConversationOptions, TurnResult } from './conversation.js';
export { Conversation, createConversation } from './conversation.js';
export type {
  ActionFailure,
  ActionOutcome,
  ActionRequest,
  ActionResult,
  DialogueReply,
  DialogueReplyKind,
  DialogueState,
  FormState,
  SlotValue,
  StepResult,
  Understanding,
} from './dialogue-state.js';
export { emptyDialogueState, restoreDialogueState } from './dialogue-state.js';
export { isFormIntent, resumeDialogue, stepDialogue } from './dialogue-step.js';
export type { TemplatePart } from './fill-template.js';
export { fillTemplate } from './fill-template.js';
export type { ActionContext, ActionHandler, RunActionOptions } from './run-action.js';
export { MAX_ACTION_RESPONSE_BYTES, runAction } from './run-action.js';
export { slotRedactionPatterns } from './slot-redaction.js';
export type { UnderstandOptions } from './understand-message.js';
export { entityExtractorFor, understandMessage } from './understand-message.js';
