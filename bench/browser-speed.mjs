#!/usr/bin/env node
/**
 * Browser speed benchmark (issue #7): where a visitor's message spends its time in headless
 * Chromium, against the floor of the bare model on the same tokens.
 *
 *   1. Per message, p50/p95 by stage (tokenize, embed, classify, retrieve) from `reply.timings`,
 *      and in the same worker, on the same onnxruntime-web module, a bare `InferenceSession.run`
 *      on the exact tokens the product's tokenizer produced, interleaved run for run. On
 *      single-threaded WASM (onnxruntime-web's plain build, as shipped) and on WebGPU
 *      (`--enable-unsafe-webgpu`; here SwiftShader, a CPU emulation: says nothing about a GPU).
 *   2. Engine load, cold (fresh profile) and cached (second visit in the same profile).
 *   3. Memory: ORT's WebAssembly memory, the worker's JS heap (CDP Runtime.getHeapUsage), the
 *      renderer's (and GPU process') anonymous resident memory from /proc.
 *   4. A 10,000-example bot (BANKING77 train, 77 intents) compiled by the real CLI: index size,
 *      and the time for `createSupportBot(index)` to become ready in Chromium and in Node.
 *
 * The bench worker (bench/browser/speed.worker.mjs) is bundled with the widget's own rollup
 * plugins, so it runs the same core, transformers.js and onnxruntime-web build as
 * dist/engine-wasm.worker.js / engine-webgpu.worker.js (widget-bench.mjs covers page load and
 * per-build totals; this file does not repeat those tables).
 *
 * Usage: pnpm --filter @support-bot/widget run build && node bench/browser-speed.mjs
 *        [--runs 200] [--load-runs 3] [--budget 300] [--no-webgpu] [--rebuild]
 *        [--max-load 1.5] [--wait-load 1200] [--out bench/results/browser-speed.md] [--json f]
 * Network: 127.0.0.1 only. Every loop is bounded by a count and a time budget.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import os, { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import { botConfigFromLabelledRows } from '@support-bot/core';
import { parse } from 'csv-parse/sync';
import { chromium } from 'playwright-core';
import { buildBenchWorker } from './browser/build-worker.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(repo, 'packages/widget/dist');
const shared = process.env.SUPPORT_BOT_SHARED ?? path.resolve(repo, '../shared');
const models = process.env.SUPPORT_BOT_MODELS ?? path.join(shared, 'models');
const CHROMIUM = process.env.SUPPORT_BOT_CHROMIUM ?? '/usr/bin/chromium';
const MODEL = 'Xenova/all-MiniLM-L6-v2';
const cacheDir = path.join(repo, 'bench/.cache/browser-speed');

const { values: args } = parseArgs({
  options: {
    runs: { type: 'string', default: '200' },
    'load-runs': { type: 'string', default: '3' },
    budget: { type: 'string', default: '300' },
    'no-webgpu': { type: 'boolean', default: false },
    rebuild: { type: 'boolean', default: false },
    'max-load': { type: 'string', default: '1.5' },
    'wait-load': { type: 'string', default: '1200' },
    out: { type: 'string', default: path.join(repo, 'bench/results/browser-speed.md') },
    json: { type: 'string' },
  },
});
const clamp = (value, lo, hi) => Math.max(lo, Math.min(hi, Math.round(Number(value) || lo)));
const RUNS = clamp(args.runs, 20, 2000);
const LOAD_RUNS = clamp(args['load-runs'], 1, 10);
const BUDGET_MS = clamp(args.budget, 10, 1800) * 1000;
const MAX_LOAD = Number(args['max-load']);
const WAIT_LOAD_MS = clamp(args['wait-load'], 0, 3600) * 1000;
const WARM_UP = 10;
const STEP_TIMEOUT_MS = 600_000;
const DEVICES = args['no-webgpu'] ? ['wasm'] : ['wasm', 'webgpu'];
const DEVICE_NAME = { wasm: 'WASM, 1 thread', webgpu: 'WebGPU (SwiftShader)' };

const benchStart = performance.now();
const progress = (what) =>
  process.stderr.write(`  [${((performance.now() - benchStart) / 1000).toFixed(0)} s] ${what}\n`);
function fail(message) {
  console.error(`[support-bot bench] Failed: ${message}`);
  process.exit(1);
}
// A hard stop in case something in the browser hangs despite the per-step timeouts.
setTimeout(() => fail('the benchmark ran for over 90 minutes.'), 90 * 60_000).unref();

if (!existsSync(path.join(dist, 'engine-wasm.worker.js')))
  fail('the widget is not built. Please run `pnpm --filter @support-bot/widget run build`.');
if (!existsSync(path.join(models, MODEL, 'onnx/model_quantized.onnx')))
  fail(`no models in ${models}. Please set SUPPORT_BOT_MODELS.`);
if (!existsSync(CHROMIUM))
  fail(`Chromium is missing at ${CHROMIUM} (apt-get install -y chromium).`);
const banking = path.join(shared, 'datasets/banking77');
if (!existsSync(path.join(banking, 'train.csv')))
  fail(`BANKING77 is missing at ${banking}. Please set SUPPORT_BOT_SHARED.`);

// Helpers ----------------------------------------------------------------------------------------
/** Linear-interpolated quantile, as bench/src/table.ts. */
function quantile(values, q) {
  const s = values.filter(Number.isFinite).sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const p = (s.length - 1) * q;
  const lo = Math.floor(p);
  return s[lo] + (s[Math.ceil(p)] - s[lo]) * (p - lo);
}
const median = (xs) => quantile(xs, 0.5);
const f = (n, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
const p50p95 = (xs) => `${f(quantile(xs, 0.5), 2)} / ${f(quantile(xs, 0.95), 2)}`;
const ms = (n) => (Number.isFinite(n) ? `${Math.round(n)} ms` : 'n/a');
const mib = (bytes) => (Number.isFinite(bytes) ? `${(bytes / 2 ** 20).toFixed(1)} MiB` : 'n/a');
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
/** Median of a few runs with their range, e.g. "1234 ms (1200–1300)". */
const spread = (xs) => {
  const ok = xs.filter(Number.isFinite);
  if (ok.length === 0) return 'n/a';
  if (ok.length === 1) return ms(ok[0]);
  return `${ms(median(ok))} (${Math.round(Math.min(...ok))}–${Math.round(Math.max(...ok))})`;
};
const load1 = () => os.loadavg()[0];
const loadText = () =>
  os
    .loadavg()
    .map((n) => n.toFixed(2))
    .join(', ');
const markdown = [];
function table(title, headers, rows, note) {
  const text = [
    `\n### ${title}\n`,
    `| ${headers.join(' | ')} |`,
    `| ${headers.map(() => '---').join(' | ')} |`,
    ...rows.map((r) => `| ${r.join(' | ')} |`),
    ...(note ? ['', note] : []),
  ].join('\n');
  markdown.push(text);
  process.stdout.write(`${text}\n`);
}
const sleep = (msec) => new Promise((resolve) => setTimeout(resolve, msec));

/**
 * Waits for the 1-minute load average to drop to MAX_LOAD (other people's runs share the
 * machine); all waits together take at most WAIT_LOAD_MS. Returns the load it went on with.
 */
let waitLeftMs = WAIT_LOAD_MS;
async function waitForQuiet(what) {
  let announced = false;
  while (load1() > MAX_LOAD && waitLeftMs > 0) {
    if (!announced) progress(`${what}: load ${load1().toFixed(2)} > ${MAX_LOAD}, waiting`);
    announced = true;
    await sleep(10_000);
    waitLeftMs -= 10_000;
  }
  return load1();
}

function csvRows(file) {
  return parse(readFileSync(file), { columns: true, bom: true, skip_empty_lines: true });
}

// Descendant processes of this one (Chromium's browser, renderers, GPU process), from /proc.
function processes() {
  const children = new Map();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
      if (!children.has(ppid)) children.set(ppid, []);
      children.get(ppid).push(Number(name));
    } catch {
      // The process exited while listing.
    }
  }
  const out = [];
  const queue = [process.pid];
  while (queue.length > 0 && out.length < 500) {
    for (const pid of children.get(queue.shift()) ?? []) {
      queue.push(pid);
      try {
        const cmd = readFileSync(`/proc/${pid}/cmdline`, 'utf8');
        const status = readFileSync(`/proc/${pid}/status`, 'utf8');
        const anon = Number(/RssAnon:\s+(\d+) kB/.exec(status)?.[1] ?? Number.NaN) * 1024;
        const type = /--type=([\w-]+)/.exec(cmd)?.[1] ?? 'browser';
        out.push({ pid, type, anon });
      } catch {
        // Gone.
      }
    }
  }
  return out;
}
const anonOf = (snapshot, pid) => snapshot.find((p) => p.pid === pid)?.anon ?? Number.NaN;
const gpuAnon = (snapshot) =>
  snapshot.filter((p) => p.type === 'gpu-process').reduce((n, p) => n + p.anon, 0);

