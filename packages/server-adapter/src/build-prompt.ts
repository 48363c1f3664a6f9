import type { EscalationRequest } from './protocol.js';

/** The default instructions: answer only from the site's FAQ, and say so when it cannot. */
export const DEFAULT_SYSTEM_PROMPT =
  'You are the customer-service assistant of {bot}. Answer the visitor briefly and politely, in the language of their last message, ' +
  'using ONLY the facts in the FAQ entries below. If they do not answer the question, say you do not know and suggest contacting the support team. ' +
  'Never invent policies, prices, dates or promises.';

/** Builds the chat messages: grounded system prompt, then the (already redacted) conversation. */
export function buildPrompt(request: EscalationRequest, systemPrompt = DEFAULT_SYSTEM_PROMPT) {
  const faq = request.faq
    .map(
      (f, i) =>
        `FAQ ${i + 1}: ${f.question}\nAnswer: ${f.answer}${f.url ? `\nSource: ${f.url}` : ''}`,
    )
    .join('\n\n');
  const system = `${systemPrompt.replaceAll('{bot}', request.bot.name)}\n\n${faq || 'No FAQ entry matched this conversation.'}`;
  return [
    { role: 'system' as const, content: system },
    ...request.messages.map((m) => ({ role: m.role, content: m.text })),
  ];
}
