/**
 * The engine on the real quantized model (../shared/models): loading, failure modes, compiled
 * indexes and the reply contract. The example bots' understanding is tested in core-bots.test.ts.
 */
import { copyFile, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createEncoder,
  createSupportBot,
  decodeBotIndex,
  type Encoder,
  ErrorCode,
  encodeBotIndex,
  isSupportBotError,
  loadSupportBot,
  type ModelProgressEvent,
} from '@support-bot/core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsDir } from '../support/models.js';

const config = {
  name: 'Bike shop',
  intents: [
    {
      id: 'opening_hours',
      examples: [
        'when are you open',
        'what are your opening hours',
        'are you open on sundays',
        'what time do you close today',
        'store hours please',
      ],
      response: 'We are open 9:00-18:00, Monday to Saturday.',
    },
    {
      id: 'repair_booking',
      examples: [
        'I need my bike fixed',
        'can I book a repair',
        'my brakes are broken, can you service them',
        'schedule a bike tune-up',
        'do you repair flat tyres',
      ],
      response: {
        text: 'Book a repair at [our workshop page](/repairs).',
        quickReplies: [{ label: 'Opening hours', intent: 'opening_hours' }],
      },
    },
    {
      id: 'refund',
      examples: [
        'I want my money back',
        'how do I get a refund',
        'refund my order please',
        'can I return this for a refund',
        'give me a refund for the helmet',
      ],
      response: 'Refunds go back to your card within 5 working days.',
    },
  ],
  faq: [
    {
      id: 'ebikes',
      question: 'Do you sell electric bikes?',
      alternatives: ['do you have e-bikes'],
      answer: 'Yes, from three brands.',
      url: '/ebikes',
    },
    {
      id: 'rental',
      question: 'Can I rent a bike for a day?',
      answer: 'Yes, day rental is 25 EUR.',
    },
  ],
};

let models: string;
let encoder: Encoder;

beforeAll(async () => {
  models = modelsDir();
  encoder = await createEncoder({ modelBaseUrl: models });
});
afterAll(() => encoder?.dispose());

