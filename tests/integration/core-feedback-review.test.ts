/**
 * Learning from visitors, core side: review groups real-model embeddings of failed questions,
 * apply merges the accepted suggestions, and the bot then answers what it failed before.
 */

import { readFileSync } from 'node:fs';
import {
  applySuggestions,
  type FeedbackReport,
  loadSupportBot,
  reviewFeedback,
} from '@support-bot/core';
import { describe, expect, it } from 'vitest';
import { modelsDir, repoPath } from '../support/models.js';

const botText = JSON.stringify(
  {
    name: 'Shop',
    intents: [
      {
        id: 'refund',
        examples: [
          'I want my money back',
          'how do I get a refund',
          'refund my order',
          'can I return this for a refund',
        ],
        response: 'Refunds take 5 days.',
      },
      {
        id: 'order_status',
        examples: [
          'where is my order',
          'track my package',
          'has my order shipped',
          'when will my parcel arrive',
        ],
        response: 'Track it at /orders.',
      },
      {
        id: 'opening_hours',
        examples: [
          'when are you open',
          'opening hours',
          'what time do you close',
          'are you open on sunday',
        ],
        response: 'We open 9-18.',
      },
    ],
    faq: [
      {
        id: 'pets',
        question: 'Can I bring my dog into the store?',
        alternatives: ['are pets allowed'],
        answer: 'Yes, dogs are welcome.',
      },
    ],
  },
  null,
  2,
);

let nextId = 0;
const report = (kind: FeedbackReport['kind'], text: string): FeedbackReport => ({
  version: 1,
  id: `r${++nextId}`,
  kind,
  text,
  bot: { name: 'Shop', language: 'en' },
  at: '2026-11-22T10:00:00Z',
});

describe('review and apply on the real model', () => {
  it('groups failed questions by meaning, suggests where they belong, and apply makes the bot answer them', async () => {
    const reports = [
      report('unanswered', 'do you offer gift wrapping?'),
      report('thumbs_down', 'can you gift wrap my order'),
      report('unanswered', 'Do you offer gift wrapping?'),
      report('escalated', 'is gift wrapping available for presents'),
      report('unanswered', 'my refund still has not reached my bank account'),
      report('unanswered', 'the refund hasnt shown up in my account yet'),
      report('thumbs_up', 'when are you open'),
    ];
    const bot = await loadSupportBot({ config: botText, modelBaseUrl: modelsDir() });
    const before = await bot.reply('could you gift wrap it for me?');
    expect(before.kind).toBe('fallback');
    const file = await reviewFeedback(bot, reports, 'bot.json');
    await bot.dispose();

    expect(file.reports).toEqual({ total: 7, reviewed: 6 });
    const gift = file.suggestions.find((s) => s.action === 'new-intent');
    expect(gift).toMatchObject({
      accept: false,
      count: 4,
      intent: { id: expect.stringContaining('gift') },
    });
    if (gift?.action !== 'new-intent') throw new Error('no new-intent suggestion');
    expect(gift.intent.examples).toHaveLength(3); // the duplicate question counted, not repeated
    const refund = file.suggestions.find((s) => s.action === 'add-examples');
    expect(refund).toMatchObject({ intent: 'refund', count: 2 });

    // The owner writes the answer and accepts.
    gift.accept = true;
    gift.intent.response = 'Yes, gift wrapping is 3 EUR at checkout.';
    const result = applySuggestions(botText, file, 'bot.json');
    expect(result.applied.map((a) => a.action).sort()).toEqual(['add-examples', 'new-intent']);

    const after = await loadSupportBot({ config: result.text, modelBaseUrl: modelsDir() });
    const reply = await after.reply('could you gift wrap it for me?');
    expect(reply).toMatchObject({
      kind: 'intent',
      text: 'Yes, gift wrapping is 3 EUR at checkout.',
    });
    expect((await after.reply('where is my parcel')).intent?.id).toBe('order_status');
    await after.dispose();
  });

  it('never suggests the answer a visitor rated down; it offers the next best one instead', async () => {
    const bot = await loadSupportBot({ config: botText, modelBaseUrl: modelsDir() });
    const text = 'my parcel came but I want my money back';
    const answered = await bot.reply(text);
    expect(answered.kind).toBe('intent');
    const wrong = answered.intent!.id;
    const down: FeedbackReport = {
      ...report('thumbs_down', text),
      reply: { kind: 'intent', id: wrong, confidence: answered.confidence },
    };
    const file = await reviewFeedback(bot, [down], 'bot.json');
    await bot.dispose();
    expect(file.suggestions).toHaveLength(1);
    const s = file.suggestions[0]!;
    expect(s.rejected).toEqual([`intent:${wrong}`]);
    if (s.action === 'add-examples') expect(s.intent).not.toBe(wrong);
    if (s.action === 'new-intent') expect(s.nearest?.intent).not.toBe(wrong);
  });

  it('groups by what a question is about, not by the redacted contact details in it', async () => {
    // The store bot has a contact_hours intent: "call [phone] or mail [email]" alone reads as
    // "contact us" to the encoder. Embedded with the placeholders, this question was suggested
    // as a contact_hours example (confidence 0.49); what it asks about has no intent yet.
    const store = readFileSync(repoPath('examples/bots/acme-store.json'), 'utf8');
    const bot = await loadSupportBot({ config: store, modelBaseUrl: modelsDir() });
    const text = 'do you sponsor local hiking clubs, call [phone] or mail [email]';
    const file = await reviewFeedback(bot, [report('unanswered', text)], 'acme-store.json');
    await bot.dispose();
    expect(file.suggestions).toHaveLength(1);
    expect(file.suggestions[0]).toMatchObject({
      action: 'new-intent',
      intent: { examples: [text] }, // the owner still sees what the visitor wrote
    });
  });
});
