import { describe, expect, it } from 'vitest';
import {
  createFeedbackReport,
  FEEDBACK_LIMITS,
  validateFeedbackReport,
} from './feedback-report.js';

const reply = {
  kind: 'intent' as const,
  confidence: 0.42,
  intent: { id: 'order_status' },
  candidates: {
    intents: [
      { id: 'order_status', confidence: 0.42, similarity: 0.7 },
      { id: 'returns', confidence: 0.3, similarity: 0.6 },
    ],
    faq: [{ id: 'shipping-time', similarity: 0.51, question: 'q', answer: 'secret answer text' }],
  },
};

describe('createFeedbackReport', () => {
  it('redacts the message, keeps ids and scores only, and passes the validator', () => {
    const report = createFeedbackReport({
      kind: 'low_confidence',
      text: 'Order for jane.doe@example.com, call +1 415 555 0100, card 4111 1111 1111 1111',
      reply,
      bot: { name: 'Acme', language: 'en' },
      locale: 'en-US',
      conversationId: 'c-1',
      at: new Date('2026-11-22T10:00:00Z'),
    });
    expect(report.text).toBe('Order for [email], call [phone], card [card]');
    expect(report.reply).toEqual({ kind: 'intent', id: 'order_status', confidence: 0.42 });
    expect(report.candidates?.faq).toEqual([{ id: 'shipping-time', similarity: 0.51 }]);
    expect(JSON.stringify(report)).not.toContain('secret answer text');
    expect(report.at).toBe('2026-11-22T10:00:00.000Z');
    expect(report.id).toMatch(/^[\w.:-]{8,}$/);
    const checked = validateFeedbackReport(JSON.parse(JSON.stringify(report)));
    expect(checked).toEqual({ ok: true, value: report });
  });

  it("uses the report's locale as the redaction hint for bare national numbers", () => {
    const text = (locale: string) =>
      createFeedbackReport({
        kind: 'unanswered',
        text: 'ok 612345678 thanks',
        bot: { name: 'Acme', language: 'es' },
        locale,
      }).text;
    expect(text('es-ES')).toBe('ok [phone] thanks');
    expect(text('en-US')).toBe('ok 612345678 thanks');
  });

  it('cuts long messages to the limit and gives each report its own id', () => {
    const input = {
      kind: 'unanswered' as const,
      text: 'x'.repeat(5000),
      bot: { name: 'A', language: 'en' },
    };
    const a = createFeedbackReport(input);
    const b = createFeedbackReport(input);
    expect(a.text).toHaveLength(FEEDBACK_LIMITS.maxTextChars);
    expect(a.id).not.toBe(b.id);
  });
});

describe('validateFeedbackReport', () => {
  const good = createFeedbackReport({
    kind: 'thumbs_down',
    text: 'wrong answer',
    reply,
    bot: { name: 'Acme', language: 'en' },
  });

  it('names every bad field', () => {
    const result = validateFeedbackReport({
      ...good,
      version: 2,
      kind: 'meh',
      text: '',
      extra: true,
      reply: { kind: 'intent', confidence: 'high' },
      at: 'yesterday',
    });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.field)).toEqual([
      'extra',
      'version',
      'kind',
      'text',
      'reply.confidence',
      'at',
    ]);
  });

  it('rejects non-objects and oversized candidate lists', () => {
    expect(validateFeedbackReport([])).toMatchObject({ ok: false, issues: [{ field: '' }] });
    const many = Array.from({ length: 6 }, (_, i) => ({ id: `i${i}`, confidence: 0.1 }));
    const result = validateFeedbackReport({ ...good, candidates: { intents: many, faq: [] } });
    expect(result).toMatchObject({ ok: false, issues: [{ field: 'candidates.intents' }] });
  });
});

describe('validateFeedbackReport: nested keys and string caps', () => {
  const base = () =>
    createFeedbackReport({
      kind: 'thumbs_down',
      text: 'where is my order',
      reply,
      bot: { name: 'Acme', language: 'en' },
      at: new Date('2026-11-22T10:00:00Z'),
    });

  it('rejects unknown keys in bot, candidates and each candidate', () => {
    const r = JSON.parse(JSON.stringify(base()));
    r.bot.extra = 'x';
    r.candidates.more = [];
    r.candidates.intents[0].answer = 'secret';
    r.candidates.faq[0].question = 'q';
    const result = validateFeedbackReport(r);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.issues.map((i) => i.field).sort()).toEqual([
      'bot.extra',
      'candidates.faq[0].question',
      'candidates.intents[0].answer',
      'candidates.more',
    ]);
  });

  it('caps every string field', () => {
    const long = 'a'.repeat(100_000);
    const tag = `en${'-abcdefgh'.repeat(1000)}`;
    const fields: [string, (string | number)[], string][] = [
      ['id', ['id'], long],
      ['text', ['text'], long],
      ['reply.id', ['reply', 'id'], long],
      ['candidates.intents[0].id', ['candidates', 'intents', 0, 'id'], long],
      ['candidates.faq[0].id', ['candidates', 'faq', 0, 'id'], long],
      ['bot.name', ['bot', 'name'], long],
      ['bot.language', ['bot', 'language'], tag],
      ['locale', ['locale'], tag],
      ['conversationId', ['conversationId'], long],
      ['at', ['at'], `2026-11-22T10:00:00.${'1'.repeat(10_000)}Z`],
    ];
    /** Sets the value at `path` inside a parsed JSON copy. */
    const spoil = (r: unknown, path: (string | number)[], value: string) => {
      let at = r as Record<string | number, unknown>;
      for (const key of path.slice(0, -1)) at = at[key] as Record<string | number, unknown>;
      at[path.at(-1)!] = value;
    };
    for (const [field, path, value] of fields) {
      const r: unknown = JSON.parse(JSON.stringify(base()));
      spoil(r, path, value);
      const result = validateFeedbackReport(r);
      expect(result.ok, field).toBe(false);
      if (!result.ok) expect(result.issues[0]!.field, field).toBe(field);
    }
  });
});