describe('createSupportBot on the real model', () => {
  it('loads the model from a local directory, reports progress and readiness', async () => {
    const progress: ModelProgressEvent[] = [];
    const indexed: { done: number; total: number }[] = [];
    const bot = createSupportBot({ config, modelBaseUrl: models });
    bot.on('model:progress', (e) => progress.push(e));
    bot.on('index:progress', (e) => indexed.push(e));
    const ready = new Promise((resolve) => bot.on('model:ready', resolve));
    const info = await bot.ready;
    await expect(ready).resolves.toMatchObject({
      modelId: 'Xenova/all-MiniLM-L6-v2',
      device: 'cpu',
      dtype: 'q8',
    });
    expect(info).toMatchObject({
      device: 'cpu',
      degraded: false,
      compiled: false,
      intents: 3,
      faq: 2,
      thresholdsFitted: true,
    });
    const last = progress.filter((p) => !Number.isNaN(p.progress)).at(-1);
    expect(last?.progress).toBe(1);
    expect(last?.total).toBeGreaterThan(20_000_000);
    // 15 examples + 3 FAQ phrasings + the 166 English background off-topic questions
    // (out-of-scope/background-questions.ts) embedded, reported as they go.
    expect(indexed.at(-1)).toEqual({ done: 18 + 166, total: 18 + 166 });
    await bot.dispose();
  });

  it('answers paraphrases not in the examples with the right intent or FAQ entry', async () => {
    const bot = createSupportBot({ config, encoder });
    const cases: [string, string, string][] = [
      ['until what time can I come by this evening?', 'intent', 'opening_hours'],
      ['the bike makes a weird noise, can you check it?', 'intent', 'repair_booking'],
      ['I would like to be reimbursed for the gloves', 'intent', 'refund'],
      ['are there any battery powered bicycles in your shop?', 'faq', 'ebikes'],
      ['could I hire a bike for the afternoon', 'faq', 'rental'],
    ];
    for (const [text, kind, id] of cases) {
      const reply = await bot.reply(text);
      expect({ text, kind: reply.kind, id: reply.intent?.id ?? reply.faq?.id }).toEqual({
        text,
        kind,
        id,
      });
    }
    await bot.dispose();
  });

  it('falls back on out-of-scope questions', async () => {
    const bot = createSupportBot({ config, encoder });
    for (const text of [
      'what is the capital of Peru?',
      'write me a python function to sort a list',
      'who won the football world cup in 2010',
    ]) {
      const reply = await bot.reply(text);
      expect({ text, kind: reply.kind }).toEqual({ text, kind: 'fallback' });
      expect(reply.text).toMatch(/rephrase/);
      expect(reply.candidates.intents.length).toBeGreaterThan(0);
    }
    await bot.dispose();
  });

  it('returns the typed reply with response, sources, candidates and stage timings', async () => {
    const bot = createSupportBot({ config, encoder });
    const reply = await bot.reply('can you fix my bike this week?');
    expect(reply).toMatchObject({
      kind: 'intent',
      format: 'markdown',
      text: expect.stringContaining('/repairs'),
      quickReplies: [{ label: 'Opening hours', message: 'Opening hours', intent: 'opening_hours' }],
      sources: [{ kind: 'intent', id: 'repair_booking' }],
      degraded: false,
    });
    expect(reply.confidence).toBeGreaterThan(0.5);
    for (const stage of [
      'normalize',
      'tokenize',
      'embed',
      'classify',
      'retrieve',
      'total',
    ] as const) {
      expect(reply.timings[stage]).toBeGreaterThanOrEqual(0);
    }
    expect(reply.timings.total).toBeGreaterThanOrEqual(reply.timings.embed);
    const faq = await bot.reply('do you have e-bikes?');
    expect(faq.sources).toEqual([
      { kind: 'faq', id: 'ebikes', title: 'Do you sell electric bikes?', url: '/ebikes' },
    ]);
    expect(faq.links).toEqual([{ label: 'Do you sell electric bikes?', url: '/ebikes' }]);
    await bot.dispose();
  });

  it('answers a quick reply with a known target without running the model', async () => {
    const bot = createSupportBot({ config, encoder });
    await bot.ready;
    const reply = bot.answerWith({ intent: 'opening_hours' });
    expect(reply).toMatchObject({
      kind: 'intent',
      text: expect.stringContaining('9:00'),
      timings: { embed: 0 },
    });
    expect(() => bot.answerWith({ faq: 'nope' })).toThrow(/no such entry/);
    await bot.dispose();
  });

  it('rejects empty input with EMPTY_MESSAGE and handles a 20,000-character message', async () => {
    const bot = createSupportBot({ config, encoder });
    for (const text of ['', '   \n\t ']) {
      await expect(bot.reply(text)).rejects.toMatchObject({ code: ErrorCode.EMPTY_MESSAGE });
    }
    const long = `I need my bike repaired. ${'The gears are making a strange noise. '.repeat(600)}`;
    expect(long.length).toBeGreaterThan(20_000);
    const reply = await bot.reply(long);
    expect(reply.kind).toBe('intent');
    expect(reply.intent?.id).toBe('repair_booking');
    await bot.dispose();
  });

  it('rejects with an AbortError when the signal aborts, before or during the reply', async () => {
    const bot = createSupportBot({ config, encoder });
    await expect(bot.reply('hello', { signal: AbortSignal.abort() })).rejects.toMatchObject({
      name: 'AbortError',
    });
    const controller = new AbortController();
    const pending = bot.reply('when do you open?', { signal: controller.signal });
    controller.abort();
    await expect(pending).rejects.toMatchObject({ name: 'AbortError' });
    // The bot still works afterwards.
    expect((await bot.reply('when do you open?')).intent?.id).toBe('opening_hours');
    await bot.dispose();
    await expect(bot.reply('when do you open?')).rejects.toMatchObject({
      code: ErrorCode.DISPOSED,
    });
  });
});

