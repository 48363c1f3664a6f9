/**
 * Redaction span recall per kind and locale, negatives changed, precision and time per message
 * on the seeded PII corpus.
 *   pnpm --filter @support-bot/server-adapter run bench:redaction [-- --seed 2026 --size 12000]
 */
import { cpus } from 'node:os';
import { parseArgs } from 'node:util';
import { redactPII } from '@support-bot/core/redact';
import {
  CORPUS_KINDS,
  generatePiiCorpus,
  PII_LOCALES,
  scorePiiCorpus,
} from '../src/testing/pii-corpus.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '2026' },
    size: { type: 'string', default: '12000' },
  },
});
const seed = Number(values.seed);
const size = Number(values.size);
const corpus = generatePiiCorpus(seed, size);
const scores = scorePiiCorpus(corpus);
const pct = (x: number) => `${(x * 100).toFixed(1)}%`;

console.log(
  `PII redaction, generated corpus: seed ${seed}, ${size} messages, ${PII_LOCALES.length} locales\n`,
);
console.log('Span recall: found with exactly its span and kind / in corpus\n');
console.log(`| locale | ${CORPUS_KINDS.join(' | ')} | all kinds |`);
console.log(`| --- | ${CORPUS_KINDS.map(() => '---:').join(' | ')} | ---: |`);
const cell = (found: number, truths: number) => `${pct(found / truths)} (${found}/${truths})`;
for (const locale of PII_LOCALES) {
  const row = CORPUS_KINDS.map((kind) => {
    const c = scores.cells.find((x) => x.kind === kind && x.locale === locale)!;
    return cell(c.found, c.truths);
  });
  const l = scores.locales.find((x) => x.locale === locale)!;
  console.log(`| ${locale} | ${row.join(' | ')} | ${cell(l.found, l.truths)} |`);
}
const total = scores.kinds.reduce((a, k) => ({ f: a.f + k.found, t: a.t + k.truths }), {
  f: 0,
  t: 0,
});
console.log(
  `| all locales | ${scores.kinds.map((k) => cell(k.found, k.truths)).join(' | ')} | ${cell(total.f, total.t)} |`,
);
console.log('\n| kind | in corpus | found | redacted as this kind | precision |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const k of scores.kinds) {
  console.log(`| ${k.kind} | ${k.truths} | ${k.found} | ${k.predicted} | ${pct(k.precision)} |`);
}
console.log(
  `\nNegatives (look-alikes only) changed: ${scores.negativesChanged} of ${scores.negatives} (${((scores.negativesChanged / scores.negatives) * 100).toFixed(2)}%)`,
);

const hinted = scorePiiCorpus(corpus, { localeHint: true });
const hintedTotal = hinted.kinds.reduce((a, k) => ({ f: a.f + k.found, t: a.t + k.truths }), {
  f: 0,
  t: 0,
});
console.log(
  `With each message's locale as redactPII's \`locale\` hint: recall ${cell(hintedTotal.f, hintedTotal.t)}, negatives changed ${hinted.negativesChanged} of ${hinted.negatives}`,
);

// Time per message: every message once to warm up, then 5 rounds over 2,000 messages, each
// message timed alone (bounded: 10,000 calls).
const sample = corpus.slice(0, 2000).map((s) => s.text);
for (const t of sample) redactPII(t);
const times: number[] = [];
for (let round = 0; round < 5; round++) {
  for (const t of sample) {
    const started = performance.now();
    redactPII(t);
    times.push(performance.now() - started);
  }
}
times.sort((a, b) => a - b);
const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))]! * 1000;
const chars = sample.reduce((n, t) => n + t.length, 0) / sample.length;
console.log(
  `\nredactPII per message (${times.length} calls, ${chars.toFixed(0)} chars on average): p50 ${at(0.5).toFixed(1)} µs, p90 ${at(0.9).toFixed(1)} µs, p99 ${at(0.99).toFixed(1)} µs`,
);
console.log(`Node ${process.version}, ${cpus()[0]?.model ?? 'unknown CPU'} x ${cpus().length}`);
