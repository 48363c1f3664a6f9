import type { EscalationRequest } from '@support-bot/core/protocol';
import { type RedactOptions, redactPII } from '@support-bot/core/redact';

/** One of the site's own FAQ entries, as given in the handler's `faq` option. */
export interface TrustedFaqEntry {
  id: string;
  question: string;
  answer: string;
  url?: string;
}

/**
 * Redacts every turn (unless `redact` is `false`) and, with the site's own FAQ (`faqById`),
 * swaps each hit for the real entry by id and drops ids the site does not have.
 */
export function prepareEscalation(
  request: EscalationRequest,
  redact: RedactOptions | false | undefined,
  faqById: ReadonlyMap<string, TrustedFaqEntry> | undefined,
): EscalationRequest {
  const messages =
    redact === false
      ? request.messages
      : request.messages.map((m) => ({
          role: m.role,
          // The request's locale (a validated language tag) is only a hint for bare national numbers.
          text: redactPII(m.text, { locale: request.locale, ...redact }).text,
        }));
  const faq = faqById
    ? request.faq.flatMap((hit) => {
        const real = faqById.get(hit.id);
        return real
          ? [
              {
                id: real.id,
                question: real.question,
                answer: real.answer,
                ...(real.url !== undefined && { url: real.url }),
                score: hit.score,
              },
            ]
          : [];
      })
    : request.faq;
  return { ...request, messages, faq };
}
