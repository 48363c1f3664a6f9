#!/usr/bin/env node
/**
 * The packages as a web developer gets them from npm, checked end to end (CI runs it from
 * scripts/bootstrap.sh after the build):
 *
 *   1. `pnpm pack` every publishable package (prepack builds it; `--built` skips that when the
 *      workspace was just built), then publint --strict and `attw --profile esm-only` on each tarball
 *   2. npm installs of the tarballs into empty projects outside the workspace (registry only):
 *      widget-only, adapter-only and CLI; the size of each node_modules is measured
 *   3. the CLI: `support-bot --help`, `support-bot validate` and `support-bot build` on the real model
 *   4. `support-bot-assets` through npm's symlinked bin: copies the runtime and a model, says what it
 *      copied, and exits non-zero when there is nothing to copy
 *   5. a TS file importing every public entry (and the React/Vue typings) type-checks with tsc
 *   6. a tiny Vite app that mounts the widget is built, and (consumer-check-browser.mjs) it and the
 *      demo page (examples/script-tag, script tag) answer in real Chromium from the copied assets
 *
 * Usage: node scripts/consumer-check.mjs [--built] [--keep] [--out <summary.json>]
 * Models: $SUPPORT_BOT_MODELS, else ../shared/models beside the repository.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { checkInBrowser } from './consumer-check-browser.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const { values: args } = parseArgs({
  options: {
    built: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
    out: { type: 'string' },
  },
});
const models = path.resolve(process.env.SUPPORT_BOT_MODELS ?? path.join(repo, '../shared/models'));
const MODEL = 'Xenova/all-MiniLM-L6-v2';
if (!existsSync(path.join(models, MODEL, 'onnx/model_quantized.onnx')))
  fail(`the model ${MODEL} is not in ${models}. Please set SUPPORT_BOT_MODELS.`);

const PACKAGES = ['core', 'widget', 'server-adapter', 'cli'];
/** Exact versions a consumer project installs from the registry for the type and Vite checks. */
const TOOLS = {
  typescript: '5.9.3',
  '@types/node': '20.19.43',
  '@types/react': '19.3.0',
  vue: '3.5.45',
  vite: '8.3.8',
};

const work = mkdtempSync(path.join(tmpdir(), 'support-bot-consumer-'));
const summary = { started: new Date().toISOString(), steps: {}, sizes: {}, tarballs: {} };
const started = performance.now();

function fail(message) {
  console.error(`[support-bot] Failed the consumer check: ${message}`);
  process.exit(1);
}

function log(message) {
  console.error(`\n[consumer-check] ${message}`);
}

/** Runs a command; throws with its output when it exits non-zero. */
function run(cmd, argv, options = {}) {
  const result = spawnSync(cmd, argv, {
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
    timeout: 600_000,
    ...options,
    env: { ...process.env, ...options.env },
  });
  if (result.status !== 0 && !options.allowFailure) {
    fail(
      `\`${cmd} ${argv.join(' ')}\` exited ${result.status ?? result.signal}:\n${result.stdout}\n${result.stderr}`,
    );
  }
  return result;
}

function timed(name, fn) {
  const t = performance.now();
  const value = fn();
  summary.steps[name] = Math.round(performance.now() - t);
  return value;
}

/** Bytes on disk under `dir` (like `du -sb`). */
function size(dir) {
  return Number(execFileSync('du', ['-sb', dir], { encoding: 'utf8' }).split('\t')[0]);
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

// npm in the consumer projects: registry only, no audit or funding calls, quiet.
const NPM = ['--no-audit', '--no-fund', '--loglevel=error', '--no-package-lock'];
/** onnxruntime-node's install script downloads CUDA libraries; its CPU binary ships inside. */
const OFFLINE_ORT = { ONNXRUNTIME_NODE_INSTALL: 'skip' };

function project(name) {
  const dir = path.join(work, name);
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'package.json'),
    `${JSON.stringify({ name: `consumer-${name}`, private: true, type: 'module' }, null, 2)}\n`,
  );
  return dir;
}

// 1. Pack and lint.
log(`packing ${PACKAGES.join(', ')} into ${work}/tarballs`);
const tarballs = {};
timed('pack', () => {
  for (const name of PACKAGES) {
    const dir = path.join(repo, 'packages', name);
    const flags = args.built ? ['--config.ignore-scripts=true'] : [];
    run('pnpm', ['pack', ...flags, '--pack-destination', path.join(work, 'tarballs')], {
      cwd: dir,
    });
    const file = readdirSync(path.join(work, 'tarballs')).find(
      (f) => f.startsWith(`support-bot-${name}-`) && !Object.values(tarballs).includes(f),
    );
    if (!file) fail(`pnpm pack wrote no tarball for ${name}.`);
    tarballs[name] = path.join(work, 'tarballs', file);
    summary.tarballs[name] = statSync(tarballs[name]).size;
    console.error(`  ${file} ${mb(summary.tarballs[name])}`);
  }
});

