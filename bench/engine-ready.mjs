#!/usr/bin/env node
/**
 * Where engine-ready time goes (issue #15, item 3): from the moment the page starts the engine
 * (the visitor's pointer over the launcher, `preload="intent"`) to `sb-ready`, step by step, on a
 * cold visit (fresh profile) and on cached visits (later tabs of the same profile: runtime and
 * worker from the HTTP cache, model from the Cache API, a plain bot.json's index from IndexedDB).
 * The visitor opens the chat (that starts the engine) and asks at once a question only the model
 * answers, so the table also shows when that answer comes, then asks another once it is idle.
 *
 * The steps come from the User Timing measures the engine records (`support-bot:<step>`, core's
 * and the worker's), read from the worker with playwright, plus the page's own marks (worker
 * created, `sb-ready`) and resource timings (the bot file, onnxruntime's .wasm). Worker times are
 * moved onto the page's clock with both `performance.timeOrigin`s.
 *
 * Real headless Chromium (/usr/bin/chromium), the real model, WASM, the demo's static server
 * (examples/script-tag/serve.mjs: `application/wasm`, cacheable assets), a site laid out by
 * `support-bot-assets`. Each run is one fresh browser: 1 cold visit, then --cached visits.
 *
 * With --baseline <dir> (engine-wasm*.js files of another build, e.g. copied from dist before a
 * change), a second site runs those workers, on its own origin, in a fresh browser alternating
 * with this build's, so both see the same machine load; the tables then show both.
 *
 * Usage: pnpm --filter @support-bot/widget run build && node bench/engine-ready.mjs
 *        [--runs 3] [--cached 3] [--bots json,index] [--baseline <dir>] [--json out.json]
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { chromium } from 'playwright-core';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(repo, 'packages/widget/dist');
const models = process.env.SUPPORT_BOT_MODELS ?? path.resolve(repo, '../shared/models');
const CHROMIUM = process.env.SUPPORT_BOT_CHROMIUM ?? '/usr/bin/chromium';
/** Only the model answers these (no sure word match), so they wait for the model. */
const QUESTION = 'my parcel was due on Friday and still is not here';
const NEXT = 'the zip on my jacket broke after a week';

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '3' },
    cached: { type: 'string', default: '3' },
    bots: { type: 'string', default: 'json,index' },
    baseline: { type: 'string' },
    json: { type: 'string' },
  },
});
const RUNS = Math.max(1, Math.min(10, Number(args.runs)));
const CACHED = Math.max(1, Math.min(10, Number(args.cached)));
const BOTS = args.bots.split(',').filter((b) => b === 'json' || b === 'index');
const benchStart = performance.now();
const progress = (what) =>
  process.stderr.write(`  [${((performance.now() - benchStart) / 1000).toFixed(0)} s] ${what}\n`);

function fail(message) {
  console.error(`[support-bot bench] Failed: ${message}`);
  process.exit(1);
}
if (!existsSync(path.join(dist, 'engine-wasm.worker.js')))
  fail('the widget is not built. Please run `pnpm --filter @support-bot/widget run build`.');
if (!existsSync(path.join(models, 'Xenova/all-MiniLM-L6-v2/onnx/model_quantized.onnx')))
  fail(`no models in ${models}. Please set SUPPORT_BOT_MODELS.`);
if (!existsSync(CHROMIUM))
  fail(`Chromium is missing at ${CHROMIUM} (apt-get install -y chromium).`);

// The site: assets as support-bot-assets writes them, a compiled index from the CLI.
const site = mkdtempSync(path.join(tmpdir(), 'support-bot-ready-'));
const { copyAssets } = await import(path.join(repo, 'packages/widget/scripts/copy-assets.mjs'));
await copyAssets({
  out: path.join(site, 'public'),
  models: ['Xenova/all-MiniLM-L6-v2'],
  modelsDir: models,
  bots: [path.join(repo, 'examples/bots/acme-store.json')],
  // Served as they are here (the demo server does not send pre-compressed copies).
  precompress: false,
  log: () => undefined,
});
execFileSync(
  process.execPath,
  [
    path.join(repo, 'packages/cli/bin/support-bot.js'),
    'build',
    path.join(repo, 'examples/bots/acme-store.json'),
    '-o',
    path.join(site, 'public/bots/acme-store.index'),
    '--models',
    models,
  ],
  { stdio: 'ignore' },
);
copyFileSync(path.join(repo, 'examples/script-tag/page.css'), path.join(site, 'page.css'));
const page = readFileSync(path.join(repo, 'examples/script-tag/index.html'), 'utf8');
for (const bot of ['json', 'index'])
  writeFileSync(
    path.join(site, `${bot}.html`),
    page.replace(
      'public/bots/acme-store.json"',
      `public/bots/acme-store.${bot}" device="wasm" preload="intent"`,
    ),
  );
