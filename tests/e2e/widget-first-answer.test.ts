/**
 * The first answer without waiting (issue #15, item 1), in real headless Chromium: with every
 * request for the model held back (interception), a sure word match and a quick-reply chip are
 * answered at once, while an unsure question shows the "getting ready" progress and waits; when
 * the model's requests are released it is answered by the model, once, without being sent again,
 * and the answers already shown stay as they were.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { type LaunchedBrowser, launch, newPage, widget } from './browser.js';
import {
  engineInfo,
  FINISHED,
  holdModel,
  openWhileHeld,
  send,
  waitAnswers,
} from './first-answer.js';
import { startTestServer, type TestServer } from './server.js';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

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

/** The finished bot answers' texts. */
async function answers(page: Page): Promise<string[]> {
  return widget(page)
    .locator(FINISHED)
    .evaluateAll((els) => els.map((e) => (e as HTMLElement).textContent?.trim()));
}

describe('answer from the first message', () => {
  it('answers a sure word match and a chip at once, and an unsure question once the model is ready', async () => {
    const { page, problems } = await newPage(browser.context);
    const model = await holdModel(page);
    await page.goto(`${server.url}page.html?device=wasm&preload=open&bot=acme-store.json`);
    const w = widget(page);
    await openWhileHeld(page, model.held);

    // A sure word match: answered from the bot file while the model is held back.
    await send(page, 'what does delivery cost');
    const lexicalMs = await waitAnswers(page, 1, 10_000);
    expect(await engineInfo(page)).toBeUndefined();
    const first = await answers(page);
    expect(first[0]).toMatch(/shipping|delivery/i);
    expect(lexicalMs).toBeLessThan(3_000);

    // A chip with a target: answered at once too.
    await w.locator('[part="chip"]', { hasText: 'International shipping' }).click();
    const chipMs = await waitAnswers(page, 2, 10_000);
    expect(await engineInfo(page)).toBeUndefined();
    expect(chipMs).toBeLessThan(3_000);
    const two = await answers(page);
    expect(two[1]).toMatch(/countr|international|ship/i);

    // An unsure question waits, with the "getting ready" progress shown.
    await send(page, 'my jacket came in the wrong colour, what now');
    await page.waitForTimeout(2_000);
    expect(await answers(page)).toEqual(two);
    expect(await w.locator('[part="progress"]').isVisible()).toBe(true);
    expect(await engineInfo(page)).toBeUndefined();

    // Release the model: the waiting question is answered by the model, once.
    const sentBefore = server.log.length;
    await model.release();
    await waitAnswers(page, 3, 240_000);
    await page.waitForTimeout(500);
    const three = await answers(page);
    expect(three).toHaveLength(3);
    expect(three.slice(0, 2)).toEqual(two);
    expect(await engineInfo(page)).toBeDefined();
    // Nothing was sent again: no new bot-file or API request (only model and runtime files).
    const after = server.log.slice(sentBefore).map((r) => r.url);
    expect(after.some((u) => u.startsWith('/models/'))).toBe(true);
    expect(after.filter((u) => !/^\/(models|widget)\//.test(u))).toEqual([]);
    const user = await w
      .locator('li.user')
      .evaluateAll((els) => els.map((e) => (e as HTMLElement).textContent?.trim()));
    expect(user).toHaveLength(3);
    expect(problems.errors).toEqual([]);
  });
});
