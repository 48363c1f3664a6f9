/**
 * Phones: the hand-written numbering-plan patterns of redactPII against libphonenumber-js
 * (findPhoneNumbersInText, with the min / mobile / max metadata), on the seeded PII corpus.
 * Both run inside the same redaction: every other kind by redactPII, phones by one or the other.
 *   pnpm --filter @support-bot/server-adapter exec node --conditions=support-bot-source \
 *     --import tsx bench/redaction-libphonenumber.ts [--seed 2026 --size 12000]
 */
import { parseArgs } from 'node:util';
import { type PiiFinding, PiiKind, redactPII } from '@support-bot/core/redact';
import type { CountryCode, NumberFound } from 'libphonenumber-js';
import { findPhoneNumbersInText as findMax } from 'libphonenumber-js/max';
import { findPhoneNumbersInText as findMin } from 'libphonenumber-js/min';
import { findPhoneNumbersInText as findMobile } from 'libphonenumber-js/mobile';
import { generatePiiCorpus, PII_LOCALES, type PiiLocale } from '../src/testing/pii-corpus.js';

const { values } = parseArgs({
  options: {
    seed: { type: 'string', default: '2026' },
    size: { type: 'string', default: '12000' },
  },
});
const corpus = generatePiiCorpus(Number(values.seed), Number(values.size));
const COUNTRY = Object.fromEntries(
  PII_LOCALES.map((l) => [l, l.slice(3) as CountryCode]),
) as Record<PiiLocale, CountryCode>;
const NOT_PHONE = Object.values(PiiKind).filter((k) => k !== PiiKind.PHONE);

type Finder = (text: string, locale: PiiLocale) => { start: number; end: number }[];
const lib =
  (find: typeof findMin, hint: boolean): Finder =>
  (text, locale) =>
    (hint ? find(text, { defaultCountry: COUNTRY[locale] }) : find(text)).map((m: NumberFound) => ({
      start: m.startsAt,
      end: m.endsAt,
    }));

const ours: Finder = (text) =>
  redactPII(text, { kinds: [PiiKind.PHONE] }).findings.map((f) => ({ start: f.start, end: f.end }));

const variants: [string, Finder][] = [
  ['hand-written numbering plans (redactPII)', ours],
  ['libphonenumber-js min, locale as default country', lib(findMin, true)],
  ['libphonenumber-js mobile, locale as default country', lib(findMobile, true)],
  ['libphonenumber-js max, locale as default country', lib(findMax, true)],
  ['libphonenumber-js min, no default country', lib(findMin, false)],
];

console.log(`Phones on the PII corpus: seed ${values.seed}, ${corpus.length} messages\n`);
console.log(
  `| phone finder | exact span recall | overlapping recall | worst locale (exact) | false findings | negatives changed | µs per message (phones only) |`,
);
console.log('| --- | ---: | ---: | --- | ---: | ---: | ---: |');
for (const [name, find] of variants) {
  let truths = 0;
  let exact = 0;
  let overlap = 0;
  let falseFindings = 0;
  let negatives = 0;
  let negativesChanged = 0;
  const perLocale = new Map<PiiLocale, { truths: number; exact: number }>();
  let phoneMs = 0;
  for (const sample of corpus) {
    // Other kinds first, as in redactPII; phones only where nothing else was found.
    const others: PiiFinding[] = redactPII(sample.text, { kinds: NOT_PHONE }).findings;
    const started = performance.now();
    const phones = find(sample.text, sample.locale).filter(
      (p) => !others.some((o) => p.start < o.end && p.end > o.start),
    );
    phoneMs += performance.now() - started;
    const phoneTruths = sample.truth.filter((t) => t.kind === PiiKind.PHONE);
    const cell = perLocale.get(sample.locale) ?? { truths: 0, exact: 0 };
    for (const t of phoneTruths) {
      truths++;
      cell.truths++;
      if (phones.some((p) => p.start === t.start && p.end === t.end)) {
        exact++;
        cell.exact++;
      }
      if (phones.some((p) => p.start < t.end && p.end > t.start)) overlap++;
    }
    perLocale.set(sample.locale, cell);
    for (const p of phones) {
      if (!phoneTruths.some((t) => p.start < t.end && p.end > t.start)) falseFindings++;
    }
    if (sample.truth.length === 0) {
      negatives++;
      if (others.length + phones.length > 0) negativesChanged++;
    }
  }
  const worst = [...perLocale.entries()].sort(
    (a, b) => a[1].exact / a[1].truths - b[1].exact / b[1].truths,
  )[0]!;
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`;
  console.log(
    `| ${name} | ${pct(exact / truths)} | ${pct(overlap / truths)} | ${worst[0]} ${pct(worst[1].exact / worst[1].truths)} | ${falseFindings} | ${negativesChanged} of ${negatives} | ${((phoneMs * 1000) / corpus.length).toFixed(1)} |`,
  );
}
