/**
 * The React 19 and Vue 3 examples (examples/react, examples/vue) as a developer builds them:
 * type-checked (tsc / vue-tsc against the widget's JSX and Vue typings) and built with Vite, the
 * assets copied by `support-bot-assets`, served by a plain static server under the strict CSP,
 * and asked a question in real Chromium. The framework's own state shows the answer's kind, so
 * the `sb-reply` listener the framework attached is proven to work.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import type { SupportBotElement } from '@support-bot/widget';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { modelsDir, repoPath } from '../support/models.js';
import { ask, type LaunchedBrowser, launch, newPage } from './browser.js';
import { assertWidgetBuilt, startStaticServer } from './server.js';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

const run = promisify(execFile);
let browser: LaunchedBrowser;
let work: string;

beforeAll(async () => {
  assertWidgetBuilt();
  browser = await launch();
  work = mkdtempSync(path.join(tmpdir(), 'support-bot-frameworks-'));
});
afterAll(async () => {
  await browser?.close();
  if (work) rmSync(work, { recursive: true, force: true });
});

/** Type-checks and builds one example into `<work>/<name>` and copies the assets beside it. */
async function buildExample(name: 'react' | 'vue'): Promise<string> {
  const cwd = repoPath('examples', name);
  const out = path.join(work, name);
  const checker = name === 'vue' ? 'vue-tsc' : 'tsc';
  await run(path.join(cwd, 'node_modules/.bin', checker), ['--noEmit', '-p', 'tsconfig.json'], {
    cwd,
    timeout: 240_000,
  });
  await run(
    path.join(cwd, 'node_modules/.bin/vite'),
    ['build', '--outDir', out, '--emptyOutDir', '--logLevel', 'warn'],
    { cwd, timeout: 240_000 },
  );
  // The same bin a developer runs (`pnpm run assets`), through its node_modules/.bin link.
  const models = modelsDir('Xenova/all-MiniLM-L6-v2');
  const { stdout } = await run(
    path.join(cwd, 'node_modules/.bin/support-bot-assets'),
    ['--out', out, '--models', models, '--model', 'Xenova/all-MiniLM-L6-v2'],
    { cwd, timeout: 120_000 },
  );
  // 12 widget files (3 scripts, 3 workers, 6 lazy chrono-node chunks), 4 ort files, 5 model files.
  expect(stdout).toMatch(/Copied 21 files/);
  return out;
}

describe.each(['react', 'vue'] as const)('%s example', (name) => {
  it('mounts <support-bot> with the bot as a property and answers through it', async () => {
    const out = await buildExample(name);
    const server = await startStaticServer(out);
    try {
      const { page, problems } = await newPage(browser.context);
      await page.goto(server.url);
      await expect.poll(() => page.locator('#last-kind').textContent()).toBe('none yet');
      const reply = await ask(page, 'do you price match?');
      expect(reply).toMatchObject({
        kind: 'faq',
        text: expect.stringContaining('refund the difference'),
      });
      // The framework's listener saw the event and re-rendered its own state.
      await expect.poll(() => page.locator('#last-kind').textContent()).toBe('faq');
      // The bot came in as an object property (no config-src attribute was set).
      const fromProperty = await page.evaluate(() => {
        const el = document.querySelector<SupportBotElement>('support-bot')!;
        return !el.hasAttribute('config-src') && typeof el.config === 'object';
      });
      expect(fromProperty).toBe(true);
      // The FAQ question is a sure word match, answered before the model may be ready: wait.
      await expect
        .poll(
          () =>
            page.evaluate(
              () => document.querySelector<SupportBotElement>('support-bot')!.engineDevice,
            ),
          { timeout: 240_000 },
        )
        .toBe('wasm');
      expect(problems).toEqual({ errors: [], csp: [] });
      await page.close();
    } finally {
      await server.close();
    }
  });
});
