import { seededRandom, shuffleInPlace } from '../../packages/core/src/internal/random.js';
import type { CachedEncoder } from './cached-encoder.js';
import { banking77 } from './datasets.js';
import { runIntentBot } from './intent-bench.js';
import { bankingProblem, exploreProblem } from './oos-explore.js';
import { pct, printTable } from './table.js';

/**
 * Out-of-scope: hold out `held` of BANKING77's 77 intents as "unknown" (seeded), train on the
 * rest, and answer the whole test set through the product (`bot.reply()`). In-scope accuracy
 * counts a wrong rejection as an error. With `alternatives`, a second table compares other
 * out-of-scope scores on the same embeddings by AUROC (oos-explore.ts; two more trainings per
 * seed).
 */
export async function oosBench(
  encoders: CachedEncoder[],
  seeds: number[],
  held = 10,
  alternatives = false,
): Promise<string[]> {
  const { train, test } = banking77();
  const labels = [...new Set(train.map((r) => r.label))].sort();
  const rows: (string | number)[][] = [];
  for (const encoder of encoders) {
    for (const seed of seeds) {
      const unknown = new Set(shuffleInPlace([...labels], seededRandom(seed)).slice(0, held));
      const known = train.filter((r) => !unknown.has(r.label));
      const relabelled = test.map((r) => (unknown.has(r.label) ? { ...r, label: 'oos' } : r));
      process.stderr.write(
        `[bench] out-of-scope, ${held} intents held out (seed ${seed}), ${encoder.model.id}\n`,
      );
      const { report, info } = await runIntentBot(encoder, known, relabelled, { seed });
      rows.push([
        encoder.model.id,
        seed,
        pct(report.closedSetAccuracy),
        pct(report.inScopeAccuracy),
        (100 * (report.closedSetAccuracy! - report.inScopeAccuracy!)).toFixed(2),
        pct(report.outOfScope!.recall),
        pct(report.outOfScope!.precision),
        `${info.thresholds.intent.toFixed(3)} / ${info.thresholds.similarity.toFixed(3)} / ${info.thresholds.margin?.toFixed(3) ?? '—'}`,
      ]);
    }
  }
  const tables = [
    printTable(
      `Out-of-scope: ${held} of 77 BANKING77 intents held out as unknown, full training data of the other ${77 - held}`,
      [
        'model',
        'seed',
        'closed-set accuracy %',
        'in-scope accuracy %',
        'in-scope cost (pts)',
        'out-of-scope recall %',
        'out-of-scope precision %',
        'fitted thresholds (confidence / similarity / off-topic margin)',
      ],
      rows,
    ),
  ];
  if (!alternatives) return tables;
  const aurocRows: (string | number)[][] = [];
  let names: string[] = [];
  for (const encoder of encoders) {
    for (const seed of seeds) {
      process.stderr.write(`[bench] out-of-scope scores (seed ${seed}), ${encoder.model.id}\n`);
      const run = exploreProblem(await bankingProblem(encoder, seed, held));
      names = run.results.map((r) => r.name);
      aurocRows.push([
        encoder.model.id,
        seed,
        ...run.results.map(
          (r) => `${r.auroc.toFixed(3)} (${pct(r.at[0]!.recall, 1)} / ${pct(r.at[0]!.inScope, 1)})`,
        ),
      ]);
    }
  }
  // Transposed: one row per score, one column per model and seed.
  tables.push(
    printTable(
      `Out-of-scope scores on the same embeddings: AUROC (unknown recall % / in-scope accuracy % with the threshold fitted from the bot's own held-out examples, 2% reject budget)`,
      ['score', ...aurocRows.map((r) => `${String(r[0]).replace('Xenova/', '')} seed ${r[1]}`)],
      names.map((name, j) => [name, ...aurocRows.map((r) => r[j + 2]!)]),
    ),
  );
  return tables;
}
