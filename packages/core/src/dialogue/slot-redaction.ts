import type { RedactPattern } from '../redact/redact-pii.js';
import type { BotConfig } from '../types.js';
import type { DialogueState } from './dialogue-state.js';

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * Extra redaction patterns for anything that leaves the page besides the action (escalation,
 * feedback): every `regex` entity of the bot (order numbers in any turn, past or present) as
 * `[entity_name]`, and the open form's values of `regex`, `email` and `phone` slots literally.
 * Pass them as `createEscalationRequest(input, { redact: { patterns } })` and
 * `createFeedbackReport(input, { redact: { patterns } })`; the built-in redaction already takes
 * e-mail addresses, phone numbers, cards and IBANs.
 */
export function slotRedactionPatterns(config: BotConfig, state?: DialogueState): RedactPattern[] {
  const patterns: RedactPattern[] = [];
  for (const [name, entity] of Object.entries(config.entities ?? {})) {
    if (!('regex' in entity)) continue;
    patterns.push({
      kind: name,
      pattern: new RegExp(entity.regex, `${entity.flags.replace(/[gy]/g, '')}g`),
    });
  }
  const intent = state?.form && config.intents.find((i) => i.id === state.form!.intent);
  for (const slot of intent?.slots ?? []) {
    const entity = config.entities?.[slot.entity];
    const sensitive =
      slot.entity === 'email' || slot.entity === 'phone' || (entity && 'regex' in entity);
    const v = state!.form!.slots[slot.name];
    if (!sensitive || !v) continue;
    for (const text of new Set([String(v.value), v.text])) {
      if (text.length >= 3)
        patterns.push({ kind: slot.name, pattern: new RegExp(escapeRegExp(text), 'giu') });
    }
  }
  return patterns;
}
