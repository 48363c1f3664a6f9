/**
 * The two distributions as a site uses them: the script-tag demo page (examples/script-tag) with
 * assets copied by `support-bot-assets`, and the Vite SPA (examples/spa) built with `vite build`,
 * each served by a plain static server under the strict CSP.
 */
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { SupportBotElement } from '@support-bot/widget';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { modelsDir, repoPath } from '../support/models.js';
import { ask, type LaunchedBrowser, launch, newPage, widget } from './browser.js';
import { assertWidgetBuilt, startStaticServer } from './server.js';

// Real Chromium and real models on a shared machine: generous limits, still bounded.
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

const SLOW = { timeout: 120_000 };
let browser: LaunchedBrowser;
let work: string;

interface CopyAssets {
  copyAssets(options: {
    out: string;
    models: string[];
    modelsDir: string;
    bots?: string[];
    log?: (line: string) => void;
  }): Promise<{ files: number; bytes: number }>;
}

beforeAll(async () => {
  assertWidgetBuilt();
  modelsDir('Xenova/bge-small-zh-v1.5');
  browser = await launch();
  work = mkdtempSync(path.join(tmpdir(), 'support-bot-examples-'));
});
afterAll(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

async function copyAssets(options: Parameters<CopyAssets['copyAssets']>[0]) {
  const script = repoPath('packages/widget/scripts/copy-assets.mjs');
  const { copyAssets: copy } = (await import(script)) as CopyAssets;
  return copy({ ...options, log: () => undefined });
}

describe('script-tag demo (examples/script-tag)', () => {
  it('works from a static server once support-bot-assets has filled public/', async () => {
    const site = path.join(work, 'script-tag');
    const copied = await copyAssets({
      out: path.join(site, 'public'),
      models: ['Xenova/all-MiniLM-L6-v2', 'Xenova/bge-small-zh-v1.5'],
      modelsDir: modelsDir().replace(/\/$/, ''),
      bots: [
        repoPath('examples/bots/acme-store.json'),
        repoPath('examples/bots/acme-store.zh.json'),
      ],
    });
    // support-bot.js, its lazy support-bot-remote.js and support-bot-action-runner.js chunks,
    // two engine workers and their 3 lazy chrono-node chunks each, the early-answer worker; 4 ort
    // files; 5 files per model; 2 bots.
    expect(copied.files).toBe(6 + 6 + 4 + 2 * 5 + 2);
    for (const file of ['index.html', 'zh.html', 'page.css', 'store-hours.js'])
      copyFileSync(repoPath('examples/script-tag', file), path.join(site, file));
    const server = await startStaticServer(site);
    try {
      const { page, problems } = await newPage(browser.context);
      await page.goto(server.url);
      await widget(page).locator('.launcher').waitFor();
      // The page keeps the default policy (preload="intent"): nothing but support-bot.js loads
      // until the visitor shows interest; the pointer over the launcher starts the engine.
      await widget(page).locator('.launcher').hover();
      await expect
        .poll(
          () =>
            page.evaluate(
              () => document.querySelector<SupportBotElement>('support-bot')!.engineDevice,
            ),
          SLOW,
        )
        .toBe('wasm');
      const reply = await ask(page, 'can I swap these boots for a bigger size?');
      expect(reply.kind).toBe('intent');
      expect(problems).toEqual({ errors: [], csp: [] });
      await page.goto(`${server.url}zh.html`);
      const zh = await ask(page, '衣服小了能换吗');
      expect(zh.kind).toBe('intent');
      expect(zh.text).toMatch(/换/);
      expect(problems).toEqual({ errors: [], csp: [] });
      await page.close();
    } finally {
      await server.close();
    }
  });
});

describe('SPA (examples/spa, built with Vite)', () => {
  it('imports the package, takes the bot as a property, and keeps state across route changes', async () => {
    const out = path.join(work, 'spa');
    await promisify(execFile)(
      repoPath('examples/spa/node_modules/.bin/vite'),
      ['build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'],
      { cwd: repoPath('examples/spa'), timeout: 120_000 },
    );
    await copyAssets({
      out,
      models: ['Xenova/all-MiniLM-L6-v2'],
      modelsDir: modelsDir().replace(/\/$/, ''),
    });
    const server = await startStaticServer(out);
    try {
      const { page, problems } = await newPage(browser.context);
      const workers: string[] = [];
      page.on('worker', (w) => workers.push(w.url()));
      await page.goto(`${server.url}#/help`);
      const reply = await ask(page, 'do you price match?');
      expect(reply).toMatchObject({
        kind: 'faq',
        text: expect.stringContaining('refund the difference'),
      });
      await page.goto(`${server.url}#/`);
      expect(await page.locator('support-bot').count()).toBe(0);
      await page.goto(`${server.url}#/help`);
      await widget(page).locator('.launcher').click();
      expect(await widget(page).locator('li.user').count()).toBe(1);
      await ask(page, 'where is my order?');
      expect(await widget(page).locator('li.user').count()).toBe(2);
      // The engine worker, and the early-answer worker that ran while it loaded.
      expect(workers.sort()).toEqual([
        `${server.url}engine-early.worker.js`,
        `${server.url}engine-wasm.worker.js`,
      ]);
      expect(problems).toEqual({ errors: [], csp: [] });
      await page.close();
    } finally {
      await server.close();
    }
  });
});
