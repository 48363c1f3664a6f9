import { describe, expect, it } from 'vitest';
import { decodeBotIndex, encodeBotIndex } from '../compile/bot-index.js';
import { parseBotConfig } from '../config/parse-bot-config.js';
import { decide } from '../engine/decide.js';
import { isSupportBotError } from '../errors.js';
import { BACKGROUND_QUESTIONS } from './background-questions.js';
import { fitThresholds, type HeldOutScores } from './fit-thresholds.js';
import { negativeTexts } from './select-negatives.js';

const base = { name: 'x', intents: [{ id: 'a', examples: ['hello there'], response: 'hi' }] };

function problems(extra: object): string[] {
  try {
    parseBotConfig(JSON.stringify({ ...base, ...extra }), { source: 'bot.json' });
    return [];
  } catch (error) {
    if (!isSupportBotError(error)) throw error;
    return error.issues.map((i) => `${i.path}: ${i.message}`);
  }
}

describe('outOfScope in the bot file', () => {
  it('is read as a list of questions, [] when absent', () => {
    expect(parseBotConfig(base).outOfScope).toEqual([]);
    expect(parseBotConfig({ ...base, outOfScope: ['are you hiring'] }).outOfScope).toEqual([
      'are you hiring',
    ]);
  });

  it('rejects hostile input with the path of each problem', () => {
    expect(problems({ outofScope: ['x'] })).toEqual([
      'outofScope: unknown property "outofScope" (did you mean "outOfScope"?)',
    ]);
    expect(problems({ outOfScope: 'are you hiring' })[0]).toMatch(/^outOfScope: must be an array/);
    const mixed = problems({ outOfScope: ['ok', 3, '  ', null] });
    expect(mixed.map((p) => p.split(':')[0])).toEqual([
      'outOfScope[1]',
      'outOfScope[2]',
      'outOfScope[3]',
    ]);
    expect(problems({ outOfScope: ['Hello there '] })).toEqual([
      'outOfScope[0]: "Hello there " is also an example of intent "a"; remove it from one of the two',
    ]);
    expect(problems({ outOfScope: ['same', 'same'] })[0]).toMatch(/^outOfScope: .*duplicate/);
    expect(
      problems({ outOfScope: Array.from({ length: 5000 }, (_, i) => `question ${i}`) }),
    ).toEqual(['outOfScope: must have at most 1000 items (got 5000)']);
    expect(problems({ outOfScope: ['x'.repeat(100_000)] })[0]).toMatch(
      /^outOfScope\[0\]: must be at most 500 characters/,
    );
    expect(problems({ thresholds: { margin: 3 } })[0]).toMatch(/^thresholds\.margin: /);
  });
});

describe('negativeTexts', () => {
  it('takes the background set of the bot language, then the owner lines, minus intent examples', () => {
    const en = negativeTexts('en', ['are you hiring'], ['tell me a joke']);
    const zh = negativeTexts('zh-CN', [], []);
    const count = (l: 'en' | 'zh') => BACKGROUND_QUESTIONS[l].reduce((n, g) => n + g.length, 0);
    expect(en.texts).not.toContain('tell me a joke');
    expect(en.texts.length).toBe(count('en'));
    expect(en.texts.at(-1)).toBe('are you hiring');
    expect(en.owned.at(-1)).toBe(1);
    expect(en.owned.reduce((a, b) => a + b, 0)).toBe(1);
    expect(zh.texts.length).toBe(count('zh'));
    expect(/[\u4e00-\u9fff]/.test(zh.texts[0]!)).toBe(true);
    expect(negativeTexts('en', ['x'], [], false).texts).toEqual(['x']);
  });
});

describe('fitThresholds', () => {
  const scores = (n: number, f: (i: number) => HeldOutScores) =>
    Array.from({ length: n }, (_, i) => f(i));
  const correct = scores(200, (i) => ({
    confidence: 0.6 + i / 1000,
    similarity: 0.5 + i / 1000,
    margin: 0.2 + i / 2000,
  }));
  // Off-topic questions sit close to the examples but closer still to a negative.
  const negatives = scores(50, (i) => ({
    confidence: 0.7,
    similarity: 0.6,
    margin: -0.1 + i / 1000,
  }));

  it('rejects at most the budget of correct answers and as many negatives as it can', () => {
    const t = fitThresholds(correct, negatives, 0.015);
    const rejects = (x: HeldOutScores) =>
      x.confidence < t.confidence || x.similarity < t.similarity || x.margin < (t.margin ?? -2);
    expect(correct.filter(rejects).length).toBeLessThanOrEqual(3);
    expect(negatives.filter(rejects).length).toBe(50);
  });

  it('never switches the confidence check off, even when the budget rounds to no example', () => {
    // 60 correct answers and a 1.5% budget allow no rejection at all; the confidence threshold
    // still sits just under the lowest correct confidence (it used to be 0: a small SaaS bot then
    // answered "I have a terrible toothache" at confidence 0.003).
    const few = correct.slice(0, 60).map((c) => ({ ...c, confidence: c.confidence - 0.4 }));
    const t = fitThresholds(few, negatives, 0.015);
    expect(t.confidence).toBeGreaterThan(0.199);
    expect(t.confidence).toBeLessThan(0.2);
    expect(few.every((c) => c.confidence >= t.confidence)).toBe(true);
  });

  it('spends the budget on near-domain pseudo-unknowns the background set does not foresee', () => {
    // Near-domain questions look like answers with low confidence: the background negatives
    // alone (all caught by the margin) give no reason to raise the confidence threshold.
    const near = scores(40, (i) => ({
      confidence: 0.2505 + i / 10_000,
      similarity: 0.7,
      margin: 0.3,
    }));
    const low = scores(200, (i) => ({
      confidence: 0.25 + i / 400,
      similarity: 0.5 + i / 1000,
      margin: 0.2 + i / 2000,
    }));
    const without = fitThresholds(low, negatives, 0.02);
    const withNear = fitThresholds(low, negatives, 0.02, near);
    const rejects = (t: typeof without) => (x: HeldOutScores) =>
      x.confidence < t.confidence || x.similarity < t.similarity || x.margin < (t.margin ?? -2);
    expect(near.filter(rejects(without)).length).toBe(0);
    expect(near.filter(rejects(withNear)).length).toBeGreaterThan(0);
    for (const t of [without, withNear]) {
      expect(low.filter(rejects(t)).length).toBeLessThanOrEqual(4);
      expect(negatives.filter(rejects(t)).length).toBe(50);
    }
  });

  it('splits the budget between confidence and similarity without negatives', () => {
    const t = fitThresholds(correct, [], 0.02);
    expect(t.margin).toBeUndefined();
    expect(t.confidence).toBe(0.5); // capped: "likelier than all other intents together"
    expect(t.similarity).toBeCloseTo(0.502, 3);
  });
});