log('publint --strict and attw --profile esm-only on each tarball');
timed('lint', () => {
  for (const name of PACKAGES) {
    const publint = run(path.join(repo, 'node_modules/.bin/publint'), [
      'run',
      tarballs[name],
      '--strict',
    ]);
    console.error(`  publint ${name}: ${publint.stdout.trim().split('\n').pop()}`);
    // attw exits non-zero on any problem for the esm-only profile (run() fails the check then).
    run(path.join(repo, 'node_modules/.bin/attw'), [tarballs[name], '--profile', 'esm-only']);
    console.error(`  attw ${name}: no problems (esm-only)`);
  }
});

// 2. Installs, measured.
log('npm install of the tarballs into empty projects (registry only)');
const widgetApp = project('widget-only');
const adapterApp = project('adapter-only');
const cliApp = project('cli');
timed('install', () => {
  run('npm', ['install', ...NPM, tarballs.widget, tarballs.core], { cwd: widgetApp });
  summary.sizes.widgetOnly = size(path.join(widgetApp, 'node_modules'));
  run('npm', ['install', ...NPM, tarballs['server-adapter'], tarballs.core], { cwd: adapterApp });
  summary.sizes.adapterOnly = size(path.join(adapterApp, 'node_modules'));
  run('npm', ['install', ...NPM, tarballs.cli, tarballs.core], { cwd: cliApp, env: OFFLINE_ORT });
  summary.sizes.cli = size(path.join(cliApp, 'node_modules'));
});
for (const [key, bytes] of Object.entries(summary.sizes)) console.error(`  ${key}: ${mb(bytes)}`);
if (summary.sizes.widgetOnly >= 15e6)
  fail(`a widget-only install is ${mb(summary.sizes.widgetOnly)} (target < 15 MB).`);
if (summary.sizes.adapterOnly >= 10e6)
  fail(`an adapter-only install is ${mb(summary.sizes.adapterOnly)} (target < 10 MB).`);
for (const heavy of ['onnxruntime-node', 'onnxruntime-web', '@huggingface/transformers', 'sharp']) {
  for (const app of [widgetApp, adapterApp])
    if (existsSync(path.join(app, 'node_modules', heavy)))
      fail(`${path.basename(app)} installed ${heavy}, which it never runs.`);
}

// The element's Custom Elements Manifest, as editors and Storybook find it.
{
  const widgetDir = path.join(widgetApp, 'node_modules/@support-bot/widget');
  const pkg = JSON.parse(readFileSync(path.join(widgetDir, 'package.json'), 'utf8'));
  const manifest = JSON.parse(readFileSync(path.join(widgetDir, pkg.customElements), 'utf8'));
  const element = manifest.modules
    .flatMap((m) => (m.declarations ?? []).map((d) => ({ ...d, module: m.path })))
    .find((d) => d.tagName === 'support-bot');
  if (
    !element ||
    !existsSync(path.join(widgetDir, element.module)) ||
    !element.attributes?.some((a) => a.name === 'config-src') ||
    !element.events?.some((e) => e.name === 'sb-reply') ||
    !(element.cssParts?.length > 0)
  )
    fail(
      'custom-elements.json does not describe <support-bot> (module, attributes, events, parts).',
    );
  console.error(
    `  custom-elements.json: <support-bot> in ${element.module}, ${element.attributes.length} attributes, ${element.events.length} events, ${element.cssParts.length} parts`,
  );
}

// 3. The CLI.
log('the CLI through npx (the bin npm linked)');
timed('cli', () => {
  const help = run('npx', ['--no-install', 'support-bot', '--help'], { cwd: cliApp });
  if (!/validate <bot\.json>/.test(help.stdout + help.stderr))
    fail('`support-bot --help` printed no usage.');
  copyFileSync(path.join(repo, 'examples/bots/acme-store.json'), path.join(cliApp, 'bot.json'));
  run('npx', ['--no-install', 'support-bot', 'validate', 'bot.json'], { cwd: cliApp });
  const built = run(
    'npx',
    ['--no-install', 'support-bot', 'build', 'bot.json', '-o', 'bot.index', '--models', models],
    { cwd: cliApp },
  );
  if (!existsSync(path.join(cliApp, 'bot.index')))
    fail(`support-bot build wrote no index:\n${built.stdout}\n${built.stderr}`);
  console.error(
    `  validate ok; build wrote bot.index (${statSync(path.join(cliApp, 'bot.index')).size} bytes)`,
  );
});

