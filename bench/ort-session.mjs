#!/usr/bin/env node
/**
 * What onnxruntime-web's session creation costs on a cached visit, and whether session options or
 * a pre-optimised model cut it (issue #15, item 3; see docs/decisions/0008). The plain WASM build
 * alone in a worker (bench/browser/ort-session.worker.mjs), real headless Chromium, the real model:
 *
 *   - the worker's first session (runtime start-up included), then the same model again;
 *   - session options: graphOptimizationLevel disabled/basic/extended, enableMemPattern off;
 *   - the model pre-optimised by onnxruntime-node (`optimizedModelFilePath`, what
 *     support-bot-assets could write), as .onnx and as ORT format, loaded with optimisation off.
 *
 * Per variant: create (ms), first run, p50 of 15 runs (16 tokens), and the largest difference of
 * the outputs from the first variant's (0 = same numbers). Visit 0 is cold; later visits cached.
 *
 * Usage: node bench/ort-session.mjs [--visits 3]
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { createRequire } from 'node:module';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import ort from 'onnxruntime-node';
import { chromium } from 'playwright-core';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '..');
const models = process.env.SUPPORT_BOT_MODELS ?? path.resolve(repo, '../shared/models');
const CHROMIUM = process.env.SUPPORT_BOT_CHROMIUM ?? '/usr/bin/chromium';
const { values: args } = parseArgs({ options: { visits: { type: 'string', default: '3' } } });
const VISITS = Math.max(2, Math.min(6, Number(args.visits)));

const model = path.join(models, 'Xenova/all-MiniLM-L6-v2/onnx/model_quantized.onnx');
if (!existsSync(model)) {
  console.error(`[support-bot bench] Failed: no model at ${model}. Please set SUPPORT_BOT_MODELS.`);
  process.exit(1);
}
const site = mkdtempSync(path.join(tmpdir(), 'support-bot-ort-session-'));
// The widget's onnxruntime-web (its exports hide package.json; locate dist through a .wasm).
const ortDist = path.dirname(
  createRequire(path.join(repo, 'packages/widget/package.json')).resolve(
    'onnxruntime-web/ort-wasm-simd-threaded.wasm',
  ),
);
for (const file of [
  'ort.wasm.min.mjs',
  'ort-wasm-simd-threaded.mjs',
  'ort-wasm-simd-threaded.wasm',
])
  copyFileSync(path.join(ortDist, file), path.join(site, file));
copyFileSync(path.join(here, 'browser/ort-session.worker.mjs'), path.join(site, 'worker.mjs'));
copyFileSync(model, path.join(site, 'model.onnx'));
// Pre-optimised copies, written by onnxruntime-node (CPU provider, like the WASM one).
for (const level of ['basic', 'extended'])
  for (const ext of ['onnx', 'ort']) {
    const session = await ort.InferenceSession.create(model, {
      graphOptimizationLevel: level,
      optimizedModelFilePath: path.join(site, `model.${level}.${ext}`),
      executionProviders: ['cpu'],
    });
    await session.release();
  }

const variants = [
  ['model.onnx', {}, 'first session of the worker (runtime start-up + session)'],
  ['model.onnx', {}, 'same model again (session only): default options'],
  ['model.onnx', { graphOptimizationLevel: 'disabled' }],
  ['model.onnx', { graphOptimizationLevel: 'basic' }],
  ['model.onnx', { graphOptimizationLevel: 'extended' }],
  ['model.onnx', { enableMemPattern: false }],
  ['model.extended.onnx', { graphOptimizationLevel: 'disabled' }, 'pre-optimised (extended)'],
  ['model.extended.onnx', {}, 'pre-optimised (extended), default options'],
  ['model.extended.ort', { graphOptimizationLevel: 'disabled' }, 'pre-optimised, ORT format'],
  ['model.basic.onnx', { graphOptimizationLevel: 'disabled' }, 'pre-optimised (basic)'],
];

const TYPES = { '.mjs': 'text/javascript', '.html': 'text/html', '.wasm': 'application/wasm' };
const server = createServer((request, response) => {
  const file = path.join(site, new URL(request.url ?? '/', 'http://x').pathname);
  if (!file.startsWith(site) || !existsSync(file)) return response.writeHead(404).end();
  response.writeHead(200, {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control': 'public, max-age=3600',
  });
  response.end(readFileSync(file));
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}/`;

const profile = mkdtempSync(path.join(tmpdir(), 'support-bot-ort-session-profile-'));
const context = await chromium.launchPersistentContext(profile, {
  executablePath: CHROMIUM,
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'],
});
const results = [];
try {
  for (let visit = 0; visit < VISITS; visit++) {
    const tab = await context.newPage();
    await tab.goto(`${origin}ort.wasm.min.mjs`);
    const out = await tab.evaluate(
      (list) =>
        new Promise((resolve, reject) => {
          const worker = new Worker('worker.mjs', { type: 'module' });
          worker.onmessage = (e) => resolve(e.data);
          worker.onerror = (e) => reject(new Error(e.message));
          worker.postMessage(list);
        }),
      variants.map(([file, options]) => ({ file, options })),
    );
    results.push(out);
    await tab.close();
    process.stderr.write(`  visit ${visit}: first session ${Math.round(out[0].create)} ms\n`);
  }
} finally {
  await context.close();
  rmSync(profile, { recursive: true, force: true });
  server.close();
  rmSync(site, { recursive: true, force: true });
}

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[(s.length - 1) >> 1] : Number.NaN;
};
const ms = (n) => (Number.isFinite(n) ? `${Math.round(n)}` : '—');
const cached = results.slice(1);
const rows = variants.map(([file, options, label], i) => [
  label ?? `${file} ${JSON.stringify(options)}`,
  ms(results[0][i].create),
  ms(median(cached.map((r) => r[i].create))),
  ms(median(cached.map((r) => r[i].firstRun))),
  median(cached.map((r) => r[i].p50)).toFixed(1),
  (results[0][i].diff ?? Number.NaN).toExponential(1),
]);
const headers = ['variant', 'create, cold', 'create, cached', 'first run', 'run p50', 'max |diff|'];
const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => r[i].length)));
const line = (cells) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
console.log(
  `\n## onnxruntime-web session creation, plain WASM build, all-MiniLM-L6-v2 q8 (ms; cached: median of ${cached.length} visits)\n`,
);
console.log(
  [line(headers), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join(
    '\n',
  ),
);
console.log(
  `\nChromium ${CHROMIUM}, ${cpus().length} cores ${cpus()[0]?.model ?? ''}, load ${loadavg()[0].toFixed(1)}, ${new Date().toISOString().slice(0, 16)} UTC.`,
);