describe('messages the model cannot read and queued replies', () => {
  it('answers emoji, symbols, zero-width characters and unknown scripts with the fallback, at confidence 0', async () => {
    const bot = createSupportBot({ config, encoder });
    const unreadable = [
      '😡😡😡😡😡😡',
      '👍',
      '🙂 🙂 🙂',
      '→ ★ ☆',
      '?!?!',
      '#@$%^&*',
      '\u200b\u200b\u200b',
      '\u200d\ufeff\u2060',
      // Letters, but none the model's vocabulary knows (every token is [UNK]).
      '𓀀𓀁𓀂',
    ];
    for (const text of unreadable) {
      const reply = await bot.reply(text);
      expect({
        text,
        kind: reply.kind,
        confidence: reply.confidence,
        candidates: reply.candidates,
      }).toEqual({
        text,
        kind: 'fallback',
        confidence: 0,
        candidates: { intents: [], faq: [] },
      });
      expect(reply.text).toBe(bot.config.fallback.text);
    }
    // Zero-width characters inside a real question are dropped, not a reason to give up.
    const hidden = await bot.reply('when\u200b are you\u200d open\u2060 on sunday?');
    expect(hidden.intent?.id).toBe('opening_hours');
    // An emoji next to words is fine.
    expect((await bot.reply('I want my money back 😡')).intent?.id).toBe('refund');
    await bot.dispose();
  });

  it('rejects a reply aborted while it waits in the queue at once, without running it', async () => {
    const bot = createSupportBot({ config, encoder });
    await bot.ready;
    // Keep the shared encoder busy: a batch that takes hundreds of milliseconds.
    const texts = Array.from(
      { length: 256 },
      (_, i) => `a long sentence number ${i} about bikes, repairs and refunds in the shop`,
    );
    let busyUntil = Number.POSITIVE_INFINITY;
    const busy = encoder.embed(texts).then(() => {
      busyUntil = performance.now();
    });
    const controller = new AbortController();
    const queued = bot.reply('when do you open?', { signal: controller.signal });
    const settled = queued.then(
      () => ({ outcome: 'resolved', at: performance.now() }),
      (error: Error) => ({ outcome: error.name, at: performance.now() }),
    );
    await new Promise((resolve) => setTimeout(resolve, 20));
    const abortedAt = performance.now();
    controller.abort();
    const result = await settled;
    await busy;
    expect(result.outcome).toBe('AbortError');
    // Rejected right away, long before the batch ahead of it finished.
    expect(result.at - abortedAt).toBeLessThan(50);
    expect(result.at).toBeLessThan(busyUntil);
    // The bot and the queue carry on.
    expect((await bot.reply('when do you open?')).intent?.id).toBe('opening_hours');
    await bot.dispose();
  });
});

