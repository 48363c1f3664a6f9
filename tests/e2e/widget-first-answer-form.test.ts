/**
 * The first answer without waiting for a bot WITH forms (issues #15 and #13), in real headless
 * Chromium: the English store bot (order status, returns and store hours are forms) with every
 * request for the model held back (interception). The worker tells the page at boot that the bot
 * has forms, so its messages go through the dialogue from the start: a sure word match and a
 * quick-reply chip are answered at once (dialogue steps, `data-step="answer"`), while "where is
 * my order?" (the form intent, which needs the model's slot filling) shows the "getting ready"
 * progress and waits; once the requests are released it is answered once, by asking for the
 * order number, and the answers already shown stay as they were.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveCompiledBots } from '../support/compiled-bot.js';
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
  // A compiled index: once released, the model loads and nothing is embedded in the page.
  await serveCompiledBots(server, { 'acme-store.index': 'examples/bots/acme-store.json' });
  browser = await launch();
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The finished bot answers: text and dialogue step. */
async function answers(page: Page): Promise<{ text: string; step: string | null }[]> {
  return widget(page)
    .locator(FINISHED)
    .evaluateAll((els) =>
      els.map((e) => ({
        text: (e.querySelector('.text')?.textContent ?? '').trim(),
        step: e.getAttribute('data-step'),
      })),
    );
}

describe('answer from the first message, a bot with forms', () => {
  it('answers a sure word match and a chip at once; the form intent waits, then asks for the order number', async () => {
    const { page, problems } = await newPage(browser.context);
    const model = await holdModel(page);
    await page.goto(`${server.url}page.html?device=wasm&preload=open&bot=acme-store.index`);
    const w = widget(page);
    await openWhileHeld(page, model.held);

    // A sure word match, through the dialogue (a step), while the model is held back.
    await send(page, 'what does delivery cost');
    const lexicalMs = await waitAnswers(page, 1, 10_000);
    expect(await engineInfo(page)).toBeUndefined();
    const one = await answers(page);
    expect(one[0]).toMatchObject({
      step: 'answer',
      text: expect.stringMatching(/Standard.*Express/s),
    });
    expect(lexicalMs).toBeLessThan(3_000);

    // A chip with a target: answered at once too.
    await w.locator('[part="chip"]', { hasText: 'International shipping' }).click();
    const chipMs = await waitAnswers(page, 2, 10_000);
    expect(await engineInfo(page)).toBeUndefined();
    expect(chipMs).toBeLessThan(3_000);
    const two = await answers(page);
    expect(two[1]).toMatchObject({ step: 'answer', text: expect.stringMatching(/countr/i) });

    // The form intent waits for the model, with the "getting ready" progress shown.
    await send(page, 'where is my order?');
    await page.waitForTimeout(2_000);
    expect(await answers(page)).toEqual(two);
    expect(await w.locator('[part="progress"]').isVisible()).toBe(true);
    expect(await engineInfo(page)).toBeUndefined();

    // Released: answered once, by the form asking for the order number.
    const sentBefore = server.log.length;
    await model.release();
    await waitAnswers(page, 3, 240_000);
    await page.waitForTimeout(500);
    const three = await answers(page);
    expect(three).toHaveLength(3);
    expect(three.slice(0, 2)).toEqual(two);
    expect(three[2]).toMatchObject({ step: 'ask', text: expect.stringMatching(/order number/) });
    expect(await engineInfo(page)).toBeDefined();
    // Nothing was sent again: no bot-file or API request after the release.
    const after = server.log.slice(sentBefore).map((r) => r.url);
    expect(after.filter((u) => !/^\/(models|widget)\//.test(u))).toEqual([]);
    expect(await w.locator('li.user').count()).toBe(3);
    expect(problems.errors).toEqual([]);
    await page.close();
  });
});