// Machine ----------------------------------------------------------------------------------------
const chromiumVersion =
  /Chromium [\d.]+/.exec(
    spawnSync(CHROMIUM, ['--version'], { encoding: 'utf8', timeout: 30_000 }).stdout ?? '',
  )?.[0] ?? 'Chromium (version unknown)';
const cpus = os.cpus();
const machine = `${cpus.length} x ${cpus[0]?.model ?? 'unknown CPU'}`;
const commit = (() => {
  try {
    return execFileSync('git', ['rev-parse', '--short', 'HEAD'], { cwd: repo, encoding: 'utf8' })
      .trim()
      .concat(
        execFileSync('git', ['status', '--porcelain', '--', 'packages'], {
          cwd: repo,
          encoding: 'utf8',
        }).trim()
          ? ' (packages/ has uncommitted changes)'
          : '',
      );
  } catch {
    return 'unknown';
  }
})();
const startLoad = loadText();
progress(`load average at start: ${startLoad}`);

// The 10,000-example bot, compiled by the real CLI (cached: the build takes minutes) ------------
mkdirSync(cacheDir, { recursive: true });
const trainRows = csvRows(path.join(banking, 'train.csv')).map((r) => ({
  text: r.text,
  label: r.category,
}));
const bigBot = botConfigFromLabelledRows(trainRows);
const bigJson = `${JSON.stringify({ ...bigBot.config, name: 'BANKING77 train' }, null, 1)}\n`;
const bigJsonFile = path.join(cacheDir, 'banking77-train.json');
const bigIndexFile = path.join(cacheDir, 'banking77-train.index');
const bigMetaFile = path.join(cacheDir, 'banking77-train.build.json');
const coreFiles = (dir) =>
  readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.js'))
    .map((e) => path.join(e.parentPath ?? e.path, e.name))
    .sort();
