/**
 * The bar for answering before the model is ready (issue #15, item 1), measured on the example
 * bots' eval sets (examples/bots/*.eval.csv: paraphrases written apart from the bots, a third
 * off-topic) with the real models: an early word-match answer (`bot.answerEarly`) must be at least
 * as precise as the model's own answers on the same sets. Prints the figures it asserts.
 */
import { readFileSync } from 'node:fs';
import { type BotReply, createSupportBot } from '@support-bot/core';
import { parse } from 'csv-parse/sync';
import { expect, it } from 'vitest';
import { modelsDir, repoPath } from '../support/models.js';

const BOTS = [
  ['acme-store', 'Xenova/all-MiniLM-L6-v2'],
  ['acme-store.zh', 'Xenova/bge-small-zh-v1.5'],
  ['dental-clinic', 'Xenova/all-MiniLM-L6-v2'],
  ['saas-helpdesk', 'Xenova/all-MiniLM-L6-v2'],
] as const;

function labelOf(reply: BotReply): string {
  if (reply.kind === 'intent') return reply.intent!.id;
  if (reply.kind === 'faq') return `faq:${reply.faq!.id}`;
  return 'oos';
}

it('answers early only where a word match is at least as precise as the model', async () => {
  const early = { answered: 0, right: 0 };
  const model = { answered: 0, right: 0, rows: 0 };
  for (const [name, modelId] of BOTS) {
    const bot = createSupportBot({
      config: readFileSync(repoPath(`examples/bots/${name}.json`), 'utf8'),
      modelBaseUrl: modelsDir(modelId),
    });
    const rows = parse(readFileSync(repoPath(`examples/bots/${name}.eval.csv`), 'utf8'), {
      columns: true,
    }) as { text: string; label: string }[];
    // Before the model is ready: word matching on the bot file alone.
    for (const row of rows) {
      const reply = bot.answerEarly(row.text);
      if (!reply) continue;
      early.answered++;
      if (labelOf(reply) === row.label) early.right++;
    }
    await bot.ready;
    for (const row of rows) {
      const reply = await bot.reply(row.text);
      model.rows++;
      if (reply.kind !== 'intent' && reply.kind !== 'faq') continue;
      model.answered++;
      if (labelOf(reply) === row.label) model.right++;
    }
    await bot.dispose();
  }
  const precision = (x: { answered: number; right: number }) => x.right / x.answered;
  console.log(
    `[first-answer bar] ${model.rows} eval messages: early ${early.right}/${early.answered} right (${(100 * precision(early)).toFixed(1)}%), model ${model.right}/${model.answered} right of those it answered (${(100 * precision(model)).toFixed(1)}%)`,
  );
  expect(early.answered).toBeGreaterThan(0);
  expect(precision(early)).toBeGreaterThanOrEqual(precision(model));
}, 600_000);
