import {
  botConfigFromLabelledRows,
  createSupportBot,
  type LabelledRow,
  type SupportBotOptions,
  summarizeEval,
} from '@support-bot/core';
import { nearestExample, tfidfLogisticRegression } from './baselines.js';
import type { CachedEncoder } from './cached-encoder.js';
import { banking77 } from './datasets.js';
import { meanStd, pct, printTable } from './table.js';

export interface IntentRun {
  closedSet: number;
  withRejection: number;
  macroF1: number;
}

/**
 * Trains a bot on labelled rows through the product's path (createSupportBot: embedding,
 * head, cross-validated calibration) and answers every test row with `bot.reply()`.
 */
export async function runIntentBot(
  encoder: CachedEncoder,
  train: LabelledRow[],
  test: LabelledRow[],
  options: {
    shots?: number;
    seed?: number;
    oosLabel?: string;
    training?: NonNullable<SupportBotOptions['training']>;
  } = {},
) {
  const built = botConfigFromLabelledRows(train, options);
  const bot = createSupportBot({
    config: built.config,
    encoder,
    training: { seed: options.seed ?? 42, ...options.training },
  });
  await bot.ready;
  // Embed the test set in one batch (cached); replies then hit the cache.
  await encoder.embed(test.map((r) => r.text));
  const oos = options.oosLabel ?? 'oos';
  const predictions = [];
  for (const row of test) {
    const reply = await bot.reply(row.text);
    const top = reply.candidates.intents[0]?.id;
    predictions.push({
      text: row.text,
      gold: row.label,
      predicted: reply.kind === 'intent' ? built.labelOf.get(reply.intent!.id)! : oos,
      ...(top && { topIntent: built.labelOf.get(top)! }),
      totalMs: reply.timings.total,
      embedMs: reply.timings.embed,
    });
  }
  const info = bot.info!;
  await bot.dispose();
  return { report: summarizeEval(predictions, oos), info };
}

export async function intentBench(encoders: CachedEncoder[], seeds: number[]): Promise<string[]> {
  const { train, test } = banking77();
  const rows: (string | number)[][] = [];
  for (const encoder of encoders) {
    process.stderr.write(`[bench] BANKING77 full data, ${encoder.model.id}\n`);
    await encoder.embed(
      [...train, ...test].map((r) => r.text),
      {
        onProgress: (done, total) => {
          if (done % 2048 < 32) process.stderr.write(`  embedding ${done}/${total}\n`);
        },
      },
    );
    encoder.save();
    const full = await runIntentBot(encoder, train, test);
    const shots: IntentRun[] = [];
    for (const seed of seeds) {
      process.stderr.write(`[bench] BANKING77 10-shot seed ${seed}, ${encoder.model.id}\n`);
      const { report } = await runIntentBot(encoder, train, test, { shots: 10, seed });
      shots.push({
        closedSet: report.closedSetAccuracy!,
        withRejection: report.accuracy,
        macroF1: report.macroF1,
      });
    }
    const s = meanStd(shots.map((r) => r.closedSet));
    const sr = meanStd(shots.map((r) => r.withRejection));
    rows.push([
      `${encoder.model.id} q8, product head`,
      pct(full.report.closedSetAccuracy),
      pct(full.report.accuracy),
      `${pct(s.mean)} ± ${pct(s.std)}`,
      `${pct(sr.mean)} ± ${pct(sr.std)}`,
    ]);
    // Nearest-example cosine on the same (cached) embeddings.
    const dim = encoder.model.dimension;
    const trainVec = (await encoder.embed(train.map((r) => r.text))).data;
    const testVec = (await encoder.embed(test.map((r) => r.text))).data;
    const nnFull = nearestExample(
      trainVec,
      train.map((r) => r.label),
      testVec,
      test.map((r) => r.label),
      dim,
    );
    const nnShots = [];
    for (const seed of seeds) {
      const picked = botConfigFromLabelledRows(train, { shots: 10, seed }).config.intents.flatMap(
        (i) => i.examples.map((text) => ({ text, label: i.response })),
      );
      const vec = (await encoder.embed(picked.map((r) => r.text))).data;
      nnShots.push(
        nearestExample(
          vec,
          picked.map((r) => r.label),
          testVec,
          test.map((r) => r.label),
          dim,
        ),
      );
    }
    const nn = meanStd(nnShots);
    rows.push([
      `${encoder.model.id} q8, nearest example (baseline)`,
      pct(nnFull),
      '—',
      `${pct(nn.mean)} ± ${pct(nn.std)}`,
      '—',
    ]);
    encoder.save();
  }
  process.stderr.write('[bench] TF-IDF + logistic regression baseline\n');
  const tfFull = tfidfLogisticRegression(train, test);
  const tfShots = seeds.map((seed) =>
    tfidfLogisticRegression(
      botConfigFromLabelledRows(train, { shots: 10, seed }).config.intents.flatMap((i) =>
        i.examples.map((text) => ({ text, label: i.response })),
      ),
      test,
    ),
  );
  const tf = meanStd(tfShots);
  rows.push([
    'TF-IDF + logistic regression (baseline)',
    pct(tfFull),
    '—',
    `${pct(tf.mean)} ± ${pct(tf.std)}`,
    '—',
  ]);
  rows.push([
    'published: fine-tuned BERT-base (full), USE+ConveRT / best published (10-shot)',
    '93.66',
    '—',
    '85.19 / 89.79',
    '—',
  ]);
  return [
    printTable(
      `Intent accuracy, BANKING77 test (3,080 messages), 10-shot over ${seeds.length} seeds (mean ± std)`,
      [
        'model and head',
        'full: closed-set %',
        'full: with rejection %',
        '10-shot: closed-set %',
        '10-shot: with rejection %',
      ],
      rows,
    ),
  ];
}