const buildKey = createHash('sha256')
  .update(bigJson)
  .update(readFileSync(path.join(models, MODEL, 'onnx/model_quantized.onnx')))
  .update(
    coreFiles(path.join(repo, 'packages/core/dist'))
      .map((file) => readFileSync(file))
      .join('\0'),
  )
  .digest('hex');
let bigBuild = existsSync(bigMetaFile) ? JSON.parse(readFileSync(bigMetaFile, 'utf8')) : undefined;
if (args.rebuild || bigBuild?.key !== buildKey || !existsSync(bigIndexFile)) {
  writeFileSync(bigJsonFile, bigJson);
  const buildLoad = loadText();
  progress(
    `building the ${bigBot.examples}-example index with the CLI (takes minutes; load ${buildLoad})`,
  );
  const t0 = performance.now();
  execFileSync(
    process.execPath,
    [
      path.join(repo, 'packages/core/bin/support-bot.js'),
      'build',
      bigJsonFile,
      '-o',
      bigIndexFile,
      '--models',
      models,
    ],
    { stdio: ['ignore', 'ignore', 'inherit'], timeout: 30 * 60_000 },
  );
  bigBuild = {
    key: buildKey,
    ms: performance.now() - t0,
    at: new Date().toISOString(),
    load: buildLoad,
  };
  writeFileSync(bigMetaFile, JSON.stringify(bigBuild));
}
const bigIndexBytes = readFileSync(bigIndexFile);

// The site: widget assets (models, onnxruntime-web), bots, the bench page and workers ----------
const site = mkdtempSync(path.join(tmpdir(), 'support-bot-browser-speed-'));
process.on('exit', () => rmSync(site, { recursive: true, force: true }));
const { copyAssets } = await import(path.join(repo, 'packages/widget/scripts/copy-assets.mjs'));
await copyAssets({
  out: path.join(site, 'public'),
  models: [MODEL],
  modelsDir: models,
  bots: [path.join(repo, 'examples/bots/acme-store.json')],
  // Served as they are here (the demo server does not send pre-compressed copies).
  precompress: false,
  log: () => undefined,
});
execFileSync(
  process.execPath,
  [
    path.join(repo, 'packages/core/bin/support-bot.js'),
    'build',
    path.join(repo, 'examples/bots/acme-store.json'),
    '-o',
    path.join(site, 'public/bots/acme-store.index'),
    '--models',
    models,
  ],
  { stdio: 'ignore', timeout: 10 * 60_000 },
);
copyFileSync(bigIndexFile, path.join(site, 'public/bots/banking77-train.index'));
const bundled = {};
for (const device of ['wasm', 'webgpu']) {
  bundled[device] = await buildBenchWorker(
    `engine-${device}.worker.js`,
    path.join(site, `public/bench-${device}.worker.js`),
  );
}
writeFileSync(
  path.join(site, 'bench.html'),
  '<!doctype html><meta charset="utf-8"><link rel="icon" href="data:,"><title>browser-speed</title>\n',
);
progress('site ready (assets copied, acme-store index built, bench workers bundled)');
const { startServer } = await import(path.join(repo, 'examples/script-tag/serve.mjs'));
const server = await startServer(0, site);
const origin = `http://127.0.0.1:${server.address().port}/`;

