import type { EscalationEvent, EscalationRequest } from '@support-bot/core/protocol';

/** A valid escalation request with a little PII in the visitor's message. */
export function escalationRequest(overrides: Partial<EscalationRequest> = {}): EscalationRequest {
  return {
    version: 1,
    messages: [
      { role: 'user', text: 'Hi' },
      { role: 'assistant', text: 'Hello! How can I help?' },
      {
        role: 'user',
        text: 'Are your jackets waterproof? Mail me at jo@example.com or call +44 20 7946 0958',
      },
    ],
    locale: 'en',
    bot: { name: 'Acme Outdoor', language: 'en' },
    intents: [{ id: 'product_info', confidence: 0.41 }],
    faq: [
      {
        id: 'waterproof',
        question: 'Are your jackets waterproof?',
        answer: 'Yes: every jacket is rated 20,000 mm.',
        url: 'https://shop.example/faq#waterproof',
        score: 0.82,
      },
    ],
    ...overrides,
  };
}

/** Parses a whole `text/event-stream` body into events (test helper; the widget uses readEscalationStream). */
export function parseSse(text: string): EscalationEvent[] {
  return text
    .split('\n\n')
    .filter((block) => block.trim() !== '')
    .map((block) => {
      const type = /^event: (.*)$/m.exec(block)?.[1];
      const data = /^data: (.*)$/m.exec(block)?.[1] ?? '{}';
      return { type, ...JSON.parse(data) } as EscalationEvent;
    });
}

/** Concatenated text of the `delta` events. */
export const deltaText = (events: EscalationEvent[]) =>
  events.map((e) => (e.type === 'delta' ? e.text : '')).join('');
