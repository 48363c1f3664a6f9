import { describe, expect, it } from 'vitest';
import { parseBotConfig } from '../config/parse-bot-config.js';
import { EarlyAnswers } from './early-answer.js';

/** A plain intent whose long example covers the words of a form's short one ("order status"). */
const config = parseBotConfig(
  JSON.stringify({
    name: 'T',
    entities: { order_number: { regex: '\\b(AC-\\d{6})\\b' } },
    intents: [
      {
        id: 'order_status',
        examples: ['order status', 'where is my order'],
        response: 'Order {order}: {result.status}',
        slots: [{ name: 'order', entity: 'order_number', prompt: 'Number?' }],
        action: { handler: 'orderStatus' },
      },
      {
        id: 'order_history',
        examples: ['download the order status history page as a spreadsheet export'],
        response: 'Your account has an order history page.',
      },
      {
        id: 'returns',
        examples: ['how do I return something', 'return policy'],
        response: 'Returns are free for 30 days.',
      },
    ],
    faq: [{ id: 'po', question: 'Do you ship to PO boxes?', answer: 'Yes.' }],
    outOfScope: ['what is the weather forecast today'],
  }),
);

describe('EarlyAnswers', () => {
  const early = new EarlyAnswers(config);

  it('answers a sure match of a plain intent or FAQ question', () => {
    expect(early.decide('what is your return policy?')?.intent?.id).toBe('returns');
    expect(early.decide('can you ship to PO boxes')?.faq?.id).toBe('po');
  });

  it('never answers a message closest to a form: it waits for the model and its slot filling', () => {
    expect(early.candidate('order status')).toMatchObject({ kind: 'form', id: 'order_status' });
    expect(early.decide('order status')).toBeUndefined();
    // Left out of the index (the old behaviour), the plain intent that covers every word won.
    const withoutForms = new EarlyAnswers({
      ...config,
      intents: config.intents.filter((i) => i.id !== 'order_status'),
    });
    expect(withoutForms.decide('order status')?.intent?.id).toBe('order_history');
  });

  it('never answers an out-of-scope line', () => {
    expect(early.candidate('weather forecast today')).toMatchObject({ kind: 'out-of-scope' });
    expect(early.decide('weather forecast today')).toBeUndefined();
  });
});