const BOTS = {
  'acme-store': {
    title: 'acme-store (26 intents, 33 FAQ)',
    index: 'acme-store.index',
    messages: csvRows(path.join(repo, 'examples/bots/acme-store.eval.csv')).map((r) => r.text),
  },
  'banking77-train': {
    title: `BANKING77 train (${bigBot.examples.toLocaleString('en')} examples, 77 intents)`,
    index: 'banking77-train.index',
    // Every 15th test message: all intents, none of them in the index.
    messages: csvRows(path.join(banking, 'test.csv'))
      .filter((_, i) => i % 15 === 0)
      .map((r) => r.text),
  },
};

async function launch(device) {
  const profile = mkdtempSync(path.join(tmpdir(), 'support-bot-browser-speed-profile-'));
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
      ...(device === 'webgpu' ? ['--enable-unsafe-webgpu'] : []),
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

/** In-page driver of the bench worker (runs in the page). */
function installDriver() {
  window.__bench = {
    worker: undefined,
    next(type, timeoutMs) {
      const w = this.worker;
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => {
          w.removeEventListener('message', on);
          reject(new Error(`no "${type}" from the bench worker within ${timeoutMs} ms`));
        }, timeoutMs);
        const on = (e) => {
          if (e.data.type !== type && e.data.type !== 'error') return;
          clearTimeout(timer);
          w.removeEventListener('message', on);
          e.data.type === 'error' ? reject(new Error(e.data.message)) : resolve(e.data);
        };
        w.addEventListener('message', on);
        w.addEventListener('error', (e) => reject(new Error(`worker error: ${e.message}`)));
      });
    },
    async load({ workerUrl, indexUrl, modelBaseUrl, wasmPaths, device, timeoutMs }) {
      const t0 = performance.now();
      this.worker = new Worker(workerUrl, { type: 'module' });
      await this.next('started', timeoutMs);
      const t1 = performance.now();
      const config = await (await fetch(indexUrl)).arrayBuffer();
      const t2 = performance.now();
      this.worker.postMessage({ type: 'load', config, modelBaseUrl, wasmPaths, device }, [config]);
      const loaded = await this.next('loaded', timeoutMs);
      return {
        ...loaded,
        workerStartMs: t1 - t0,
        indexFetchMs: t2 - t1,
        pageMs: performance.now() - t0,
      };
    },
    async call(message, type, timeoutMs) {
      this.worker.postMessage(message);
      return this.next(type, timeoutMs);
    },
  };
}

/** Distinct console warnings and errors of the bench pages and workers (reported, not judged). */
const consoleMessages = new Map();
async function openPage(context, reuse) {
  const page = reuse ? context.pages()[0] : await context.newPage();
  page.on('console', (m) => {
    if (m.type() !== 'warning' && m.type() !== 'error') return;
    const text = `${m.type()}: ${m.text().replace(/\s+/g, ' ').slice(0, 300)}`;
    if (consoleMessages.size < 20 || consoleMessages.has(text))
      consoleMessages.set(text, (consoleMessages.get(text) ?? 0) + 1);
  });
  await page.addInitScript(installDriver);
  await page.goto(`${origin}bench.html`);
  return page;
}

const loadMessage = (device, bot) => ({
  workerUrl: `${origin}public/bench-${device}.worker.js`,
  indexUrl: `${origin}public/bots/${BOTS[bot].index}`,
  modelBaseUrl: `${origin}public/models/`,
  wasmPaths: `${origin}public/ort/`,
  device,
  timeoutMs: STEP_TIMEOUT_MS,
});

