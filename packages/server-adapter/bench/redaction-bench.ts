/**
 * Redaction recall and precision per kind on the seeded PII corpus.
 *   pnpm --filter @support-bot/server-adapter run bench:redaction [-- --seed 2026 --size 10000]
 */
import { parseArgs } from 'node:util';
import { generatePiiCorpus, scorePiiCorpus } from '../src/testing/pii-corpus.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '2026' },
    size: { type: 'string', default: '10000' },
  },
});
const seed = Number(values.seed);
const size = Number(values.size);
const corpus = generatePiiCorpus(seed, size);
const started = performance.now();
const scores = scorePiiCorpus(corpus);
const ms = performance.now() - started;
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
console.log(`PII redaction, generated corpus: seed ${seed}, ${size} messages (EN 70% / ZH 30%)\n`);
console.log('| kind | in corpus | redacted | correct | recall | precision |');
console.log('| --- | ---: | ---: | ---: | ---: | ---: |');
for (const s of scores) {
  console.log(
    `| ${s.kind} | ${s.truths} | ${s.predicted} | ${s.truePositives} | ${pct(s.recall)} | ${pct(s.precision)} |`,
  );
}
console.log(`\n${((ms * 1000) / size).toFixed(1)} µs per message (redactPII, this machine).`);
