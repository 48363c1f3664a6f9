/**
 * An outside check of the phone plans: Google's example mobile number of every country (as
 * shipped with libphonenumber-js), formatted by libphonenumber-js itself — international,
 * E.164 and national — inside a sentence, through redactPII. Neither the numbers nor their
 * layouts come from our corpus generator.
 *   pnpm --filter @support-bot/server-adapter exec node --conditions=support-bot-source \
 *     --import tsx bench/redaction-phone-examples.ts
 */
import { PiiKind, redactPII } from '@support-bot/core/redact';
import type { CountryCode } from 'libphonenumber-js';
import { getCountries, getExampleNumber } from 'libphonenumber-js/max';
import examples from 'libphonenumber-js/mobile/examples';

const OURS: readonly CountryCode[] = [
  'US',
  'GB',
  'IN',
  'DE',
  'FR',
  'ES',
  'IT',
  'NL',
  'BR',
  'JP',
  'CN',
  'TW',
];
const SENTENCES = ['My number is {x}.', 'Please call me on {x} tomorrow', '{x}'];

function found(phone: string, locale?: string): boolean {
  return SENTENCES.every((template) => {
    const text = template.replace('{x}', phone);
    const start = template.indexOf('{x}');
    const hint = locale ? { locale } : {};
    return redactPII(text, hint).findings.some(
      (f) => f.kind === PiiKind.PHONE && f.start === start && f.end === start + phone.length,
    );
  });
}

type Format = 'international' | 'E.164' | 'national';
const formats: Format[] = ['international', 'E.164', 'national'];
const tally = (countries: readonly CountryCode[]) => {
  const hits = new Map<Format, number>(formats.map((f) => [f, 0]));
  const misses: string[] = [];
  let total = 0;
  for (const country of countries) {
    const n = getExampleNumber(country, examples);
    if (!n) continue;
    total++;
    const written: Record<Format, string> = {
      international: n.formatInternational(),
      'E.164': n.number,
      national: n.formatNational(),
    };
    for (const f of formats) {
      if (found(written[f])) hits.set(f, hits.get(f)! + 1);
      else misses.push(`${country} ${f}: ${written[f]}`);
    }
  }
  return { hits, total, misses };
};

const ours = tally(OURS);
const all = tally(getCountries());
console.log(
  "Google's example mobile numbers, formatted by libphonenumber-js, found by redactPII with",
);
console.log(
  'exactly their span in all of: "My number is {x}.", "Please call me on {x} tomorrow", "{x}"\n',
);
console.log('| countries | numbers | international | E.164 | national (no hint) |');
console.log('| --- | ---: | ---: | ---: | ---: |');
for (const [name, t] of [
  ['our 12 locales', ours],
  ['all countries', all],
] as const) {
  const pct = (f: Format) => `${((t.hits.get(f)! / t.total) * 100).toFixed(1)}% (${t.hits.get(f)})`;
  console.log(
    `| ${name} | ${t.total} | ${pct('international')} | ${pct('E.164')} | ${pct('national')} |`,
  );
}
console.log(`\nMissed in our 12 locales: ${ours.misses.join('; ') || 'none'}`);
console.log(
  `Missed elsewhere (first 30): ${all.misses
    .filter((m) => !m.includes(' national'))
    .slice(0, 30)
    .join('; ')}`,
);