/** CDP access to the page's dedicated worker (non-flat session: playwright owns the flat one). */
async function workerDevtools(page) {
  const cdp = await page.context().newCDPSession(page);
  let sessionId;
  let nextId = 1;
  const waiting = new Map();
  cdp.on('Target.attachedToTarget', (e) => {
    if (e.targetInfo.type === 'worker') sessionId = e.sessionId;
  });
  cdp.on('Target.receivedMessageFromTarget', (e) => {
    const message = JSON.parse(e.message);
    waiting.get(message.id)?.(message);
    waiting.delete(message.id);
  });
  await cdp.send('Target.setAutoAttach', {
    autoAttach: true,
    waitForDebuggerOnStart: false,
    flatten: false,
  });
  return {
    async send(method, params = {}) {
      if (!sessionId) throw new Error('no worker attached');
      const id = nextId++;
      const reply = new Promise((resolve, reject) => {
        waiting.set(id, resolve);
        setTimeout(() => reject(new Error(`${method}: no answer in 30 s`)), 30_000).unref();
      });
      await cdp.send('Target.sendMessageToTarget', {
        sessionId,
        message: JSON.stringify({ id, method, params }),
      });
      const message = await reply;
      if (message.error) throw new Error(`${method}: ${message.error.message}`);
      return message.result;
    },
  };
}

/** Worker heap after a full GC, WASM memory, renderer/GPU anonymous memory. */
async function memorySnapshot(page, devtools) {
  let heap;
  try {
    await devtools.send('HeapProfiler.collectGarbage');
    heap = await devtools.send('Runtime.getHeapUsage');
  } catch (error) {
    heap = { error: error.message };
  }
  const worker = await page.evaluate(
    (t) => window.__bench.call({ type: 'memory' }, 'memory', t),
    STEP_TIMEOUT_MS,
  );
  return { heap, worker, procs: processes() };
}

const raw = {
  machine,
  chromiumVersion,
  startLoad,
  bundled,
  bigBuild,
  load: [],
  speed: [],
  node: [],
};

// 1. Engine load, cold and cached -----------------------------------------------------------------
const loadRows = [];
const bigRows = [];
for (const device of DEVICES) {
  for (const bot of Object.keys(BOTS)) {
    const cold = [];
    const cached = [];
    for (let run = 0; run < LOAD_RUNS; run++) {
      await waitForQuiet(`load ${bot} ${device}`);
      const browser = await launch(device);
      try {
        for (const [visit, list] of [
          [0, cold],
          [1, cached],
        ]) {
          const page = await openPage(browser.context, visit === 0);
          const result = await page.evaluate(
            (m) => window.__bench.load(m),
            loadMessage(device, bot),
          );
          list.push({ ...result, load1: load1() });
          await page.close();
        }
      } finally {
        await browser.close();
      }
      progress(`load ${bot} on ${device}: run ${run + 1}/${LOAD_RUNS}`);
    }
    raw.load.push({ device, bot, cold, cached });
    if (cold[0].info.device !== device)
      fail(`asked for ${device}, the bot runs on ${cold[0].info.device}.`);
    for (const [visit, runs] of [
      ['cold', cold],
      ['cached', cached],
    ]) {
      const row = [
        BOTS[bot].title,
        DEVICE_NAME[device],
        visit,
        spread(runs.map((r) => r.workerStartMs)),
        spread(runs.map((r) => r.indexFetchMs)),
        spread(runs.map((r) => r.modelMs)),
        spread(runs.map((r) => r.indexMs)),
        spread(runs.map((r) => r.readyMs)),
        spread(runs.map((r) => r.firstReplyMs)),
        spread(runs.map((r) => r.pageMs)),
      ];
      loadRows.push(row);
      if (bot === 'banking77-train') bigRows.push([DEVICE_NAME[device], visit, row[7], row[6]]);
    }
  }
}

