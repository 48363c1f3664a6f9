import { describe, expect, it } from 'vitest';
import { parseBotConfig } from '../config/parse-bot-config.js';
import { ErrorCode } from '../errors.js';
import { applySuggestions } from './apply-suggestions.js';
import { parseFeedbackLines } from './feedback-report.js';
import type { Suggestion, SuggestionsFile } from './review-feedback.js';

const bot = `{
    "name": "Shop",
    "intents": [
        { "id": "refund", "examples": ["I want my money back"], "response": "Refunds take 5 days." }
    ],
    "faq": [
        { "id": "pets", "question": "Can I bring my dog?", "answer": "Yes." }
    ]
}
`;

const file = (suggestions: Suggestion[]): SuggestionsFile => ({
  version: 1,
  bot: 'bot.json',
  model: 'Xenova/all-MiniLM-L6-v2',
  generatedAt: '2026-11-22T00:00:00Z',
  reports: { total: 3, reviewed: 3 },
  suggestions,
});

describe('applySuggestions', () => {
  it('adds examples, FAQ phrasings and new intents, keeping the file formatting', () => {
    const result = applySuggestions(
      bot,
      file([
        {
          id: 's1',
          accept: true,
          action: 'add-examples',
          intent: 'refund',
          confidence: 0.9,
          similarity: 0.7,
          count: 2,
          examples: ['can I get reimbursed', 'I want my money back'],
        },
        {
          id: 's2',
          accept: true,
          action: 'add-alternatives',
          faq: 'pets',
          similarity: 0.8,
          count: 1,
          alternatives: ['are dogs allowed in the store'],
        },
        {
          id: 's3',
          accept: true,
          action: 'new-intent',
          count: 3,
          intent: { id: 'gift_wrap', examples: ['do you gift wrap'], response: 'Yes, for 3 EUR.' },
        },
        {
          id: 's4',
          accept: false,
          action: 'new-intent',
          count: 1,
          intent: { id: 'draft', examples: ['x'], response: '' },
        },
      ]),
    );
    const config = parseBotConfig(result.text);
    expect(config.intents.map((i) => i.id)).toEqual(['refund', 'gift_wrap']);
    expect(config.intents[0]!.examples).toEqual(['I want my money back', 'can I get reimbursed']);
    expect(config.faq[0]!.alternatives).toEqual(['are dogs allowed in the store']);
    expect(result.text).toContain('"question": "Can I bring my dog?"');
    expect(result.skipped).toEqual([
      { id: 's1', text: 'I want my money back', reason: 'already an example or FAQ phrasing' },
    ]);
    expect(result.applied.map((a) => [a.id, a.added])).toEqual([
      ['s1', 1],
      ['s2', 1],
      ['s3', 1],
    ]);
    // Untouched lines keep their layout; edited arrays use the file's four-space indentation.
    expect(result.text.split('\n')[1]).toBe('    "name": "Shop",');
    expect(result.text).toContain(
      '            "examples": [\n                "I want my money back",\n                "can I get reimbursed"',
    );
  });

  it('refuses, changing nothing, a new intent without a response or a suggestion for an unknown intent', () => {
    try {
      applySuggestions(
        bot,
        file([
          {
            id: 's1',
            accept: true,
            action: 'new-intent',
            count: 1,
            intent: { id: 'gift_wrap', examples: ['gift wrap?'], response: ' ' },
          },
          {
            id: 's2',
            accept: true,
            action: 'add-examples',
            intent: 'refnd',
            confidence: 1,
            similarity: 1,
            count: 1,
            examples: ['x'],
          },
        ]),
      );
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({
        code: ErrorCode.DATA_INVALID,
        issues: [
          {
            path: 'suggestions[0].intent.response',
            message: expect.stringContaining('write the answer'),
          },
          { path: 'suggestions[1].intent', message: 'the bot has no intent "refnd"' },
        ],
      });
      expect((error as Error).message).toContain('Nothing was changed');
    }
  });
});

describe('parseFeedbackLines', () => {
  const line = {
    version: 1,
    id: 'r1',
    kind: 'unanswered',
    text: 'do you gift wrap',
    bot: { name: 'Shop', language: 'en' },
    at: '2026-11-22T10:00:00Z',
  };
  it('reads JSON lines and names the line of a bad record', () => {
    expect(
      parseFeedbackLines(
        `${JSON.stringify(line)}\n\n${JSON.stringify({ ...line, id: 'r2', kind: 'thumbs_down' })}\n`,
      ),
    ).toHaveLength(2);
    // A report retried by the browser and stored twice counts once.
    expect(parseFeedbackLines(`${JSON.stringify(line)}\n${JSON.stringify(line)}\n`)).toHaveLength(
      1,
    );
    expect(() =>
      parseFeedbackLines(
        JSON.stringify({ ...line, candidates: { intents: [{ id: 'x' }], faq: [] } }),
      ),
    ).toThrow(/line 1: candidates\.intents\[0\]\.confidence must be a number/);
    expect(() =>
      parseFeedbackLines(`${JSON.stringify(line)}\n{"version":1,"kind":"meh"}`, 'f.jsonl'),
    ).toThrow(/f\.jsonl: line 2: id must be a report id.*kind must be one of/);
    expect(() => parseFeedbackLines('{oops', 'f.jsonl')).toThrow(/line 1 is not JSON/);
  });
});
