#!/usr/bin/env node
/**
 * Widget benchmark: what a visitor's browser downloads and waits for.
 *
 *   1. Size of the widget (gzip/brotli), without the model runtime and the model.
 *   2. Page load -> launcher visible, -> engine ready, -> first answer (a visitor who opens the
 *      chat as soon as the launcher shows and asks one question), cold (fresh profile) and cached
 *      (second visit: model from the Cache API, runtime from the HTTP cache), for bot.json and
 *      for a compiled index, on single-threaded WASM and on WebGPU.
 *   3. Per-message latency inside the engine worker for each onnxruntime-web build: the plain
 *      WASM build (what the widget ships for `wasm`), the WebGPU build on its WASM fallback
 *      (transformers.js' default import), and the WebGPU build on WebGPU.
 *
 * Real headless Chromium (/usr/bin/chromium, playwright-core), the real models. On this machine
 * WebGPU is SwiftShader (a CPU emulation): its numbers say nothing about a GPU.
 *
 * Usage: pnpm --filter @support-bot/widget run build && node bench/widget-bench.mjs
 *        [--runs 3] [--messages 40] [--no-webgpu] [--json out.json]
 */
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import {
  buildStoreSite,
  CHROMIUM,
  checkPrerequisites,
  dist,
  launchChromium,
  models,
  progressLogger,
  repo,
  writeDemoPages,
} from './browser/bench-site.mjs';

const QUESTION = 'my parcel was due on Friday and still is not here';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    messages: { type: 'string', default: '40' },
    'no-webgpu': { type: 'boolean', default: false },
    json: { type: 'string' },
  },
});
const progress = progressLogger();
const RUNS = Math.max(1, Math.min(20, Number(args.runs)));
const MESSAGES = Math.max(5, Math.min(200, Number(args.messages)));

checkPrerequisites();

