/**
 * `@support-bot/core/redact`: PII redaction that runs the same in the browser, a worker and the
 * server. No DOM, no model, no other part of core.
 */

export { isIbanValid, isLuhnValid } from './checksums.js';
export type { PiiFinding, RedactOptions, RedactPattern, RedactResult } from './redact-pii.js';
export { PiiKind, redactPII } from './redact-pii.js';