// 2. Per message: stages vs bare session.run; memory ----------------------------------------------
const speedRows = [];
const bareRows = [];
const memoryRows = [];
const orderNotes = [];
for (const device of DEVICES) {
  for (const bot of Object.keys(BOTS)) {
    const quietLoad = await waitForQuiet(`speed ${bot} ${device}`);
    const browser = await launch(device);
    try {
      const page = await openPage(browser.context, true);
      const before = processes();
      const devtools = await workerDevtools(page);
      const loaded = await page.evaluate((m) => window.__bench.load(m), loadMessage(device, bot));
      const ready = await memorySnapshot(page, devtools);
      // The renderer holding the worker: the one that grew most since before the page loaded.
      const renderers = ready.procs.filter((p) => p.type === 'renderer');
      const renderer = renderers.reduce(
        (best, p) =>
          !best ||
          p.anon - (anonOf(before, p.pid) || 0) > best.anon - (anonOf(before, best.pid) || 0)
            ? p
            : best,
        undefined,
      );
      const messages = BOTS[bot].messages;
      // The product alone first (memory after a conversation), then interleaved with the bare session.
      await page.evaluate(
        ([m, t]) => window.__bench.call(m, 'speed', t),
        [
          { type: 'speed', messages, runs: 50, warmUp: 0, budgetMs: 60_000, bare: false },
          STEP_TIMEOUT_MS,
        ],
      );
      const conversed = await memorySnapshot(page, devtools);
      const { result } = await page.evaluate(
        ([m, t]) => window.__bench.call(m, 'speed', t),
        [
          { type: 'speed', messages, runs: RUNS, warmUp: WARM_UP, budgetMs: BUDGET_MS, bare: true },
          STEP_TIMEOUT_MS,
        ],
      );
      const endLoad = load1();
      raw.speed.push({ device, bot, loaded, result, ready, conversed, quietLoad, endLoad });
      const stage = (k) => result.timings.map((t) => t[k]);
      const total = stage('total');
      const other = result.timings.map(
        (t) => t.total - t.tokenize - t.embed - t.classify - t.retrieve,
      );
      const ratio = (xs) => median(xs) / median(result.bareMs);
      const paired = result.timings.map((t, i) => t.total / result.bareMs[i]);
      const n = result.bareMs.length;
      // Order effect check: bare p50 when it ran second (even i) and first (odd i) in its pair.
      orderNotes.push(
        `${DEVICE_NAME[device]}, ${bot}: ${f(median(result.bareMs.filter((_, i) => i % 2 === 0)), 2)} / ${f(median(result.bareMs.filter((_, i) => i % 2 === 1)), 2)} ms`,
      );
      const title = `${BOTS[bot].title}, ${DEVICE_NAME[device]}`;
      const tokens = [...new Set(result.tokens)].sort((a, b) => a - b);
      speedRows.push([
        title,
        `${n}${n < RUNS ? ` of ${RUNS} (time budget)` : ''}`,
        `${median(result.tokens)} (${tokens[0]}–${tokens.at(-1)})`,
        p50p95(stage('tokenize')),
        p50p95(stage('embed')),
        p50p95(stage('classify')),
        p50p95(stage('retrieve')),
        p50p95(other),
        p50p95(total),
      ]);
      bareRows.push([
        title,
        p50p95(result.bareMs),
        p50p95(stage('embed')),
        p50p95(total),
        `${f(median(stage('embed')) - median(result.bareMs), 2)} ms`,
        `${f(100 * (ratio(total) - 1))}%`,
        `${f(100 * (median(paired) - 1))}%`,
        device === 'wasm' ? (ratio(total) <= 1.1 ? 'yes' : 'no') : '—',
        `${f(quietLoad, 2)} → ${f(endLoad, 2)}`,
      ]);
      const heapText = (snap) =>
        snap.heap.error
          ? `n/a (${snap.heap.error})`
          : `${mib(snap.heap.usedSize)} (+${mib(snap.heap.backingStorageSize)} ArrayBuffers)`;
      for (const [when, snap] of [
        ['ready + 1 reply', ready],
        ['after 50 replies', conversed],
      ]) {
        memoryRows.push([
          title,
          when,
          mib(snap.worker.wasmBytes),
          heapText(snap),
          renderer
            ? `${mib(anonOf(snap.procs, renderer.pid))} (was ${mib(anonOf(before, renderer.pid))})`
            : 'n/a',
          device === 'webgpu'
            ? `${mib(gpuAnon(snap.procs))} (was ${mib(gpuAnon(before))})`
            : mib(gpuAnon(snap.procs)),
        ]);
      }
      raw.memoryApi = ready.worker;
      progress(
        `speed ${bot} on ${device}: reply p50 ${f(median(total), 2)} ms, bare p50 ${f(median(result.bareMs), 2)} ms`,
      );
    } finally {
      await browser.close();
    }
  }
}

await new Promise((resolve) => server.close(resolve));
copyFileSync(
  path.join(site, 'public/bots/acme-store.index'),
  path.join(cacheDir, 'acme-store.index'),
);
rmSync(site, { recursive: true, force: true });