const human = (n) =>
  n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : Number.NaN;
};
const pct = (xs, p) => {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.min(s.length - 1, Math.floor(p * s.length))];
};
const ms = (n) => (Number.isFinite(n) ? `${Math.round(n)} ms` : 'n/a');
function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [
    line(headers),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

// 1. Sizes ---------------------------------------------------------------------------------------
const size = (file) => {
  const bytes = readFileSync(file);
  return {
    raw: bytes.length,
    gzip: gzipSync(bytes, { level: 9 }).length,
    // Quality 11 takes minutes on the 20+ MB runtime and model; servers precompress those at ~6.
    brotli: brotliCompressSync(bytes, {
      params: { [constants.BROTLI_PARAM_QUALITY]: bytes.length > 2 ** 20 ? 6 : 11 },
    }).length,
  };
};
const sizes = [
  ['support-bot.js (element, Lit, markdown; every bot)', size(path.join(dist, 'support-bot.js'))],
  [
    'support-bot-remote.js (escalation, feedback, redaction; lazy, only bots using them)',
    size(path.join(dist, 'support-bot-remote.js')),
  ],
  [
    'support-bot-action-runner.js (page handlers and webhooks; lazy, only bots with actions)',
    size(path.join(dist, 'support-bot-action-runner.js')),
  ],
  [
    'engine-wasm.worker.js (core + transformers.js, lazy)',
    size(path.join(dist, 'engine-wasm.worker.js')),
  ],
  [
    'engine-webgpu.worker.js (lazy, only with a WebGPU adapter)',
    size(path.join(dist, 'engine-webgpu.worker.js')),
  ],
  [
    'engine-early.worker.js (bot file only, while the engine loads; lazy)',
    size(path.join(dist, 'engine-early.worker.js')),
  ],
  [
    'ort/ort-wasm-simd-threaded.wasm (plain WASM runtime)',
    size(path.join(dist, 'ort/ort-wasm-simd-threaded.wasm')),
  ],
  [
    'ort/ort-wasm-simd-threaded.asyncify.wasm (WebGPU runtime)',
    size(path.join(dist, 'ort/ort-wasm-simd-threaded.asyncify.wasm')),
  ],
  [
    'models/Xenova/all-MiniLM-L6-v2 (q8 onnx)',
    size(path.join(models, 'Xenova/all-MiniLM-L6-v2/onnx/model_quantized.onnx')),
  ],
];
console.log('\n## Widget size\n');
console.log(
  table(
    ['file', 'raw', 'gzip -9', 'brotli (11; 6 over 1 MB)'],
    sizes.map(([name, s]) => [name, human(s.raw), human(s.gzip), human(s.brotli)]),
  ),
);

// A static site like a customer's: the demo page, assets copied by support-bot-assets, and a
// compiled index built by the core CLI.
const site = await buildStoreSite('support-bot-bench-');
writeDemoPages(site, [
  ['json-wasm.html', 'acme-store.json', 'device="wasm"'],
  ['index-wasm.html', 'acme-store.index', 'device="wasm"'],
  ['json-webgpu.html', 'acme-store.json', 'device="webgpu"'],
  ['index-webgpu.html', 'acme-store.index', 'device="webgpu"'],
]);
progress('site ready (assets copied, index built)');
const { startServer } = await import(path.join(repo, 'examples/script-tag/serve.mjs'));
const server = await startServer(0, site);
const origin = `http://127.0.0.1:${server.address().port}/`;

const launch = (webgpu) => launchChromium({ webgpu });

/** Timestamps from navigation start, taken in the page on every animation frame. */
function instrument() {
  const t = {};
  window.__t = t;
  document.addEventListener('sb-ready', (e) => {
    t.ready ??= performance.now();
    t.device = e.device;
  });
  const poll = () => {
    const root = document.querySelector('support-bot')?.shadowRoot;
    const launcher = root?.querySelector('.launcher');
    if (!t.launcher && launcher && launcher.getBoundingClientRect().width > 0)
      t.launcher = performance.now();
    if (!t.answer && root?.querySelector('li.bot[data-kind]')) {
      t.answer = performance.now();
      return;
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

async function visit(context, file) {
  const tab = await context.newPage();
  await tab.addInitScript(instrument);
  await tab.goto(origin + file);
  const launcher = tab.locator('support-bot .launcher');
  await launcher.waitFor();
  await launcher.click();
  await tab.locator('support-bot textarea').fill(QUESTION);
  await tab.locator('support-bot textarea').press('Enter');
  await tab.waitForFunction(() => window.__t.answer !== undefined, undefined, { timeout: 300_000 });
  const t = await tab.evaluate(() => window.__t);
  const fcp = await tab.evaluate(
    () => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
  );
  await tab.close();
  return { ...t, fcp };
}

// 2. Load timings -----------------------------------------------------------------------------
const scenarios = [
  ['bot.json', 'wasm', 'json-wasm.html', false],
  ['compiled index', 'wasm', 'index-wasm.html', false],
  ...(args['no-webgpu']
    ? []
    : [['compiled index', 'webgpu (SwiftShader)', 'index-webgpu.html', true]]),
];
const loadRows = [];
const raw = { sizes: Object.fromEntries(sizes), load: [], engine: [] };
for (const [config, device, file, webgpu] of scenarios) {
  const cold = [];
  const cached = [];
  for (let run = 0; run < RUNS; run++) {
    const browser = await launch(webgpu);
    try {
      progress(`${config} on ${device}: browser up`);
      cold.push(await visit(browser.context, file));
      progress(`${config} on ${device}: cold visit done`);
      cached.push(await visit(browser.context, file));
    } finally {
      await browser.close();
    }
  }
  for (const [visitKind, runs] of [
    ['cold', cold],
    ['cached', cached],
  ]) {
    raw.load.push({ config, device, visit: visitKind, runs });
    loadRows.push([
      config,
      device,
      visitKind,
      ms(median(runs.map((r) => r.fcp))),
      ms(median(runs.map((r) => r.launcher))),
      ms(median(runs.map((r) => r.ready))),
      ms(median(runs.map((r) => r.answer))),
    ]);
  }
  progress(`measured ${config} on ${device}`);
}
console.log(
  `\n## Page load to launcher and first answer (median of ${RUNS} runs; times from navigation start)\n`,
);
console.log(
  table(
    ['bot', 'device', 'visit', 'first paint', 'launcher visible', 'engine ready', 'first answer'],
    loadRows,
  ),
);

// 3. Engine per message, per onnxruntime-web build ----------------------------------------------
const questions = readFileSync(path.join(repo, 'examples/bots/acme-store.eval.csv'), 'utf8')
  .split('\n')
  .slice(1)
  .map((l) => l.replace(/,[^,]*$/, '').replace(/^"|"$/g, ''))
  .filter(Boolean)
  .slice(0, MESSAGES);
const builds = [
  [
    'plain WASM build (ort.wasm.min.mjs) — shipped for wasm',
    'engine-wasm.worker.js',
    'wasm',
    false,
  ],
  [
    'WebGPU build on WASM (ort.webgpu.min.mjs, transformers.js default)',
    'engine-webgpu.worker.js',
    'wasm',
    false,
  ],
  ...(args['no-webgpu']
    ? []
    : [['WebGPU build on WebGPU (SwiftShader)', 'engine-webgpu.worker.js', 'webgpu', true]]),
];
const engineRows = [];
for (const [name, worker, device, webgpu] of builds) {
  const browser = await launch(webgpu);
  try {
    const tab = await browser.context.newPage();
    await tab.goto(`${origin}public/bots/acme-store.json`);
    const result = await tab.evaluate(
      async ({ worker, device, questions, origin }) => {
        const w = new Worker(`${origin}public/${worker}`, { type: 'module' });
        const next = (type) =>
          new Promise((resolve, reject) => {
            const on = (e) => {
              if (e.data.type === type || e.data.type === 'error') {
                w.removeEventListener('message', on);
                e.data.type === 'error' ? reject(new Error(e.data.message)) : resolve(e.data);
              }
            };
            w.addEventListener('message', on);
          });
        const config = await (await fetch(`${origin}public/bots/acme-store.index`)).arrayBuffer();
        const started = performance.now();
        w.postMessage({
          type: 'init',
          config,
          source: 'bench',
          modelBaseUrl: `${origin}public/models/`,
          wasmPaths: `${origin}public/ort/`,
          device,
          onModelError: 'throw',
        });
        const ready = await next('ready');
        const loadMs = performance.now() - started;
        const embed = [];
        const total = [];
        const roundTrip = [];
        for (let i = 0; i < questions.length; i++) {
          const t0 = performance.now();
          w.postMessage({ type: 'reply', id: i, text: questions[i] });
          const { reply } = await next('reply');
          roundTrip.push(performance.now() - t0);
          embed.push(reply.timings.embed + reply.timings.tokenize);
          total.push(reply.timings.total);
        }
        w.terminate();
        return { device: ready.info.device, loadMs, embed, total, roundTrip };
      },
      { worker, device, questions, origin },
    );
    // The first messages warm the session up; steady state is what a conversation feels.
    const steady = (xs) => xs.slice(3);
    raw.engine.push({ name, ...result });
    progress(`measured ${name}`);
    engineRows.push([
      name,
      result.device,
      ms(result.loadMs),
      ms(result.total[0]),
      ms(median(steady(result.embed))),
      ms(median(steady(result.total))),
      ms(pct(steady(result.total), 0.95)),
      ms(median(steady(result.roundTrip))),
    ]);
  } finally {
    await browser.close();
  }
}
console.log(
  `\n## Engine worker per message, by onnxruntime-web build (${questions.length} eval questions, first 3 excluded from p50/p95)\n`,
);
console.log(
  table(
    [
      'build',
      'device',
      'model load',
      'first msg',
      'embed p50',
      'reply p50',
      'reply p95',
      'page round trip p50',
    ],
    engineRows,
  ),
);

await new Promise((resolve) => server.close(resolve));
rmSync(site, { recursive: true, force: true });
if (args.json) writeFileSync(args.json, JSON.stringify(raw, null, 2));
console.log(
  `\nChromium ${CHROMIUM}, ${process.platform} ${process.arch}, ${new Date().toISOString().slice(0, 10)}. WebGPU rows run on SwiftShader (CPU).`,
);
