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
      expect.objectContaining({ path: 'thresholds.intent', message: 'must be at most 1 (got 2)' }),
    );
    expect(issuesOf({ ...valid, escalation: { maxTurns: 0 } })).toContainEqual(
      expect.objectContaining({
        path: 'escalation.maxTurns',
        message: 'must be at least 1 (got 0)',
      }),
    );
    expect(issuesOf({ ...valid, greeting: { text: 'hi' } })).toContainEqual(
      expect.objectContaining({ path: 'greeting', message: 'must be a string (got an object)' }),
    );
    expect(issuesOf({ ...valid, escalation: { maxTurns: 2.5 } })).toContainEqual(
      expect.objectContaining({
        path: 'escalation.maxTurns',
        message: 'must be an integer (got a number)',
      }),
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

  it('lists the first 50 problems in the message and counts the rest; issues has them all', () => {
    const intents = Array.from({ length: 80 }, (_, i) => ({
      id: `Bad ${i}`,
      examples: ['x'],
      response: 'y',
    }));
    try {
      parseBotConfig(JSON.stringify({ name: 'n', intents }, null, 2), { source: 'big.json' });
      expect.unreachable();
    } catch (error) {
      const e = error as Error & { issues: ConfigIssue[] };
      expect(e.issues).toHaveLength(80);
      expect(e.message.match(/big\.json:\d+:\d+ intents\[\d+\]\.id/g)).toHaveLength(50);
      expect(e.message).toContain('… and 30 more problems');
      expect(e.message).not.toContain('intents[50].id');
    }
  });

  it('locates 12,000 problems in a 2 MB file in linear time (lines looked up once per file)', () => {
    const intents = Array.from({ length: 6000 }, (_, i) => ({
      id: `Bad Id ${i}`,
      examples: ['   ', 'a fine example with enough words to pad the file out a little more'],
      response: `ok ${'x'.repeat(150)}`,
    }));
    const text = JSON.stringify({ name: 'big', intents }, null, 2);
    expect(text.length).toBeGreaterThan(2_000_000);
    const started = performance.now();
    const issues = issuesOf(text);
    const ms = performance.now() - started;
    expect(issues).toHaveLength(12_000);
    const last = issues.at(-1)!;
    expect(last.path).toBe('intents[5999].examples[0]');
    expect(text.split('\n')[last.line! - 1]!.slice(last.column! - 1)).toMatch(/^" {3}"/);
    // 34 s before (a scan from the start of the file per issue); about 0.3 s after.
    expect(ms).toBeLessThan(5000);
  });

  it('rejects nesting deeper than 64 levels with a parse error, not a stack overflow', () => {
    const deep = `{"name": "x", "intents": ${'['.repeat(100_000)}${']'.repeat(100_000)}}`;
    try {
      parseBotConfig(deep, { source: 'deep.json' });
      expect.unreachable();
    } catch (error) {
      expect(isSupportBotError(error, ErrorCode.CONFIG_PARSE)).toBe(true);
      expect((error as Error).message).toMatch(
        /deep\.json: arrays and objects are nested more than 64 levels deep at line 1, column \d+/,
      );
    }
    // Brackets inside strings do not count.
    expect(parseBotConfig({ ...valid, name: '['.repeat(200) }).name).toHaveLength(200);
    expect(parseBotConfig(JSON.stringify({ ...valid, name: '[{'.repeat(100) })).name).toHaveLength(
      200,
    );
  });

  it('reports a duplicate key where it is, with where the first one was', () => {
    const text = [
      '{',
      '  "name": "Shop",',
      '  "intents": [',
      '    { "id": "a", "examples": ["hi"], "response": "A" }',
      '  ],',
      '  "faq": [{ "id": "f", "question": "q?", "answer": "x", "answer": "y" }],',
      '  "name": "Shop 2"',
      '}',
    ].join('\n');
    expect(issuesOf(text)).toEqual([
      {
        path: 'faq[0].answer',
        message:
          'duplicate key "answer" (first at line 6); JSON keeps only the last one, so please merge them',
        line: 6,
        column: text.split('\n')[5]!.lastIndexOf('"answer"') + 1,
      },
      {
        path: 'name',
        message:
          'duplicate key "name" (first at line 2); JSON keeps only the last one, so please merge them',
        line: 7,
        column: 3,
      },
    ]);
  });

  it('accepts a byte-order mark in text, as the CLI does, with columns as editors count them', () => {
    expect(parseBotConfig(`\uFEFF${JSON.stringify(valid)}`).name).toBe('Shop');
    const issue = issuesOf(`\uFEFF{"name": 1, "intents": []}`).find((i) => i.path === 'name')!;
    expect(issue).toMatchObject({ line: 1, column: 2 });
  });

  it('accepts only http(s) or site-relative escalation and feedback endpoints', () => {
    for (const endpoint of [
      '/api/support',
      'https://bot.example.com/api',
      'http://127.0.0.1:8787/x',
      './api',
      '../api',
    ]) {
      expect(
        parseBotConfig({ ...valid, escalation: { endpoint }, feedback: { endpoint } }).escalation
          .endpoint,
      ).toBe(endpoint);
    }
    for (const endpoint of [
      'javascript:alert(1)',
      'data:text/html,hi',
      'ftp://example.com/x',
      '//evil.example/api',
      '/\\evil.example/api',
      'api/support',
      'https:///path',
      ' /api',
    ]) {
      for (const section of ['escalation', 'feedback'] as const) {
        expect(checkBotConfig({ ...valid, [section]: { endpoint } })).toEqual([
          {
            path: `${section}.endpoint`,
            message: `must be an http(s):// URL or a path on this site such as /api/support (got ${JSON.stringify(endpoint)})`,
          },
        ]);
      }
    }
    // Passes the pattern, but a browser drops the tab and reads "//evil.example".
    expect(checkBotConfig({ ...valid, feedback: { endpoint: '/\t/evil.example' } })).toEqual([
      {
        path: 'feedback.endpoint',
        message:
          'must be an http(s):// URL or a path on this site such as /api/support (got "/\\t/evil.example", which a browser reads as another host, evil.example)',
      },
    ]);
    expect(checkBotConfig({ ...valid, escalation: { endpoint: 'http://exa mple.com/' } })).toEqual([
      {
        path: 'escalation.endpoint',
        message:
          'must be an http(s):// URL or a path on this site such as /api/support (got "http://exa mple.com/", which is not a valid URL)',
      },
    ]);
  });
});
