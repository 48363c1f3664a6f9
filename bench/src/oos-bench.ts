import { seededRandom, shuffleInPlace } from '../../packages/core/src/internal/random.js';
import type { CachedEncoder } from './cached-encoder.js';
import { banking77 } from './datasets.js';
import { runIntentBot } from './intent-bench.js';
import { pct, printTable } from './table.js';

/**
 * Out-of-scope: hold out `held` of BANKING77's 77 intents as "unknown" (seeded), train on the
 * rest, and answer the whole test set. In-scope accuracy counts a wrong rejection as an error.
 */
export async function oosBench(
  encoders: CachedEncoder[],
  seeds: number[],
  held = 10,
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
        pct(report.outOfScope!.recall),
        pct(report.outOfScope!.precision),
        `${info.thresholds.intent.toFixed(3)} / ${info.thresholds.similarity.toFixed(3)}`,
      ]);
    }
  }
  return [
    printTable(
      `Out-of-scope: ${held} of 77 BANKING77 intents held out as unknown, full training data of the other ${77 - held}`,
      [
        'model',
        'seed',
        'closed-set accuracy %',
        'in-scope accuracy %',
        'out-of-scope recall %',
        'out-of-scope precision %',
        'fitted thresholds (confidence / similarity)',
      ],
      rows,
    ),
  ];
}