// 4. support-bot-assets through the symlinked bin.
log('support-bot-assets under npm (node_modules/.bin symlink)');
timed('assets', () => {
  const empty = run(
    'npx',
    [
      '--no-install',
      'support-bot-assets',
      '--out',
      'public',
      '--models',
      path.join(work, 'no-models'),
    ],
    {
      cwd: widgetApp,
      allowFailure: true,
    },
  );
  if (empty.status === 0) fail('support-bot-assets exited 0 with no model to copy.');
  const copied = run(
    'npx',
    [
      '--no-install',
      'support-bot-assets',
      '--out',
      'public',
      '--models',
      models,
      '--model',
      MODEL,
      '--bot',
      path.join(repo, 'examples/bots/acme-store.json'),
    ],
    { cwd: widgetApp },
  );
  console.error(copied.stdout.trim().replace(/^/gm, '  '));
  for (const file of [
    'support-bot.js',
    'engine-wasm.worker.js',
    'engine-early.worker.js',
    'ort/ort-wasm-simd-threaded.wasm',
    `models/${MODEL}/onnx/model_quantized.onnx`,
    'bots/acme-store.json',
  ])
    if (!existsSync(path.join(widgetApp, 'public', file)))
      fail(`support-bot-assets did not write public/${file}.`);
  if (!/Copied \d+ files/.test(copied.stdout))
    fail('support-bot-assets did not say what it copied.');
});

// 5. Types of every public entry, as a consumer's tsc sees them.
log(`type-checking every public entry with typescript ${TOOLS.typescript}`);
timed('types', () => {
  run(
    'npm',
    [
      'install',
      ...NPM,
      tarballs.widget,
      tarballs['server-adapter'],
      ...Object.entries(TOOLS)
        .filter(([n]) => n !== 'vite')
        .map(([n, v]) => `${n}@${v}`),
    ],
    {
      cwd: cliApp,
      env: OFFLINE_ORT,
    },
  );
  mkdirSync(path.join(cliApp, 'src'), { recursive: true });
  copyFileSync(
    path.join(repo, 'scripts/consumer-check/entries.ts'),
    path.join(cliApp, 'src/entries.ts'),
  );
  copyFileSync(
    path.join(repo, 'scripts/consumer-check/frameworks.tsx'),
    path.join(cliApp, 'src/frameworks.tsx'),
  );
  copyFileSync(
    path.join(repo, 'scripts/consumer-check/tsconfig.json'),
    path.join(cliApp, 'tsconfig.json'),
  );
  run(path.join(cliApp, 'node_modules/.bin/tsc'), ['-p', 'tsconfig.json'], { cwd: cliApp });
  console.error('  tsc: no errors');
});

// 6. A Vite app mounting the widget, then real Chromium.
log('building a Vite app that mounts <support-bot>');
timed('vite', () => {
  run('npm', ['install', ...NPM, '--save-dev', `vite@${TOOLS.vite}`], { cwd: widgetApp });
  for (const file of ['index.html', 'main.js'])
    copyFileSync(path.join(repo, 'scripts/consumer-check', file), path.join(widgetApp, file));
  // The repository's demo page as a site would host it: the page, and public/ from the bin.
  const demo = path.join(work, 'demo');
  mkdirSync(demo);
  for (const file of ['index.html', 'page.css'])
    copyFileSync(path.join(repo, 'examples/script-tag', file), path.join(demo, file));
  symlinkSync(path.join(widgetApp, 'public'), path.join(demo, 'public'));
  run(path.join(widgetApp, 'node_modules/.bin/vite'), ['build', '--logLevel', 'warn'], {
    cwd: widgetApp,
  });
});

log('asking the Vite app and the demo page (script tag) in real Chromium');
summary.browser = await checkInBrowser([
  { name: 'vite-app', root: path.join(widgetApp, 'dist') },
  { name: 'demo-page', root: path.join(work, 'demo') },
]);
summary.steps.total = Math.round(performance.now() - started);
console.error(`  ${JSON.stringify(summary.browser)}`);

console.log(
  `[support-bot] Consumer check passed in ${(summary.steps.total / 1000).toFixed(0)} s: node_modules widget-only ${mb(summary.sizes.widgetOnly)}, adapter-only ${mb(summary.sizes.adapterOnly)}, CLI ${mb(summary.sizes.cli)}; tarballs ${PACKAGES.map((p) => `${p} ${mb(summary.tarballs[p])}`).join(', ')}.`,
);
if (args.out) writeFileSync(args.out, `${JSON.stringify(summary, null, 2)}\n`);
if (!args.keep) rmSync(work, { recursive: true, force: true });
else console.log(`[support-bot] Kept ${work}`);
