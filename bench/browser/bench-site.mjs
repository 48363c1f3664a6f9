/**
 * What the browser benches share: where things are, the start-up checks, a static site laid out
 * as a customer's (`support-bot-assets` output plus a compiled index built by the CLI), and a
 * headless Chromium with a throw-away profile.
 */
import { execFileSync } from 'node:child_process';
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const dist = path.join(repo, 'packages/widget/dist');
export const shared = process.env.SUPPORT_BOT_SHARED ?? path.resolve(repo, '../shared');
export const models = process.env.SUPPORT_BOT_MODELS ?? path.join(shared, 'models');
export const CHROMIUM = process.env.SUPPORT_BOT_CHROMIUM ?? '/usr/bin/chromium';
export const MODEL = 'Xenova/all-MiniLM-L6-v2';
/** The support-bot CLI (packages/cli). */
export const CLI = path.join(repo, 'packages/cli/bin/support-bot.js');

/** Prints why the bench cannot go on and exits 1. */
export function fail(message) {
  console.error(`[support-bot bench] Failed: ${message}`);
  process.exit(1);
}

/** `progress(what)` writes "[N s] what" to stderr, N counted from this call. */
export function progressLogger() {
  const start = performance.now();
  return (what) =>
    process.stderr.write(`  [${((performance.now() - start) / 1000).toFixed(0)} s] ${what}\n`);
}

/** Fails with what to do when the widget is not built, the model or Chromium is missing. */
export function checkPrerequisites() {
  if (!existsSync(path.join(dist, 'engine-wasm.worker.js')))
    fail('the widget is not built. Please run `pnpm --filter @support-bot/widget run build`.');
  if (!existsSync(path.join(models, MODEL, 'onnx/model_quantized.onnx')))
    fail(`no models in ${models}. Please set SUPPORT_BOT_MODELS.`);
  if (!existsSync(CHROMIUM))
    fail(`Chromium is missing at ${CHROMIUM} (apt-get install -y chromium).`);
}

/** Builds `bot` (a bot.json) into a compiled index at `out` with the CLI. */
export function buildIndex(bot, out, { stdio = 'ignore', timeout = 10 * 60_000 } = {}) {
  execFileSync(process.execPath, [CLI, 'build', bot, '-o', out, '--models', models], {
    stdio,
    timeout,
  });
}

/**
 * A temporary site like a customer's: `public/` as `support-bot-assets` writes it for the store
 * bot, plus `public/bots/acme-store.index` built by the CLI. Served as the files are (the demo
 * server sends no pre-compressed copies) unless `precompress`. Returns the site's directory.
 */
export async function buildStoreSite(prefix, { precompress = false } = {}) {
  const site = mkdtempSync(path.join(tmpdir(), prefix));
  const { copyAssets } = await import(path.join(repo, 'packages/widget/scripts/copy-assets.mjs'));
  const bot = path.join(repo, 'examples/bots/acme-store.json');
  await copyAssets({
    out: path.join(site, 'public'),
    models: [MODEL],
    modelsDir: models,
    bots: [bot],
    precompress,
    log: () => undefined,
  });
  buildIndex(bot, path.join(site, 'public/bots/acme-store.index'));
  return site;
}

/**
 * Headless Chromium on a fresh profile (a first visit; later pages of the same context are
 * cached visits). `close()` also deletes the profile.
 */
export async function launchChromium({
  webgpu = false,
  prefix = 'support-bot-bench-profile-',
} = {}) {
  const profile = mkdtempSync(path.join(tmpdir(), prefix));
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
      ...(webgpu ? ['--enable-unsafe-webgpu'] : []),
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

/**
 * Writes the demo page (examples/script-tag) into `site` once per `[file, bot, attributes]`:
 * `bot` is a file in public/bots, `attributes` are added to the `<support-bot>` element.
 */
export function writeDemoPages(site, pages) {
  copyFileSync(path.join(repo, 'examples/script-tag/page.css'), path.join(site, 'page.css'));
  const page = readFileSync(path.join(repo, 'examples/script-tag/index.html'), 'utf8');
  for (const [file, bot, attributes] of pages)
    writeFileSync(
      path.join(site, file),
      page.replace('public/bots/acme-store.json"', `public/bots/${bot}" ${attributes}`),
    );
}