const { startServer } = await import(path.join(repo, 'examples/script-tag/serve.mjs'));
/** Each build on its own origin (so their caches never mix). */
const builds = [{ name: 'this build', dir: site }];
if (args.baseline) {
  const dir = `${site}-baseline`;
  cpSync(site, dir, { recursive: true });
  const workers = readdirSync(args.baseline).filter((f) => /^engine-wasm.*\.js$/.test(f));
  if (!workers.includes('engine-wasm.worker.js'))
    fail(`${args.baseline} has no engine-wasm.worker.js. Please pass a folder of built workers.`);
  for (const file of workers)
    copyFileSync(path.join(args.baseline, file), path.join(dir, 'public', file));
  builds.push({ name: 'baseline', dir });
}
for (const build of builds) {
  build.server = await startServer(0, build.dir);
  build.origin = `http://127.0.0.1:${build.server.address().port}/`;
}
progress('site ready');

async function launch() {
  const profile = mkdtempSync(path.join(tmpdir(), 'support-bot-ready-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  return {
    context,
    close: async () => {
      await context.close();
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** The page's side: when the worker is created, `sb-ready`, the answers. */
function instrument() {
  const t = { answers: 0 };
  window.__t = t;
  const NativeWorker = window.Worker;
  window.Worker = class extends NativeWorker {
    constructor(url, options) {
      t.worker ??= performance.now();
      super(url, options);
    }
  };
  document.addEventListener('sb-ready', () => {
    t.ready ??= performance.now();
  });
  const poll = () => {
    const root = document.querySelector('support-bot')?.shadowRoot;
    const done = root?.querySelectorAll('li.bot[data-kind]:not(.greeting)[aria-busy="false"]');
    if (done && done.length > t.answers) {
      t.answers = done.length;
      t.answered = performance.now();
    }
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

/** One visit: start the engine the way a visitor does, wait for ready, ask one question. */
async function visit(context, origin, file) {
  const tab = await context.newPage();
  await tab.addInitScript(instrument);
  await tab.goto(origin + file, { waitUntil: 'load' });
  await tab.locator('support-bot .launcher').waitFor();
  // Let the page settle so the engine's start is not mixed with the page's own load.
  await tab.waitForTimeout(300);
  // The visitor opens the chat (which starts the engine) and asks at once: the question waits
  // for the model (no sure word match), so its answer shows what the visitor waits for.
  await tab.evaluate(() => {
    window.__t.start = performance.now();
    document.querySelector('support-bot').shadowRoot.querySelector('.launcher').click();
  });
  const input = tab.locator('support-bot textarea');
  await input.fill(QUESTION);
  await input.press('Enter');
  await tab.waitForFunction(() => window.__t.answers >= 1, undefined, { timeout: 300_000 });
  const waited = await tab.evaluate(() => window.__t.answered);
  // The next question, asked once the engine is idle.
  await tab.waitForTimeout(300);
  await input.fill(NEXT);
  const sent = await tab.evaluate(() => performance.now());
  await input.press('Enter');
  await tab.waitForFunction(() => window.__t.answers >= 2, undefined, { timeout: 120_000 });
  const answered = await tab.evaluate(() => window.__t.answered);
  const worker = tab.workers().find((w) => w.url().includes('engine-wasm.worker.js'));
  if (!worker) throw new Error('no engine worker');
  const inWorker = await worker.evaluate(() => ({
    origin: performance.timeOrigin,
    measures: performance
      .getEntriesByType('measure')
      .filter((e) => e.name.startsWith('support-bot:'))
      .map((e) => ({
        name: e.name.slice('support-bot:'.length),
        start: e.startTime,
        end: e.startTime + e.duration,
      })),
    resources: performance.getEntriesByType('resource').map((e) => ({
      name: e.name,
      start: e.startTime,
      end: e.responseEnd,
      bytes: e.transferSize,
    })),
  }));
  const pageSide = await tab.evaluate(() => ({
    origin: performance.timeOrigin,
    t: window.__t,
    bot: performance
      .getEntriesByType('resource')
      .filter((e) => e.name.includes('/bots/'))
      .map((e) => ({ start: e.startTime, end: e.responseEnd }))
      .at(-1),
  }));
  await tab.close();

  const { t } = pageSide;
  const shift = inWorker.origin - pageSide.origin - t.start;
  const m = Object.fromEntries(
    inWorker.measures.map((e) => [e.name, { start: e.start + shift, end: e.end + shift }]),
  );
  const wasm = inWorker.resources.find((r) => r.name.endsWith('.wasm'));
  const span = (x) => (x ? { at: x.end, took: x.end - x.start } : undefined);
  return {
    'bot file fetched (page)': pageSide.bot && {
      at: pageSide.bot.end - t.start,
      took: pageSide.bot.end - pageSide.bot.start,
    },
    'worker created (page)': { at: t.worker - t.start, took: Number.NaN },
    'worker script loaded, init received': m['worker-boot'] && {
      at: m['worker-boot'].end,
      took: m['worker-boot'].end - (t.worker - t.start),
    },
    'onnxruntime started (its first, tiny session)': span(m.runtime),
    'tokenizer loaded': span(m.tokenizer),
    'model file read (network or Cache API)': span(m['model-file']),
    'onnxruntime .wasm fetched': wasm && {
      at: wasm.end + shift,
      took: wasm.end - wasm.start,
      bytes: wasm.bytes,
    },
    'model session created (from file read)': m.model &&
      m['model-file'] && { at: m.model.end, took: m.model.end - m['model-file'].end },
    'model loaded (tokenizer + model)': m['model-ready'] && {
      at: m['model-ready'].end,
      took: m['model-ready'].end - m['model-ready'].start,
    },
    'knowledge ready (after the model)': m['knowledge-ready'] &&
      m['model-ready'] && {
        at: m['knowledge-ready'].end,
        took: m['knowledge-ready'].end - m['model-ready'].end,
      },
    'bot ready (core)': span(m['bot-ready']),
    'warm-up run': span(m['warm-up']),
    'sb-ready (page)': { at: t.ready - t.start, took: Number.NaN },
    'question asked at engine start: answered': { at: waited - t.start, took: waited - t.ready },
    'next question (asked when idle): answered after send': {
      at: Number.NaN,
      took: answered - sent,
    },
  };
}

const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor((s.length - 1) / 2)] : Number.NaN;
};
const ms = (n) => (Number.isFinite(n) ? `${Math.round(n)}` : '—');
function table(headers, rows) {
  const widths = headers.map((h, i) => Math.max(h.length, ...rows.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [
    line(headers),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...rows.map(line),
  ].join('\n');
}

const raw = {};
for (const bot of BOTS) {
  const visits = Object.fromEntries(builds.map((b) => [b.name, { cold: [], cached: [] }]));
  for (let run = 0; run < RUNS; run++) {
    // Alternate which build goes first, so neither always meets the busier moment.
    const order = run % 2 === 0 ? builds : [...builds].reverse();
    for (const build of order) {
      const { cold, cached } = visits[build.name];
      const browser = await launch();
      try {
        cold.push(await visit(browser.context, build.origin, `${bot}.html`));
        for (let k = 0; k < CACHED; k++)
          cached.push(await visit(browser.context, build.origin, `${bot}.html`));
      } finally {
        await browser.close();
      }
      progress(
        `${bot} ${build.name} run ${run + 1}: ready cold ${ms(cold.at(-1)['sb-ready (page)'].at)} ms, cached ${cached
          .slice(-CACHED)
          .map((v) => ms(v['sb-ready (page)'].at))
          .join('/')} ms`,
      );
    }
  }
  raw[bot] = visits;
  const steps = Object.keys(visits['this build'].cold[0]);
  const col = (list, step, key) => median(list.map((v) => v[step]?.[key]));
  console.log(
    `\n## Engine start -> ready, ${bot === 'json' ? 'plain bot.json' : 'compiled index'}, WASM (median; cold: ${RUNS} visits, cached: ${RUNS * CACHED} per build)\n`,
  );
  const headers = ['step'];
  for (const b of builds)
    headers.push(
      ...['cold: at', 'cold: took', 'cached: at', 'cached: took'].map((h) =>
        builds.length > 1 ? `${b.name}, ${h}` : h,
      ),
    );
  console.log(
    table(
      headers,
      steps.map((step) => [
        step,
        ...builds.flatMap((b) => {
          const { cold, cached } = visits[b.name];
          return [
            ms(col(cold, step, 'at')),
            ms(col(cold, step, 'took')),
            ms(col(cached, step, 'at')),
            ms(col(cached, step, 'took')),
          ];
        }),
      ]),
    ),
  );
  const wasmBytes = median(
    visits['this build'].cached.map((v) => v['onnxruntime .wasm fetched']?.bytes),
  );
  console.log(
    `\n"at": ms after the page started the engine (pointer over the launcher); "took": the step's own time (core's steps: since the model load started). onnxruntime .wasm transfer on cached visits: ${wasmBytes} bytes (0 = HTTP cache).`,
  );
}

console.log(
  `\nChromium ${CHROMIUM}, ${cpus().length} cores ${cpus()[0]?.model ?? ''}, load ${loadavg()[0].toFixed(1)}, ${new Date().toISOString().slice(0, 16)} UTC.`,
);
if (args.json) writeFileSync(args.json, JSON.stringify(raw, null, 2));
for (const build of builds) {
  await new Promise((resolve) => build.server.close(resolve));
  rmSync(build.dir, { recursive: true, force: true });
}
