#!/usr/bin/env node
// Compares entity libraries for the dialogue's built-ins (docs/decisions/0006): accuracy on a
// small labelled set of English and Chinese dates and phone numbers (reference time Wednesday
// 2 December 2026, 10:00), and the gzip size of a minified browser bundle of each.
// The rejected libraries are not dependencies of the repository; run it in a scratch folder:
//   mkdir /tmp/entcmp && cd /tmp/entcmp && npm init -y && npm i chrono-node libphonenumber-js \
//     @microsoft/recognizers-text-date-time @microsoft/recognizers-text-sequence \
//     @microsoft/recognizers-text-number-with-unit esbuild
//   cp <repo>/bench/entity-libraries.mjs . && node entity-libraries.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { Culture, recognizeDateTime } from '@microsoft/recognizers-text-date-time';
import { recognizePhoneNumber } from '@microsoft/recognizers-text-sequence';
import * as chrono from 'chrono-node';
import * as zh from 'chrono-node/zh';
import { findPhoneNumbersInText } from 'libphonenumber-js/min';

const ref = new Date(2026, 11, 2, 10, 0);
const iso = (d) =>
  d
    ? `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`
    : null;
const en = [
  ['tomorrow please', '2026-12-03'],
  ['next Friday', '2026-12-11'],
  ['on Friday', '2026-12-04'],
  ['December 24th', '2026-12-24'],
  ['24/12/2026', '2026-12-24'],
  ['2026-12-24', '2026-12-24'],
  ['in 3 days', '2026-12-05'],
  ['the day after tomorrow', '2026-12-04'],
  ['Monday', '2026-12-07'],
  ['Jan 5', '2027-01-05'],
  ['this Saturday', '2026-12-05'],
  ['next week Tuesday', '2026-12-08'],
  ['today', '2026-12-02'],
  ['can I come on the 15th', '2026-12-15'],
  ['a week from today', '2026-12-09'],
];
const zhCases = [
  ['明天', '2026-12-03'],
  ['后天', '2026-12-04'],
  ['下周一', '2026-12-07'],
  ['下周五', '2026-12-11'],
  ['这周六', '2026-12-05'],
  ['周六', '2026-12-05'],
  ['12月24日', '2026-12-24'],
  ['2026年12月24日', '2026-12-24'],
  ['三天后', '2026-12-05'],
  ['今天', '2026-12-02'],
  ['下个月3号', '2027-01-03'],
  ['星期天', '2026-12-06'],
  ['我想改到下周三', '2026-12-09'],
  ['1月5号', '2027-01-05'],
  ['大后天', '2026-12-05'],
];
const phones = [
  ['call me on 07700 900123', '07700900123'],
  ['my number is +44 7700 900123', '+447700900123'],
  ['(415) 555-2671', '4155552671'],
  ['+1 415-555-2671', '+14155552671'],
  ['我的手机是13812345678', '13812345678'],
  ['电话 138-1234-5678', '13812345678'],
  ['order AC-104233', 'none'],
  ['I paid 120 dollars', 'none'],
];
const ms = (t, culture) => {
  for (const x of recognizeDateTime(t, culture, undefined, ref)) {
    const values = (x.resolution?.values ?? []).map((y) => y.value ?? y.start).filter(Boolean);
    const future = values.find((s) => s >= '2026-12-02') ?? values[0];
    if (future) return future.slice(0, 10);
  }
  return null;
};
const digits = (s) => s.replace(/[^\d+]/g, '');
const score = (name, cases, f) => {
  let ok = 0;
  const misses = [];
  for (const [t, want] of cases) {
    const got = f(t);
    if (got === want) ok++;
    else misses.push(`${t} -> ${got}`);
  }
  console.log(`${name}: ${ok}/${cases.length}${misses.length ? `  (${misses.join('; ')})` : ''}`);
};
score('chrono-node en dates', en, (t) => iso(chrono.parseDate(t, ref, { forwardDate: true })));
score('recognizers-text en dates', en, (t) => ms(t, Culture.English));
score('chrono-node zh dates', zhCases, (t) =>
  iso(zh.hans.parseDate(t, ref, { forwardDate: true })),
);
score('recognizers-text zh dates', zhCases, (t) => ms(t, Culture.Chinese));
for (const region of ['US', 'GB', 'CN']) {
  score(`libphonenumber-js/min (${region})`, phones, (t) => {
    const r = findPhoneNumbersInText(t, region)[0];
    return r ? digits(t.slice(r.startsAt, r.endsAt)) : 'none';
  });
}
score('recognizers-text phones', phones, (t) => {
  const r = recognizePhoneNumber(t, Culture.English)[0];
  return r ? digits(r.text) : 'none';
});

mkdirSync('out', { recursive: true });
const entries = {
  'chrono-node (en + zh)':
    "export { casual } from 'chrono-node'; export * as zh from 'chrono-node/zh';",
  'libphonenumber-js/min': "export { findPhoneNumbersInText } from 'libphonenumber-js/min';",
  'recognizers-text-date-time':
    "export { recognizeDateTime } from '@microsoft/recognizers-text-date-time';",
  'recognizers-text-sequence':
    "export { recognizePhoneNumber, recognizeEmail } from '@microsoft/recognizers-text-sequence';",
  'recognizers-text-number-with-unit':
    "export { recognizeCurrency } from '@microsoft/recognizers-text-number-with-unit';",
};
for (const [name, source] of Object.entries(entries)) {
  writeFileSync('out/entry.mjs', source);
  execFileSync('npx', [
    'esbuild',
    'out/entry.mjs',
    '--bundle',
    '--minify',
    '--format=esm',
    '--platform=browser',
    '--outfile=out/bundle.js',
    '--log-level=error',
  ]);
  const bytes = readFileSync('out/bundle.js');
  console.log(
    `${name}: ${(bytes.length / 1024).toFixed(1)} KB min, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KB gzip`,
  );
}
