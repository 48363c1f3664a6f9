/**
 * `support-bot init` output answers in the widget: the starter clinic bot, served as the site's
 * bot.json, answers an in-scope question and rejects an off-topic one with the real model in
 * real headless Chromium (single-threaded WASM).
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { repoPath } from '../support/models.js';
import { ask, type LaunchedBrowser, launch, newPage } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

let server: TestServer;
let browser: LaunchedBrowser;
let dir: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'sb-init-'));
  await promisify(execFile)(process.execPath, [
    repoPath('packages/cli/bin/support-bot.js'),
    'init',
    dir,
    '--kind',
    'clinic',
  ]);
  server = await startTestServer();
  server.bots.set('init-clinic.json', await readFile(path.join(dir, 'bot.json'), 'utf8'));
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await rm(dir, { recursive: true, force: true });
});

describe('a bot from support-bot init in the widget', () => {
  it('answers its own questions and rejects an off-topic one', async () => {
    const { page } = await newPage(browser.context);
    await page.goto(`${server.url}page.html?device=wasm&bot=init-clinic.json`);
    const emergency = await ask(page, 'my tooth is killing me');
    expect(emergency).toMatchObject({ kind: 'intent', text: expect.stringContaining('emergency') });
    const weather = await ask(page, 'is it going to rain in Paris tomorrow');
    expect(weather.kind).toBe('fallback');
    await page.close();
  });
});
