/**
 * The example bots on the real models: paraphrases written independently of the bots' examples
 * (examples/bots/*.eval.csv) reach the right intent or FAQ entry, and out-of-scope questions
 * fall back. Floors sit 2 points under the figures measured with `support-bot eval` on
 * 2026-12-02 (README, out-of-scope section), so a real regression fails the suite.
 */
import { readFileSync } from 'node:fs';
import {
  type BotReply,
  createSupportBot,
  encodeBotIndex,
  type SupportBot,
} from '@support-bot/core';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsDir, repoPath } from '../support/models.js';

function labelOf(reply: BotReply): string {
  if (reply.kind === 'intent') return reply.intent!.id;
  if (reply.kind === 'faq') return `faq:${reply.faq!.id}`;
  return 'oos';
}

const BOTS = [
  {
    name: 'English store bot',
    file: 'examples/bots/acme-store.json',
    eval: 'examples/bots/acme-store.eval.csv',
    model: 'Xenova/all-MiniLM-L6-v2',
    // Measured 2026-12-02 (off-topic confidence, near-domain fit, 2% budget; #18): accuracy
    // 94.92%, in-scope 93.43%, off-topic rejected 100%, precision 93.02%. Floors 2 points under.
    floors: { accuracy: 0.929, inScope: 0.914, oosRecall: 0.98, oosPrecision: 0.91 },
    cases: [
      ['my parcel was supposed to come on Friday and it still is not here', 'delivery_delayed'],
      ['how do I send back a jumper that is too big', 'returns'],
      ['is it ok to bring my dog when I visit your shop?', 'faq:dog_friendly'],
      ['what is the capital of Peru?', 'oos'],
      // #18 regression: answered with contact_hours (confidence 0.26) while the off-topic class
      // shared one softmax with the intents and the fitted confidence threshold was 0.11-0.17.
      ['do you sponsor local hiking clubs? I run one, sam.lee@example.com, 415 555 0142', 'oos'],
    ],
  },
  {
    name: 'Chinese store bot',
    file: 'examples/bots/acme-store.zh.json',
    eval: 'examples/bots/acme-store.zh.eval.csv',
    model: 'Xenova/bge-small-zh-v1.5',
    // Measured 2026-12-02: accuracy 97.33%, in-scope 96.30%, off-topic rejected 100%, precision
    // 100%. Floors 2 points under.
    floors: { accuracy: 0.953, inScope: 0.943, oosRecall: 0.98, oosPrecision: 0.98 },
    cases: [
      ['我的快递怎么还没到，帮我查查', 'order_status'],
      ['买的裤子不合身想退', 'returns'],
      ['需要开增值税发票', 'faq:invoice'],
      ['秘鲁的首都是哪里', 'oos'],
    ],
  },
  {
    name: 'small dental clinic bot',
    file: 'examples/bots/dental-clinic.json',
    eval: 'examples/bots/dental-clinic.eval.csv',
    model: 'Xenova/all-MiniLM-L6-v2',
    // Measured: accuracy 88.37%, in-scope 92.31%, off-topic rejected 82.35%, precision 100%.
    floors: { accuracy: 0.863, inScope: 0.903, oosRecall: 0.803, oosPrecision: 0.98 },
    cases: [
      // Issue #18: before the off-topic set these got the booking answer at 0.95 and the
      // dental-emergency answer.
      ['are you hiring', 'oos'],
      ['my eye has been itchy for days', 'oos'],
      ['I have a terrible toothache, can I come in today', 'dental_emergency'],
      ['do you do Invisalign', 'braces_aligners'],
    ],
  },
  {
    name: 'small SaaS helpdesk bot',
    file: 'examples/bots/saas-helpdesk.json',
    eval: 'examples/bots/saas-helpdesk.eval.csv',
    model: 'Xenova/all-MiniLM-L6-v2',
    // Measured: accuracy 92.77%, in-scope 98.04%, off-topic rejected 84.38%, precision 100%.
    floors: { accuracy: 0.907, inScope: 0.96, oosRecall: 0.823, oosPrecision: 0.98 },
    cases: [
      ['are you hiring engineers', 'oos'],
      ["what's the weather in Madrid", 'oos'],
      ['I forgot my password and cannot log in', 'reset_password'],
      ['how do I invite a colleague', 'invite_teammates'],
    ],
  },
] as const;

for (const spec of BOTS) {
  describe(spec.name, () => {
    let bot: SupportBot;
    beforeAll(async () => {
      bot = createSupportBot({
        config: readFileSync(repoPath(spec.file), 'utf8'),
        source: spec.file,
        modelBaseUrl: modelsDir(spec.model),
      });
      await bot.ready;
    });
    afterAll(() => bot?.dispose());

    it(`uses ${spec.model} with thresholds fitted from its own examples`, () => {
      expect(bot.info).toMatchObject({
        modelId: spec.model,
        thresholdsFitted: true,
        degraded: false,
      });
    });

    it('answers independently written paraphrases and rejects out-of-scope questions', async () => {
      const rows = parse(readFileSync(repoPath(spec.eval)), { columns: true }) as {
        text: string;
        label: string;
      }[];
      let right = 0;
      let inScope = 0;
      let inScopeRight = 0;
      let oos = 0;
      let oosRejected = 0;
      let rejected = 0;
      const misses: string[] = [];
      for (const row of rows) {
        const predicted = labelOf(await bot.reply(row.text));
        if (predicted === row.label) right++;
        else misses.push(`${row.text} -> ${predicted} (want ${row.label})`);
        if (predicted === 'oos') rejected++;
        if (row.label === 'oos') {
          oos++;
          if (predicted === 'oos') oosRejected++;
        } else {
          inScope++;
          if (predicted === row.label) inScopeRight++;
        }
      }
      const result = {
        accuracy: right / rows.length,
        inScope: inScopeRight / inScope,
        oosRecall: oosRejected / oos,
        oosPrecision: oosRejected / rejected,
      };
      for (const [metric, floor] of Object.entries(spec.floors)) {
        expect({ metric, value: result[metric as keyof typeof result], misses }).toEqual(
          expect.objectContaining({ metric, value: expect.toSatisfy((v: number) => v >= floor) }),
        );
      }
    });

    it('gets hand-picked cases right, also from the compiled index', async () => {
      const compiled = createSupportBot({
        config: encodeBotIndex(await bot.toIndex()),
        modelBaseUrl: modelsDir(spec.model),
      });
      for (const [text, label] of spec.cases) {
        expect({ text, label: labelOf(await bot.reply(text)) }).toEqual({ text, label });
        expect({ text, label: labelOf(await compiled.reply(text)) }).toEqual({ text, label });
      }
      await compiled.dispose();
    });
  });
}