describe('decide with off-topic evidence', () => {
  const config = parseBotConfig(base);
  const top = { id: 'a', confidence: 0.9, similarity: 0.6 };
  const thresholds = { intent: 0.1, similarity: 0.3, faq: 0.7, margin: -0.05 };

  it('answers unless the nearest negative beats the intent by more than the margin', () => {
    expect(decide(config, [top], [], thresholds, { offTopic: 0.62 }).kind).toBe('intent');
    expect(decide(config, [top], [], thresholds, { offTopic: 0.7 }).kind).toBe('fallback');
  });

  it("never answers a message at least as close to one of the owner's lines", () => {
    const loose = { ...thresholds, margin: -1 };
    expect(decide(config, [top], [], loose, { offTopic: 0.6, offTopicOwned: 0.6 }).kind).toBe(
      'fallback',
    );
  });
});

describe('compiled index', () => {
  it('keeps the negatives (int8) and how many are the owner lines', () => {
    const dim = 4;
    const unit = (v: number[]) => v.map((x) => x / Math.hypot(...v));
    const index = {
      formatVersion: 1,
      configVersion: 1,
      model: { id: 'Xenova/all-MiniLM-L6-v2', dimension: dim, dtype: 'q8' },
      // One owner line, as `ownedNegatives` says (the reader checks the two agree).
      config: parseBotConfig({ ...base, outOfScope: ['are you hiring'] }),
      intent: {
        ids: ['a'],
        head: { dim, classes: 2, weights: new Float32Array(8), bias: new Float32Array(2) },
        temperature: 1,
        thresholds: { confidence: 0.1, similarity: 0.3, margin: -0.05 },
        fitted: true,
        examples: { vectors: Float32Array.from(unit([1, 2, 3, 4])), labels: Int32Array.from([0]) },
        negatives: Float32Array.from([...unit([1, 0, 0, 1]), ...unit([0, 1, 1, 0])]),
        ownedNegatives: 1,
      },
      faq: { vectors: new Float32Array(), owners: new Int32Array() },
      builtAt: '2026-12-02T00:00:00.000Z',
    };
    const decoded = decodeBotIndex(encodeBotIndex(index));
    expect(decoded.intent!.ownedNegatives).toBe(1);
    // Built before the off-topic confidence was recorded: read as one shared softmax.
    expect(decoded.intent!.offTopicConfidence).toBeUndefined();
    const min = { ...index, intent: { ...index.intent, offTopicConfidence: 'min' as const } };
    expect(decodeBotIndex(encodeBotIndex(min)).intent!.offTopicConfidence).toBe('min');
    const odd = { ...index, intent: { ...index.intent, offTopicConfidence: 'max' } };
    expect(() => decodeBotIndex(encodeBotIndex(odd as typeof min))).toThrow(
      /unknown off-topic confidence "max"/,
    );
    // A small bot's off-topic cap scale is kept; absent (built before it, or a large bot): 1.
    expect(decoded.intent!.offTopicCapScale).toBeUndefined();
    const scaled = { ...min, intent: { ...min.intent, offTopicCapScale: 10 } };
    expect(decodeBotIndex(encodeBotIndex(scaled)).intent!.offTopicCapScale).toBe(10);
    const below = { ...min, intent: { ...min.intent, offTopicCapScale: 0.5 } };
    expect(() => decodeBotIndex(encodeBotIndex(below))).toThrow(/invalid off-topic cap scale 0.5/);
    expect(decoded.intent!.thresholds.margin).toBe(-0.05);
    const got = Array.from(decoded.intent!.negatives!);
    for (const [i, v] of index.intent.negatives.entries()) expect(got[i]).toBeCloseTo(v, 2);
    // An index claiming more owner lines than its config has is refused, not trusted.
    const forged = { ...index, config: parseBotConfig(base) };
    expect(() => decodeBotIndex(encodeBotIndex(forged))).toThrow(/owner-written negatives/);
  });
});