// 3. Node: createSupportBot(index) to ready, fresh processes ---------------------------------------
const nodeRows = [];
for (const [bot, indexFile] of [
  ['acme-store', path.join(cacheDir, 'acme-store.index')],
  ['banking77-train', bigIndexFile],
]) {
  const runs = [];
  for (let run = 0; run < LOAD_RUNS; run++) {
    await waitForQuiet(`node ${bot}`);
    const out = execFileSync(
      process.execPath,
      [path.join(repo, 'bench/browser/node-load.mjs'), indexFile, models, '2'],
      { encoding: 'utf8', timeout: 10 * 60_000 },
    );
    runs.push(JSON.parse(out));
  }
  raw.node.push({ bot, runs });
  for (const [k, when] of [
    [0, 'first in a fresh process'],
    [1, 'second in the same process'],
  ]) {
    const rs = runs.map((r) => r[k]);
    nodeRows.push([
      BOTS[bot].title,
      when,
      spread(rs.map((r) => r.modelMs)),
      spread(rs.map((r) => r.indexMs)),
      spread(rs.map((r) => r.readyMs)),
      spread(rs.map((r) => r.firstReplyMs)),
    ]);
    if (bot === 'banking77-train')
      bigRows.push(['Node (onnxruntime-node)', when, nodeRows.at(-1)[4], nodeRows.at(-1)[3]]);
  }
}

// Report -------------------------------------------------------------------------------------------
const size = (bytes) => ({
  raw: bytes.length,
  gzip: gzipSync(bytes, { level: 9 }).length,
  brotli: brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 6 } }).length,
});
const indexSize = size(bigIndexBytes);
const jsonSize = size(Buffer.from(bigJson));
const memoryApi = raw.memoryApi ?? {};
const header = [
  `## Browser speed, ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC`,
  '',
  `${chromiumVersion} headless (playwright-core), ${machine}, Node ${process.version}, commit ${commit}.`,
  `Load average at start (1, 5, 15 min): ${startLoad}; at end: ${loadText()}. Model ${MODEL} q8 from ../shared/models.`,
  `WASM = onnxruntime-web's plain build (ort.wasm.min.mjs), 1 thread, as dist/engine-wasm.worker.js ships it; WebGPU = ort.webgpu.min.mjs on \`--enable-unsafe-webgpu\`, which on this machine is **SwiftShader, a CPU emulation** (its numbers say nothing about a real GPU).`,
  `The bench worker is speed.worker.mjs bundled with the widget's rollup plugins (one copy each of ${bundled.wasm.ort.map((p) => path.basename(p)).join('')} / ${bundled.webgpu.ort.map((p) => path.basename(p)).join('')}, transformers.web.js and core's dist), so \`createSupportBot\` + \`bot.reply()\` are the product's code and the bare session shares their onnxruntime-web instance.`,
].join('\n');
markdown.unshift(header);
process.stdout.write(`${header}\n`);

