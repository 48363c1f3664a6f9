/**
 * What a visit costs (issue #15, item 5), in real headless Chromium: with the default loading
 * policy (`intent`) a visit whose visitor never opens the chat downloads the widget's script and
 * nothing else (no bot file, worker, runtime or model), counted in requests and in bytes on the
 * wire (CDP); hovering the launcher starts the engine before any click; `preload="idle"` loads
 * when the page is idle, except on a connection that asks to save data.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LaunchedBrowser, launch, newPage, widget } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 300_000 });

let server: TestServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Opens the test page and records every response's bytes on the wire (CDP), page and workers. */
async function visit(query: string, init?: () => void) {
  const { page, problems } = await newPage(browser.context);
  if (init) await page.addInitScript(init);
  const cdp = await browser.context.newCDPSession(page);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
  const urls = new Map<string, string>();
  const bytes = new Map<string, number>();
  cdp.on('Network.responseReceived', (e) =>
    urls.set(e.requestId, new URL(e.response.url).pathname),
  );
  cdp.on('Network.loadingFinished', (e) => bytes.set(e.requestId, e.encodedDataLength));
  const before = server.log.length;
  await page.goto(`${server.url}page.html?device=wasm&${query}`);
  await widget(page).locator('.launcher').waitFor();
  const requested = () => server.log.slice(before).map((r) => r.url.split('?')[0]!);
  const transferred = () =>
    [...bytes].reduce(
      (sum, [id, n]) => sum + (/^\/(page\.|favicon)/.test(urls.get(id) ?? '') ? 0 : n),
      0,
    );
  return { page, problems, requested, transferred };
}

const ENGINE = /^\/(bots|models)\/|^\/widget\/(engine-|ort\/)/;

async function idleFor(page: Page, ms: number): Promise<void> {
  await page.waitForLoadState('load');
  await page.waitForTimeout(ms);
}

describe('loading policy', () => {
  it('by default, a visit that never opens the chat downloads only the widget script', async () => {
    const { page, problems, requested, transferred } = await visit('');
    // Longer than the idle preload's 5 s timeout.
    await idleFor(page, 7_000);
    const widgetFiles = requested().filter((u) => !/^\/(page\.|favicon)/.test(u));
    expect(widgetFiles).toEqual(['/widget/support-bot.js']);
    expect(requested().filter((u) => ENGINE.test(u))).toEqual([]);
    const total = transferred();
    console.log(`[loading] never-opened visit, default policy: ${total} bytes on the wire`);
    expect(total).toBeGreaterThan(10_000);
    expect(total).toBeLessThanOrEqual(150_000);
    expect(problems.errors).toEqual([]);
    await page.close();
  });

  it('starts the engine when the pointer reaches the launcher, before any click', async () => {
    const { page, requested } = await visit('');
    await idleFor(page, 1_000);
    expect(requested().filter((u) => ENGINE.test(u))).toEqual([]);
    await widget(page).locator('.launcher').hover();
    await expect
      .poll(() => requested().filter((u) => ENGINE.test(u)).length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    expect(await widget(page).getAttribute('open')).toBeNull();
    await page.close();
  });

  it('preload="idle" loads when the page is idle, but not when the visitor saves data', async () => {
    const eager = await visit('preload=idle');
    await expect
      .poll(() => eager.requested().filter((u) => ENGINE.test(u)).length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    await eager.page.close();

    const saving = await visit('preload=idle', () => {
      Object.defineProperty(Navigator.prototype, 'connection', {
        get: () => ({ saveData: true, effectiveType: '4g' }),
      });
    });
    await idleFor(saving.page, 7_000);
    expect(saving.requested().filter((u) => ENGINE.test(u))).toEqual([]);
    // Intent still loads it.
    await widget(saving.page).locator('.launcher').focus();
    await expect
      .poll(() => saving.requested().filter((u) => ENGINE.test(u)).length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    await saving.page.close();
  });
});
