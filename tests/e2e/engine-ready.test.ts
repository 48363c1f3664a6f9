/**
 * The faster engine start (issue #15, item 3), in real headless Chromium on WASM with the real
 * model: onnxruntime's WASM runtime is fetched and started while the model's weights are still
 * downloading (it used to wait for them), the tokenizer loads meanwhile too, and the worker says
 * `ready` before its warm-up run, not after it (the warm-up then runs while the visitor types).
 * Steps are read from the worker's User Timing measures (`support-bot:<step>`).
 */
import type { Page, Route, Worker } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveCompiledBots } from '../support/compiled-bot.js';
import { type LaunchedBrowser, launch, newPage, widget } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

let server: TestServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  server = await startTestServer();
  await serveCompiledBots(server, { 'acme-store.index': 'examples/bots/acme-store.json' });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Span {
  start: number;
  end: number;
}

/** The engine worker's start-up measures, on the page's clock. */
async function measures(page: Page, worker: Worker): Promise<Record<string, Span>> {
  const pageOrigin = await page.evaluate(() => performance.timeOrigin);
  const { origin, list } = await worker.evaluate(() => ({
    origin: performance.timeOrigin,
    list: performance
      .getEntriesByType('measure')
      .filter((e) => e.name.startsWith('support-bot:'))
      .map((e) => ({ name: e.name, start: e.startTime, end: e.startTime + e.duration })),
  }));
  const shift = origin - pageOrigin;
  return Object.fromEntries(
    list.map((m) => [
      m.name.slice('support-bot:'.length),
      { start: m.start + shift, end: m.end + shift },
    ]),
  );
}

describe('engine start-up', () => {
  it('starts onnxruntime and the tokenizer while the weights download, and is ready before its warm-up run', async () => {
    const held: Route[] = [];
    let released = false;
    const { page, problems } = await newPage(browser.context);
    await page.addInitScript(() => {
      document.addEventListener('sb-ready', () => {
        (window as unknown as { __ready: number }).__ready ??= performance.now();
      });
    });
    await page.route('**/onnx/model_quantized.onnx', (route) => {
      if (released) return route.continue();
      held.push(route);
    });
    const logged = server.log.length;
    await page.goto(`${server.url}page.html?device=wasm&preload=open&bot=acme-store.index`);
    await widget(page).locator('.launcher').click();
    await expect.poll(() => held.length, { timeout: 60_000 }).toBeGreaterThan(0);

    // With the weights held back: the runtime's .wasm is fetched and the tokenizer loaded.
    await expect
      .poll(
        () =>
          server.log.slice(logged).some((r) => r.url.endsWith('/ort/ort-wasm-simd-threaded.wasm')),
        { timeout: 60_000 },
      )
      .toBe(true);
    const worker = page.workers().find((w) => w.url().includes('engine-wasm.worker.js'));
    expect(worker).toBeDefined();
    await expect
      .poll(async () => Object.keys(await measures(page, worker!)), { timeout: 60_000 })
      .toEqual(expect.arrayContaining(['tokenizer', 'runtime']));
    expect(Object.keys(await measures(page, worker!))).not.toContain('model');

    // Release the weights: the engine gets ready, and says so before its warm-up run ends.
    released = true;
    for (const route of held.splice(0)) await route.continue();
    await page.waitForFunction(() => (window as unknown as { __ready?: number }).__ready, null, {
      timeout: 240_000,
    });
    await expect
      .poll(async () => Object.keys(await measures(page, worker!)), { timeout: 60_000 })
      .toContain('warm-up');
    const {
      runtime,
      model,
      'bot-ready': botReady,
      'warm-up': warmUp,
    } = await measures(page, worker!);
    const ready = await page.evaluate(() => (window as unknown as { __ready: number }).__ready);
    expect(runtime!.end).toBeLessThan(model!.end);
    expect(warmUp!.start).toBeGreaterThanOrEqual(botReady!.end);
    expect(ready).toBeLessThan(warmUp!.end);

    // And it answers with the model.
    const w = widget(page);
    await w.locator('textarea').fill('my parcel was due on Friday and still is not here');
    await w.locator('textarea').press('Enter');
    await expect
      .poll(() => w.locator('li.bot[data-kind]:not(.greeting)[aria-busy="false"]').count(), {
        timeout: 60_000,
      })
      .toBe(1);
    expect(await w.locator('li.bot[data-kind]:not(.greeting)').getAttribute('data-kind')).not.toBe(
      'fallback',
    );
    expect(problems.errors).toEqual([]);
  });
});
