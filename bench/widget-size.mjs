#!/usr/bin/env node
/**
 * What the script-tag build of <support-bot> costs a visitor before any model loads, for a bot
 * without escalation/feedback (support-bot.js only) and for one that uses them (plus the lazy
 * support-bot-remote.js chunk), next to the same code built as one file (every bot paid for
 * escalation, feedback and redaction before they were split out). Raw, gzip -9 and brotli 11.
 *
 * Usage: pnpm --filter @support-bot/widget run build && node bench/widget-size.mjs [--json out.json]
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { rollup } from 'rollup';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const widget = path.join(repo, 'packages/widget');
const { values: args } = parseArgs({ options: { json: { type: 'string' } } });

const sizes = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, {
    params: { [constants.BROTLI_PARAM_QUALITY]: 11 },
  }).length,
});
const sum = (...all) => ({
  raw: all.reduce((s, x) => s + x.raw, 0),
  gzip: all.reduce((s, x) => s + x.gzip, 0),
  brotli: all.reduce((s, x) => s + x.brotli, 0),
});
const read = (file) => {
  try {
    return readFileSync(path.join(widget, 'dist', file));
  } catch {
    console.error(
      `[support-bot bench] Failed to read dist/${file}: the widget is not built. Please run \`pnpm --filter @support-bot/widget run build\`.`,
    );
    process.exit(1);
  }
};

const main = sizes(read('support-bot.js'));
const remote = sizes(read('support-bot-remote.js'));

// The same entry built as one file, with the widget's own rollup plugins.
process.chdir(widget);
const config = (await import(pathToFileURL(path.join(widget, 'rollup.config.js')).href)).default[0];
const out = mkdtempSync(path.join(tmpdir(), 'support-bot-size-'));
let unsplit;
try {
  const bundle = await rollup({ input: config.input, plugins: config.plugins, onwarn: () => {} });
  const file = path.join(out, 'support-bot.js');
  await bundle.write({ file, format: 'es', inlineDynamicImports: true });
  await bundle.close();
  unsplit = sizes(readFileSync(file));
} finally {
  rmSync(out, { recursive: true, force: true });
}

const rows = [
  ['bot without escalation/feedback: support-bot.js', main],
  ['bot with them: + support-bot-remote.js (lazy)', sum(main, remote)],
  ['  support-bot-remote.js alone', remote],
  ['the same code as one file (before the split)', unsplit],
];
const kb = (n) => `${(n / 1000).toFixed(1)} KB`;
console.log('| script-tag build | raw | gzip -9 | brotli 11 |');
console.log('| --- | --- | --- | --- |');
for (const [name, s] of rows)
  console.log(`| ${name} | ${kb(s.raw)} | ${kb(s.gzip)} | ${kb(s.brotli)} |`);
console.log(
  `\nA bot without escalation/feedback downloads ${kb(unsplit.gzip - main.gzip)} less gzipped (${(
    (1 - main.gzip / unsplit.gzip) * 100
  ).toFixed(1)}%).`,
);
if (args.json)
  writeFileSync(
    args.json,
    JSON.stringify({ main, remote, withRemote: sum(main, remote), unsplit }, null, 2),
  );
