import { readFileSync } from 'node:fs';
import { createSupportBot, type Encoder, getModelSpec, type ModelSpec } from '@support-bot/core';
import { describe, expect, it } from 'vitest';
import { handleDialogue } from './dialogue-handler.js';
import type { DialogueAnswer, DialogueToWorker } from './messages.js';

const DIMENSION = 64;

/**
 * A bag-of-words encoder (hashed words, unit length) that embeds nothing until `release()`: the
 * model "loading". The model is beside the point: what matters is what is answered before it.
 */
function heldEncoder(): Encoder & { release(): void; runs: number } {
  let release!: () => void;
  const gate = new Promise<void>((resolve) => {
    release = resolve;
  });
  const encoder = {
    model: { ...getModelSpec('Xenova/all-MiniLM-L6-v2'), dimension: DIMENSION } as ModelSpec,
    device: 'cpu' as const,
    dtype: 'q8',
    loadMs: 1,
    runs: 0,
    release,
    async embed(texts: readonly string[]) {
      await gate;
      encoder.runs++;
      const data = new Float32Array(texts.length * DIMENSION);
      texts.forEach((text, row) => {
        for (const word of text.toLowerCase().match(/[a-z0-9]+/g) ?? []) {
          let h = 0;
          for (const c of word) h = (h * 31 + c.charCodeAt(0)) >>> 0;
          data[row * DIMENSION + (h % DIMENSION)]! += 1;
        }
        const v = data.subarray(row * DIMENSION, (row + 1) * DIMENSION);
        const norm = Math.hypot(...v) || 1;
        for (let i = 0; i < DIMENSION; i++) v[i]! /= norm;
      });
      return { data, count: texts.length, dimension: DIMENSION, tokenizeMs: 0, inferenceMs: 0 };
    },
    async dispose() {},
  };
  return encoder;
}

/** The English store bot: order_status, start_return and store_hours are forms. */
const ACME = readFileSync(
  new URL('../../../../examples/bots/acme-store.json', import.meta.url),
  'utf8',
);

const pending = Symbol('pending');
/** What `promise` settled with by now, or `pending`. */
async function settled<T>(promise: Promise<T>): Promise<T | typeof pending> {
  return Promise.race([promise, new Promise<typeof pending>((r) => setTimeout(r, 50, pending))]);
}

function say(text: string, state?: unknown, target?: { intent: string }): DialogueToWorker {
  return { type: 'dialogue', id: 1, text, state, now: Date.now(), ...(target && { target }) };
}

describe('handleDialogue before the model is ready (a bot with forms)', () => {
  it('answers chips and sure word matches at once; a form intent or an open form waits for the model', async () => {
    const encoder = heldEncoder();
    const bot = createSupportBot({ config: ACME, source: 'acme-store.json', encoder });
    const signal = new AbortController().signal;
    const step = (m: DialogueToWorker) => handleDialogue(bot, m, signal);

    // A sure word match (shipping_options' own example): answered from the bot file.
    const sure = await settled(step(say('how much is shipping')));
    expect(sure).not.toBe(pending);
    const sureAnswer = sure as DialogueAnswer;
    expect(sureAnswer.reply?.intent?.id).toBe('shipping_options');
    expect(sureAnswer.step.replies.map((r) => r.kind)).toEqual(['answer']);
    expect(bot.info).toBeUndefined();

    // A chip naming the form intent: the form starts and asks for the order number at once.
    const chip = (await settled(
      step(say('Order status', undefined, { intent: 'order_status' })),
    )) as DialogueAnswer;
    expect(chip).not.toBe(pending);
    expect(chip.step.replies.map((r) => r.kind)).toEqual(['ask']);
    expect(chip.step.replies[0]!.text).toMatch(/order number/);

    // The form intent in words: answerEarly never matches a form, so it waits for the model.
    const form = step(say('where is my order?'));
    // A slot value while the form asks for it waits for the model too (entities, slot filling).
    const slot = step(say('AC-104233', chip.step.state));
    expect(await settled(form)).toBe(pending);
    expect(await settled(slot)).toBe(pending);
    expect(encoder.runs).toBe(0);

    encoder.release();
    const [formAnswer, slotAnswer] = await Promise.all([form, slot]);
    expect(bot.info).toBeDefined();
    expect(formAnswer.step.replies.map((r) => r.kind)).toEqual(['ask']);
    expect(formAnswer.step.replies[0]!.text).toMatch(/order number/);
    expect(slotAnswer.step.action?.slots).toEqual({ order: 'AC-104233' });
    await bot.dispose();
  });
});