describe('compiled index', () => {
  it('answers exactly like the raw config, without embedding any example', async () => {
    const raw = createSupportBot({ config, encoder });
    const bytes = encodeBotIndex(await raw.toIndex());
    expect(bytes.byteLength).toBeLessThan(40_000);
    const compiled = createSupportBot({ config: bytes, encoder });
    let embedded = -1;
    compiled.on('index:ready', (e) => (embedded = e.compiled ? 0 : e.examples));
    const info = await compiled.ready;
    expect(info.compiled).toBe(true);
    expect(embedded).toBe(0);
    expect(info.thresholds.intent).toBeCloseTo((await raw.ready).thresholds.intent, 6);
    for (const text of [
      'my brakes squeak',
      'do you have e-bikes?',
      'what is the capital of Peru?',
      'refund please',
    ]) {
      const [a, b] = [await raw.reply(text), await compiled.reply(text)];
      expect({ text, kind: b.kind, id: b.intent?.id ?? b.faq?.id }).toEqual({
        text,
        kind: a.kind,
        id: a.intent?.id ?? a.faq?.id,
      });
      expect(b.confidence).toBeCloseTo(a.confidence, 1);
    }
    await raw.dispose();
    await compiled.dispose();
  });

  it('rejects an index built for another model or config version', async () => {
    const raw = createSupportBot({ config, encoder });
    const index = await raw.toIndex();
    await raw.dispose();
    const other = createSupportBot({
      config: encodeBotIndex(index),
      model: 'Xenova/bge-small-zh-v1.5',
      modelBaseUrl: models,
    });
    await expect(other.ready).rejects.toMatchObject({
      code: ErrorCode.INDEX_MISMATCH,
      message: expect.stringMatching(
        /built for Xenova\/all-MiniLM-L6-v2 \(384 dimensions\) but the runtime uses Xenova\/bge-small-zh-v1.5 \(512\).*Please rebuild/,
      ),
    });
    const future = createSupportBot({
      config: encodeBotIndex({ ...index, configVersion: 2 }),
      encoder,
    });
    await expect(future.ready).rejects.toMatchObject({
      code: ErrorCode.INDEX_MISMATCH,
      message: expect.stringMatching(/bot file version 2/),
    });
    expect(decodeBotIndex(encodeBotIndex(index)).model.id).toBe('Xenova/all-MiniLM-L6-v2');
  });
});

describe('model load failures', () => {
  let broken: string;
  beforeAll(async () => {
    broken = await mkdtemp(path.join(tmpdir(), 'support-bot-models-'));
    const source = path.join(models, 'Xenova/all-MiniLM-L6-v2');
    for (const name of ['truncated', 'garbage']) {
      const target = path.join(broken, name, 'Xenova/all-MiniLM-L6-v2');
      await mkdir(path.join(target, 'onnx'), { recursive: true });
      for (const file of [
        'config.json',
        'tokenizer.json',
        'tokenizer_config.json',
        'special_tokens_map.json',
      ]) {
        await copyFile(path.join(source, file), path.join(target, file));
      }
      const onnx = await readFile(path.join(source, 'onnx/model_quantized.onnx'));
      await writeFile(
        path.join(target, 'onnx/model_quantized.onnx'),
        name === 'truncated'
          ? onnx.subarray(0, onnx.byteLength / 3)
          : Buffer.from('this is not an onnx model'.repeat(100)),
      );
    }
  });
  afterAll(() => rm(broken, { recursive: true, force: true }));

  for (const [name, dir] of [
    ['a truncated model file', 'truncated'],
    ['a file that is not a model', 'garbage'],
    ['a missing model directory', 'missing'],
  ] as const) {
    it(`gives MODEL_LOAD_FAILED for ${name}, naming what was tried`, async () => {
      const location = path.join(broken, dir);
      const error = await loadSupportBot({ config, modelBaseUrl: location }).catch(
        (e: unknown) => e,
      );
      expect(isSupportBotError(error, ErrorCode.MODEL_LOAD_FAILED)).toBe(true);
      const message = (error as Error).message;
      expect(message).toContain('Xenova/all-MiniLM-L6-v2');
      expect(message).toContain(location);
      expect(message).toMatch(/Please check that .*onnx\/model_quantized\.onnx/);
    });
  }

  it('carries on lexical-only with onModelError "lexical", flagging replies as degraded', async () => {
    const bot = createSupportBot({
      config,
      modelBaseUrl: path.join(broken, 'missing'),
      onModelError: 'lexical',
    });
    const failure = new Promise((resolve) => bot.on('model:error', resolve));
    const info = await bot.ready;
    await expect(failure).resolves.toMatchObject({ degraded: true });
    expect(info.degraded).toBe(true);
    const reply = await bot.reply('what are your opening hours?');
    expect(reply).toMatchObject({
      kind: 'intent',
      degraded: true,
      intent: { id: 'opening_hours' },
    });
    expect((await bot.reply('can I rent a bike')).faq?.id).toBe('rental');
    expect((await bot.reply('capital of Peru')).kind).toBe('fallback');
    await bot.dispose();
  });
});
