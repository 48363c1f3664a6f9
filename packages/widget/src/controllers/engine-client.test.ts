import { readFileSync } from 'node:fs';
import type { BotReply } from '@support-bot/core';
import { BotFileAnswers, readBotFile } from '@support-bot/core/early';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { FromEarlyWorker, FromWorker, ToEarlyWorker, ToWorker } from '../worker/messages.js';
import { EngineClient } from './engine-client.js';

/**
 * The engine client's routing while the engine loads, with stand-in workers (the page's `Worker`
 * replaced): the early-answer worker answers with core's real `BotFileAnswers` on the store bot;
 * the engine worker stands for one whose thread is busy: it answers only what the test sends.
 */
const BOT = readFileSync(
  new URL('../../../../examples/bots/acme-store.json', import.meta.url),
  'utf8',
);

class FakeWorker extends EventTarget {
  static all: FakeWorker[] = [];
  readonly received: (ToWorker | ToEarlyWorker)[] = [];
  terminated = false;
  answers?: BotFileAnswers;

  constructor(readonly url: URL) {
    super();
    FakeWorker.all.push(this);
  }

  get early(): boolean {
    return this.url.pathname.endsWith('/engine-early.worker.js');
  }

  postMessage(message: ToWorker | ToEarlyWorker): void {
    this.received.push(message);
    if (!this.early || this.terminated) return;
    // The early-answer worker, as engine-early.worker.ts answers (core's real code).
    queueMicrotask(() => {
      if (this.terminated) return;
      if (message.type === 'init') {
        this.answers = new BotFileAnswers(readBotFile(message.config, message.source));
        this.send({ type: 'booted', bot: { name: 'x', language: 'en', escalation: {} as never } });
      } else if (message.type === 'answer-early') {
        const reply = this.answers!.answerEarly(message.text);
        this.send({ type: 'early', id: message.id, ...(reply && { reply }) });
      } else if (message.type === 'answer-with') {
        this.send({
          type: 'reply',
          id: message.id,
          reply: this.answers!.answerWith(message.target),
        });
      } else if (message.type === 'dialogue') {
        this.send({ type: 'early', id: message.id });
      }
    });
  }

  send(data: FromWorker | FromEarlyWorker): void {
    this.dispatchEvent(new MessageEvent('message', { data }));
  }

  fail(): void {
    this.dispatchEvent(Object.assign(new Event('error', { cancelable: true }), { message: '404' }));
  }

  terminate(): void {
    this.terminated = true;
  }
}

const engineWorker = () => FakeWorker.all.find((w) => !w.early)!;
const earlyWorker = () => FakeWorker.all.find((w) => w.early);
const INFO = { degraded: false } as never;
const MODEL_REPLY = { kind: 'intent', text: 'from the model' } as BotReply;

function client(): EngineClient {
  return new EngineClient({
    key: 'k',
    loadConfig: async () => ({ config: BOT, source: 'acme-store.json' }),
    assetsUrl: 'http://localhost/widget/',
    wasmPaths: 'http://localhost/widget/ort/',
    device: 'wasm',
  });
}

/** Lets the client's promises and the fake workers' microtasks run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 10));

let original: unknown;
beforeEach(() => {
  FakeWorker.all = [];
  original = (globalThis as { Worker?: unknown }).Worker;
  (globalThis as { Worker?: unknown }).Worker = FakeWorker;
});
afterEach(() => {
  (globalThis as { Worker?: unknown }).Worker = original;
});

describe('EngineClient while the engine loads', () => {
  it('answers sure words and chips from the early-answer worker, never asking the busy engine worker', async () => {
    const engine = client();
    await settle();
    expect(earlyWorker()?.received[0]).toMatchObject({ type: 'init', config: BOT });
    // The engine worker has not booted (its thread is busy): booted comes from the early worker.
    await engine.booted;
    const sure = await engine.reply('what does delivery cost');
    expect(sure.intent?.id).toBe('shipping_options');
    const chip = await engine.answerWith({ intent: 'international_shipping' });
    expect(chip.intent?.id).toBe('international_shipping');
    expect(engineWorker().received.map((m) => m.type)).toEqual(['init']);
  });

  it('sends a question the bot file cannot answer to the engine once it is ready, once, and stops the early worker', async () => {
    const engine = client();
    await settle();
    let answered: BotReply | undefined;
    const unsure = engine.reply('my parcel was due on Friday and still is not here').then((r) => {
      answered = r;
    });
    const dialogue = engine.dialogue({
      type: 'dialogue',
      text: 'where is my order?',
      state: {},
      now: 0,
    });
    await settle();
    expect(answered).toBeUndefined();
    expect(engineWorker().received.map((m) => m.type)).toEqual(['init']);
    engineWorker().send({
      type: 'ready',
      info: INFO,
      bot: { name: 'x', language: 'en', escalation: {} as never },
    });
    await settle();
    expect(earlyWorker()!.terminated).toBe(true);
    const asked = engineWorker().received.slice(1);
    expect(asked.map((m) => m.type)).toEqual(['reply', 'dialogue']);
    const [reply, step] = asked as { id: number }[];
    engineWorker().send({ type: 'reply', id: reply!.id, reply: MODEL_REPLY });
    const answer = { step: {} as never, redact: [] };
    engineWorker().send({ type: 'dialogue', id: step!.id, answer });
    await unsure;
    expect(answered).toBe(MODEL_REPLY);
    expect(await dialogue).toBe(answer);
    // Asked of the engine only: nothing was sent to it twice.
    expect(engineWorker().received).toHaveLength(3);
  });

  it('asks the engine worker itself when the early-answer worker cannot start', async () => {
    const engine = client();
    await settle();
    earlyWorker()!.fail();
    expect(earlyWorker()!.terminated).toBe(true);
    engineWorker().send({
      type: 'booted',
      bot: { name: 'x', language: 'en', escalation: {} as never },
    });
    const sure = engine.reply('what does delivery cost');
    await settle();
    const asked = engineWorker().received.at(-1) as { type: string; id: number };
    expect(asked.type).toBe('answer-early');
    engineWorker().send({ type: 'early', id: asked.id, reply: MODEL_REPLY });
    expect(await sure).toBe(MODEL_REPLY);
  });
});
