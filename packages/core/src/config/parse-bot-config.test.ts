import { describe, expect, it } from 'vitest';
import { type ConfigIssue, ErrorCode, isSupportBotError } from '../errors.js';
import { checkBotConfig, parseBotConfig } from './parse-bot-config.js';

const valid = {
  name: 'Shop',
  intents: [
    { id: 'refund', examples: ['I want my money back'], response: 'Refunds take **5 days**.' },
    {
      id: 'hours',
      examples: ['when are you open'],
      response: {
        text: 'We open at 9.',
        quickReplies: ['Where are you?', { label: 'Refunds', intent: 'refund' }],
      },
    },
  ],
  faq: [{ id: 'pets', question: 'Can I bring my dog?', answer: 'Yes.' }],
};

function issuesOf(input: unknown): ConfigIssue[] {
  try {
    parseBotConfig(typeof input === 'string' ? input : JSON.stringify(input, null, 2));
  } catch (error) {
    if (isSupportBotError(error)) return [...error.issues];
    throw error;
  }
  return [];
}

describe('parseBotConfig', () => {
  it('normalises a valid bot: string responses and chips become objects, defaults are filled', () => {
    const config = parseBotConfig(valid);
    expect(config.language).toBe('en');
    expect(config.version).toBe(1);
    expect(config.intents[0]!.response).toEqual({
      text: 'Refunds take **5 days**.',
      format: 'markdown',
      quickReplies: [],
      links: [],
    });
    expect(config.intents[1]!.response.quickReplies).toEqual([
      { label: 'Where are you?', message: 'Where are you?' },
      { label: 'Refunds', message: 'Refunds', intent: 'refund' },
    ]);
    expect(config.faq[0]).toMatchObject({ alternatives: [], tags: [], format: 'markdown' });
    expect(config.escalation).toEqual({ enabled: false, maxTurns: 6, faqHits: 3 });
    expect(config.fallback.text).toMatch(/rephrase/);
  });

  it('uses a Chinese fallback for Chinese bots', () => {
    expect(parseBotConfig({ ...valid, language: 'zh-CN' }).fallback.text).toMatch(/抱歉/);
  });

  it('reports malformed JSON with line and column', () => {
    const text = '{\n  "name": "Shop",\n  "intents": [}\n}';
    try {
      parseBotConfig(text, { source: 'bot.json' });
      expect.unreachable();
    } catch (error) {
      expect(isSupportBotError(error, ErrorCode.CONFIG_PARSE)).toBe(true);
      expect((error as Error).message).toContain('bot.json');
      expect((error as Error).message).toMatch(/line 3, column 15/);
    }
  });

  it('rejects trailing commas and comments as JSON errors', () => {
    expect(() => parseBotConfig('{"name": "x",}')).toThrow(/line 1/);
    expect(() => parseBotConfig('{"name": "x" // hi\n}')).toThrow(/comments are not allowed/);
  });

  it('names the JSON path and what is expected for schema errors', () => {
    const bad = structuredClone(valid) as Record<string, unknown> & typeof valid;
    bad.intents[0]!.examples = [];
    expect(issuesOf(bad)).toContainEqual(
      expect.objectContaining({
        path: 'intents[0].examples',
        message: 'must have at least 1 item',
      }),
    );

    expect(issuesOf({ ...valid, name: 42 })).toContainEqual(
      expect.objectContaining({ path: 'name', message: 'must be a string (got an integer)' }),
    );
    expect(issuesOf({ ...valid, thresholds: { intent: 2 } })).toContainEqual(
      expect.objectContaining({ path: 'thresholds.intent', message: 'must be <= 1' }),
    );
    expect(issuesOf({ ...valid, faq: [{ id: 'x', question: 'q' }] })).toContainEqual(
      expect.objectContaining({ path: 'faq[0].answer', message: 'is required' }),
    );
  });

  it('gives line and column for each issue when parsing text', () => {
    const text = JSON.stringify(
      { ...valid, intents: [{ ...valid.intents[0], examples: [] }] },
      null,
      2,
    );
    const issue = issuesOf(text).find((i) => i.path === 'intents[0].examples')!;
    const line = text.split('\n')[issue.line! - 1]!;
    expect(line.slice(issue.column! - 1)).toMatch(/^"examples"/);
  });

  it('treats unknown keys as errors with a did-you-mean hint', () => {
    const issues = issuesOf({ ...valid, intents: [{ id: 'a', exmples: ['hi'], response: 'x' }] });
    expect(issues).toContainEqual({
      path: 'intents[0].exmples',
      message: 'unknown property "exmples" (did you mean "examples"?)',
      line: expect.any(Number),
      column: expect.any(Number),
    });
    // The typo explains the missing property; it is not reported twice.
    expect(issues.some((i) => i.path === 'intents[0].examples')).toBe(false);
    expect(issuesOf({ ...valid, greting: 'hi' })[0]!.message).toBe(
      'unknown property "greting" (did you mean "greeting"?)',
    );
    expect(issuesOf({ ...valid, zzz: 1 })[0]!.message).toBe('unknown property "zzz"');
  });

  it('explains pattern failures in words', () => {
    expect(
      issuesOf({ ...valid, intents: [{ id: 'Order Status', examples: ['a'], response: 'x' }] })[0]!
        .message,
    ).toMatch(/must be an id of lowercase letters.*\(got "Order Status"\)/);
    const link = {
      ...valid,
      intents: [
        {
          id: 'a',
          examples: ['a'],
          response: { text: 'x', links: [{ label: 'l', url: 'javascript:alert(1)' }] },
        },
      ],
    };
    expect(issuesOf(link)[0]).toMatchObject({
      path: 'intents[0].response.links[0].url',
      message: expect.stringMatching(/http\(s\):\/\/, mailto:, tel: or site-relative/),
    });
    expect(issuesOf({ ...valid, name: '   ' })[0]).toMatchObject({
      path: 'name',
      message: expect.stringMatching(/must not be blank/),
    });
  });

  it('rejects duplicate intent and FAQ ids, naming the first use', () => {
    const issues = issuesOf({
      ...valid,
      intents: [...valid.intents, { id: 'refund', examples: ['money back please'], response: 'x' }],
      faq: [...valid.faq, { id: 'pets', question: 'Cats?', answer: 'No.' }],
    });
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: 'intents[2].id',
        message: 'duplicate id "refund" (first used at intents[0])',
      }),
    );
    expect(issues).toContainEqual(
      expect.objectContaining({
        path: 'faq[1].id',
        message: 'duplicate id "pets" (first used at faq[0])',
      }),
    );
  });

  it('rejects quick replies that point at unknown intents or FAQ entries', () => {
    const issues = checkBotConfig({
      ...valid,
      fallback: {
        text: 'Sorry',
        quickReplies: [
          { label: 'a', intent: 'refnd' },
          { label: 'b', faq: 'nope' },
        ],
      },
    });
    expect(issues).toEqual([
      {
        path: 'fallback.quickReplies[0].intent',
        message: 'unknown intent "refnd" (did you mean "refund"?)',
      },
      { path: 'fallback.quickReplies[1].faq', message: 'unknown FAQ entry "nope"' },
    ]);
  });

  it('rejects one example used by two intents, an empty bot and an unknown model', () => {
    expect(
      checkBotConfig({
        ...valid,
        intents: [
          ...valid.intents,
          { id: 'x', examples: ['I want my MONEY back '], response: 'x' },
        ],
      }),
    ).toEqual([
      {
        path: 'intents[2].examples[0]',
        message: expect.stringContaining('also an example of intent "refund"'),
      },
    ]);
    expect(checkBotConfig({ name: 'empty' })).toEqual([
      { path: 'intents', message: 'the bot needs at least one intent or FAQ entry' },
    ]);
    expect(checkBotConfig({ ...valid, model: 'Xenova/all-MiniLM-L6' })[0]!.message).toMatch(
      /did you mean "Xenova\/all-MiniLM-L6-v2"/,
    );
  });

  it('throws one SupportBotError listing every problem', () => {
    try {
      parseBotConfig({ name: '', intents: [{ id: 'a' }] }, { source: 'bot.json' });
      expect.unreachable();
    } catch (error) {
      expect(isSupportBotError(error, ErrorCode.CONFIG_INVALID)).toBe(true);
      const e = error as Error & { issues: ConfigIssue[] };
      expect(e.issues.length).toBeGreaterThanOrEqual(3);
      expect(e.message).toMatch(/^\[support-bot\] Failed to load the bot config: \d+ problems\./);
      expect(e.message).toContain('intents[0].examples: is required');
    }
  });
});
