/**
 * What opt-in feedback reporting loads on demand (the `support-bot-remote.js` chunk of the
 * script-tag build): the report builder with its PII redaction, and the delivery queue.
 */
export { createFeedbackReport } from '@support-bot/core/protocol';
export { FeedbackReporter } from './feedback-reporter.js';