table(
  `Per message by stage, in the engine worker (ms p50 / p95; ${RUNS} runs after ${WARM_UP} warm-up, cycling the bot's test messages)`,
  [
    'bot, device',
    'runs',
    'tokens p50 (range)',
    'tokenize',
    'embed',
    'classify',
    'retrieve',
    'other (normalize, glue)',
    'reply total',
  ],
  speedRows,
  '`reply.timings` as `bot.reply()` reports them. Timers in a worker that is not cross-origin isolated are coarsened to 0.1 ms, so sub-0.1 ms stages read as 0 or 0.1.',
);
table(
  'End to end vs the bare model on the same tokens (ms p50 / p95)',
  [
    'bot, device',
    'bare session.run',
    'embed stage',
    'reply total',
    'embed p50 − bare p50',
    'reply vs bare (p50s)',
    'reply vs bare (paired median)',
    'within 10% (WASM target)',
    'load 1 min (start → end)',
  ],
  bareRows,
  `Bare: \`ort.InferenceSession.create(model_quantized.onnx bytes, <the options transformers.js passed>)\` (${JSON.stringify(raw.speed[0]?.result.sessionOptions ?? {})} on WASM) in the same worker after the bot is ready, fed the input_ids / attention_mask / token_type_ids of the same tokenizer call the encoder makes, \`session.run\` timed alone; bare and \`bot.reply()\` interleaved message by message, alternating which goes first (bare p50 when it ran after / before the reply: ${orderNotes.join('; ')}).`,
);
const loadSamples = raw.load.flatMap((l) => [...l.cold, ...l.cached]).map((r) => r.load1);
const loadRange = `${f(Math.min(...loadSamples), 2)}–${f(Math.max(...loadSamples), 2)}`;
table(
  `Engine load in the worker (median of ${LOAD_RUNS} fresh profiles, range in brackets)`,
  [
    'bot',
    'device',
    'visit',
    'worker script start',
    'index fetch',
    'model load (tokenizer + session)',
    'index restore',
    'createSupportBot → ready',
    'first reply (warm-up)',
    'new Worker → warmed up',
  ],
  loadRows,
  `1-minute load average during these runs: ${loadRange}. Cold: a fresh profile (nothing in the HTTP cache or Cache API). Cached: a second tab in the same profile (model from transformers.js' Cache API, runtime and worker from the HTTP cache). Served from 127.0.0.1, so transfer time is close to zero; on a real network a cold visit also downloads the model (${mib(statSync(path.join(models, MODEL, 'onnx/model_quantized.onnx')).size)}) and the WASM runtime (${mib(statSync(path.join(dist, 'ort/ort-wasm-simd-threaded.wasm')).size)}; the WebGPU one is ${mib(statSync(path.join(dist, 'ort/ort-wasm-simd-threaded.asyncify.wasm')).size)}) uncompressed.`,
);
table(
  'Memory (in the speed runs above)',
  [
    'bot, device',
    'when',
    'ORT WebAssembly memory',
    'worker JS heap after GC (CDP)',
    'renderer anonymous RSS (before the page)',
    'GPU process anonymous RSS',
  ],
  memoryRows,
  `ORT WebAssembly memory: \`buffer.byteLength\` of the WebAssembly.Memory ORT instantiated (observed by wrapping WebAssembly.instantiate in the bench worker); it never shrinks. Worker heap: CDP Runtime.getHeapUsage on the worker target after HeapProfiler.collectGarbage (ArrayBuffer backing stores, e.g. the index vectors, listed separately). RSS: RssAnon from /proc of the renderer that grew most, and of the GPU process (where SwiftShader keeps WebGPU buffers). \`performance.measureUserAgentSpecificMemory\`: ${memoryApi.measureApi ? 'available' : `not available (the page is not cross-origin isolated: crossOriginIsolated=${memoryApi.crossOriginIsolated}, as on a customer's site)`}; \`performance.memory\` in the worker: ${memoryApi.performanceMemory === null ? 'not exposed' : mib(memoryApi.performanceMemory)}.`,
);
table(
  `Compiled index of a ${bigBot.examples.toLocaleString('en')}-example bot (BANKING77 train.csv as 77 intents)`,
  ['what', 'value'],
  [
    [
      'bot.json (generated by botConfigFromLabelledRows)',
      `${kib(jsonSize.raw)} (gzip ${kib(jsonSize.gzip)})`,
    ],
    [
      'index (`support-bot build`)',
      `${kib(indexSize.raw)}; gzip -9 ${kib(indexSize.gzip)}; brotli 6 ${kib(indexSize.brotli)}`,
    ],
    [
      'CLI build time (Node, onnxruntime-node)',
      `${(bigBuild.ms / 1000).toFixed(0)} s on ${bigBuild.at.slice(0, 16).replace('T', ' ')} UTC, load ${bigBuild.load}${bigBuild.at < new Date(Date.now() - 3600_000).toISOString() ? ' (cached build)' : ''}`,
    ],
  ],
);
table(
  `${bigBot.examples.toLocaleString('en')}-example index: createSupportBot(index) → ready (median of ${LOAD_RUNS}, range)`,
  ['where', 'visit', 'ready (model load included)', 'of which index restore'],
  bigRows,
);
table(
  `Node: createSupportBot(index) → ready, onnxruntime-node default threads (median of ${LOAD_RUNS} processes, range)`,
  ['bot', 'load', 'model load', 'index restore', 'createSupportBot → ready', 'first reply'],
  nodeRows,
);

if (consoleMessages.size > 0) {
  const text = [
    '\n### Browser console warnings and errors (distinct, with counts)\n',
    ...[...consoleMessages].map(([m, n]) => `- ${n} x ${m}`),
  ].join('\n');
  markdown.push(text);
  process.stdout.write(`${text}\n`);
}

mkdirSync(path.dirname(args.out), { recursive: true });
writeFileSync(args.out, `${markdown.join('\n')}\n`);
if (args.json) writeFileSync(args.json, JSON.stringify(raw, null, 1));
progress(`wrote ${path.relative(process.cwd(), args.out)} (load now ${loadText()})`);
