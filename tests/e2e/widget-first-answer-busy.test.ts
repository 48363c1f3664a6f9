/**
 * The first answer while the engine worker's thread is busy (issue #15), in real headless
 * Chromium. Chips and sure word matches come from the early-answer worker
 * (`engine-early.worker.js`, the bot file alone), which session creation and embedding never
 * block:
 *
 * - Deterministic: the engine worker script is served with a listener appended that, right after
 *   the worker has parsed the bot and posted `booted`, keeps its thread busy for BUSY_MS in
 *   synchronous code (standing in for onnxruntime's session creation, which is synchronous WASM).
 *   A sure question and a chip are answered within seconds while it is busy (before the change
 *   they waited for the whole busy period); an unsure question waits and is answered once, by
 *   the model.
 * - Real: a plain bot.json in a fresh profile, asked while the worker embeds its 674 texts.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { launch, newPage, widget } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

const BUSY_MS = 20_000;
const DONE = 'li.bot[data-kind]:not(.greeting)[aria-busy="false"]';

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
});
afterAll(async () => {
  await server?.close();
});

async function answers(page: Page): Promise<string[]> {
  return widget(page)
    .locator(DONE)
    .evaluateAll((els) => els.map((e) => (e.textContent ?? '').trim()));
}

/** Sends `text`; resolves with the page's clock at sending. */
async function send(page: Page, text: string): Promise<number> {
  const w = widget(page);
  await w.locator('textarea').fill(text);
  const sent = await page.evaluate(() => performance.now());
  await w.locator('textarea').press('Enter');
  return sent;
}

/**
 * Waits until `n` answers are finished; resolves with the page's clock when the n-th was first
 * seen (polled on every animation frame by the init script).
 */
async function answeredAt(page: Page, n: number, timeout: number): Promise<number> {
  await page.waitForFunction((count) => (window as unknown as Probe).__answers.length >= count, n, {
    timeout,
  });
  return page.evaluate((i) => (window as unknown as Probe).__answers[i - 1]!, n);
}

interface Probe {
  __answers: number[];
  __ready?: number;
  __indexing?: number;
}

/** Page clock of every finished answer, of `sb-ready` and of the first indexing progress. */
function probe(): void {
  const w = window as unknown as Probe;
  w.__answers = [];
  document.addEventListener('sb-ready', () => {
    w.__ready ??= performance.now();
  });
  document.addEventListener('sb-model-progress', (e) => {
    if ((e as Event & { phase: string }).phase === 'index') w.__indexing ??= performance.now();
  });
  const poll = () => {
    const done = document
      .querySelector('support-bot')
      ?.shadowRoot?.querySelectorAll('li.bot[data-kind]:not(.greeting)[aria-busy="false"]');
    while (done && w.__answers.length < done.length) w.__answers.push(performance.now());
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

const readyAt = (page: Page) => page.evaluate(() => (window as unknown as Probe).__ready);

describe('the first answer while the engine worker is busy', () => {
  it('answers a sure question and a chip while the engine worker is blocked, and the rest once', async () => {
    const browser = await launch();
    try {
      const { page, problems } = await newPage(browser.context);
      await page.addInitScript(probe);
      // The engine worker as built, plus a listener that blocks its thread after `booted`.
      await page.route('**/widget/engine-wasm.worker.js', async (route) => {
        const response = await route.fetch();
        const body = `${await response.text()}
;self.addEventListener('message', (e) => {
  if (e.data?.type !== 'init') return;
  const end = performance.now() + ${BUSY_MS};
  while (performance.now() < end);
});`;
        await route.fulfill({ response, body });
      });
      await page.goto(`${server.url}page.html?device=wasm&preload=open&bot=acme-store.json`);
      const w = widget(page);
      const opened = await page.evaluate(() => performance.now());
      await w.locator('.launcher').click();

      const sent = await send(page, 'what does delivery cost');
      const first = (await answeredAt(page, 1, 15_000)) - sent;
      expect(await readyAt(page)).toBeUndefined();
      expect((await answers(page))[0]).toMatch(/shipping|delivery/i);

      const chipSent = await page.evaluate(() => performance.now());
      await w.locator('[part="chip"]', { hasText: 'International shipping' }).click();
      const chip = (await answeredAt(page, 2, 15_000)) - chipSent;
      expect(await readyAt(page)).toBeUndefined();
      const two = await answers(page);
      expect(two[1]).toMatch(/countr|international|ship/i);
      // Both well inside the busy period: the engine worker could not have answered them.
      const elapsed = (await page.evaluate(() => performance.now())) - opened;
      expect(elapsed).toBeLessThan(BUSY_MS);
      console.info(
        `[busy engine worker] sure question answered ${Math.round(first)} ms after sending, chip ${Math.round(chip)} ms`,
      );
      expect(first).toBeLessThan(5_000);
      expect(chip).toBeLessThan(5_000);

      // An unsure question waits for the model and is answered by it, once.
      await send(page, 'my jacket came in the wrong colour, what now');
      await answeredAt(page, 3, 300_000);
      expect(await readyAt(page)).toBeDefined();
      await page.waitForTimeout(500);
      const three = await answers(page);
      expect(three).toHaveLength(3);
      expect(three.slice(0, 2)).toEqual(two);
      expect(problems.errors).toEqual([]);
      expect(problems.csp).toEqual([]);
    } finally {
      await browser.close();
    }
  });

  it('answers a sure question while a plain bot.json is being embedded', async () => {
    const browser = await launch();
    try {
      const { page, problems } = await newPage(browser.context);
      await page.addInitScript(probe);
      await page.goto(`${server.url}page.html?device=wasm&preload=open&bot=acme-store.json`);
      await widget(page).locator('.launcher').click();
      // The first embedding batch is done: the worker's thread is embedding the next ones.
      await page.waitForFunction(
        () => (window as unknown as Probe).__indexing !== undefined,
        null,
        {
          timeout: 300_000,
        },
      );
      const sent = await send(page, 'what does delivery cost');
      const first = (await answeredAt(page, 1, 60_000)) - sent;
      expect((await answers(page))[0]).toMatch(/shipping|delivery/i);
      const ready = await page
        .waitForFunction(() => (window as unknown as Probe).__ready, null, { timeout: 300_000 })
        .then((h) => h.jsonValue() as Promise<number>);
      console.info(
        `[embedding bot.json] sure question answered ${Math.round(first)} ms after sending; engine ready ${Math.round(ready - sent)} ms after sending`,
      );
      // Answered before the engine was ready, and without waiting for it.
      expect(sent + first).toBeLessThan(ready);
      expect(first).toBeLessThan(5_000);
      expect(problems.errors).toEqual([]);
    } finally {
      await browser.close();
    }
  });
});
