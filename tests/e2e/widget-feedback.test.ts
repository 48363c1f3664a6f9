/**
 * Opt-in feedback reporting in real Chromium: what is sent when the bot file turns it on
 * (redacted, one report per event, a visible notice), that nothing is sent when it is off
 * (every request intercepted), and that a report the endpoint cannot take yet is kept across a
 * reload and delivered once, while a malformed one is dropped with an `sb-error`.
 */
import { readFileSync } from 'node:fs';
import { type FeedbackReport, validateFeedbackReport } from '@support-bot/core/protocol';
import type { Page, Request as PwRequest } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveCompiledBots } from '../support/compiled-bot.js';
import { repoPath } from '../support/models.js';
import { ask, type LaunchedBrowser, launch, newPage, waitReady, widget } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

let server: TestServer;
let browser: LaunchedBrowser;
const store = JSON.parse(readFileSync(repoPath('examples/bots/acme-store.json'), 'utf8'));
const withFeedback = (feedback: object) => JSON.stringify({ ...store, feedback });

beforeAll(async () => {
  server = await startTestServer();
  browser = await launch();
  server.bots.set('feedback-on.json', withFeedback({ enabled: true, endpoint: '/api/feedback' }));
  server.bots.set('feedback-off.json', withFeedback({ enabled: false, endpoint: '/api/feedback' }));
  // Compiled indexes: these tests are not about embedding a raw bot in the browser.
  await serveCompiledBots(server, {
    'acme-store.index': 'examples/bots/acme-store.json',
    'feedback-on.index': JSON.parse(withFeedback({ enabled: true, endpoint: '/api/feedback' })),
    'feedback-off.index': JSON.parse(withFeedback({ enabled: false, endpoint: '/api/feedback' })),
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

// Far from every intent and FAQ entry of the store bot (confidence 0.14 in Node), so it falls
// back on any backend; the phone number and e-mail address must never leave the browser.
// ("hiking clubs" is answered with contact_hours since #18; see learning-loop.test.ts.)
const FALLBACK_QUESTION =
  'do you sponsor local running clubs? call 415 555 0142 or mail sam.lee@example.com';

/** Answers /api/feedback from the test: `status` per call, recording each body. */
async function feedbackEndpoint(page: Page, statuses: number[]) {
  const bodies: FeedbackReport[] = [];
  const answered: number[] = [];
  await page.route('**/api/feedback', async (route) => {
    bodies.push(JSON.parse(route.request().postData() ?? '{}'));
    const status = statuses[Math.min(answered.length, statuses.length - 1)]!;
    answered.push(status);
    await route.fulfill({
      status,
      contentType: 'application/json',
      headers: status === 503 ? { 'retry-after': '1' } : {},
      body: JSON.stringify(
        status < 300
          ? { ok: true }
          : { error: { code: 'X', message: `test said ${status}`, retryable: status >= 500 } },
      ),
    });
  });
  return { bodies, answered };
}

const errors = (page: Page) =>
  page.evaluate(() => (window as unknown as { __errors: string[] }).__errors);
const recordErrors = (page: Page) =>
  page.addInitScript(() => {
    const w = window as unknown as { __errors: string[] };
    w.__errors = [];
    document.addEventListener('sb-error', (e) =>
      w.__errors.push((e as Event & { code: string }).code),
    );
  });

describe('feedback reporting (opt-in)', () => {
  it('on: one redacted report per thumbs-down and per unanswered question, and a visible notice', async () => {
    const { page, problems } = await newPage(browser.context);
    const endpoint = await feedbackEndpoint(page, [202]);
    await page.goto(`${server.url}page.html?device=wasm&preload=open&bot=feedback-on.index`);
    const answered = await ask(page, 'where is my order?');
    expect(answered.kind).toBe('intent');
    const notice = widget(page).locator('[part="feedback-notice"]');
    expect(await notice.isVisible()).toBe(true);
    expect(await notice.textContent()).toMatch(
      /shared with this site.*Personal details are removed/,
    );
    await widget(page)
      .locator('li.bot[data-kind="intent"] [part="feedback-button"]')
      .nth(1)
      .click();
    await expect.poll(() => endpoint.bodies.length, { timeout: 30_000 }).toBe(1);
    // order_status is a form (#13) that now waits for the order number: a question it cannot
    // use would be a re-ask, not an unanswered question. Close it first (reports nothing).
    expect((await ask(page, 'never mind')).text).toMatch(/stopped that/);
    const fallback = await ask(page, FALLBACK_QUESTION);
    expect(fallback.kind).toBe('fallback');
    await expect.poll(() => endpoint.bodies.length, { timeout: 30_000 }).toBe(2);

    const [down, missed] = endpoint.bodies;
    for (const body of endpoint.bodies) expect(validateFeedbackReport(body).ok).toBe(true);
    expect(down).toMatchObject({
      kind: 'thumbs_down',
      text: 'where is my order?',
      reply: { kind: 'intent', id: 'order_status' },
      bot: { name: 'Acme Outfitters', language: 'en' },
    });
    expect(down!.candidates?.intents[0]?.id).toBe('order_status');
    expect(missed).toMatchObject({
      kind: 'unanswered',
      text: 'do you sponsor local running clubs? call [phone] or mail [email]',
      reply: { kind: 'fallback' },
    });
    // Random ids, timestamps and scores may contain "415" by chance (a report id did): mask them.
    const sent = JSON.stringify(endpoint.bodies)
      .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uuid>')
      .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, '<time>')
      .replace(/-?\d+\.\d{6,}(e-?\d+)?/g, '<score>');
    expect(sent).not.toMatch(/415|0142|sam\.lee|example\.com/);
    expect(down!.conversationId).toBe(missed!.conversationId);
    // Nothing else is posted: no third report, and nothing kept.
    await page.waitForTimeout(500);
    expect(endpoint.bodies).toHaveLength(2);
    expect(problems).toEqual({ errors: [], csp: [] });
    await page.close();
  });

  it('off: no request carries feedback (bot without it, and with enabled false), and no notice', async () => {
    const { page } = await newPage(browser.context);
    const posts: PwRequest[] = [];
    page.on('request', (r) => {
      if (r.method() !== 'GET' || new URL(r.url()).pathname.startsWith('/api/')) posts.push(r);
    });
    await page.goto(
      `${server.url}page.html?device=wasm&preload=open&bot=acme-store.index&bot2=feedback-off.index`,
    );
    for (const id of [undefined, 'second']) {
      await ask(page, 'where is my order?', id);
      await widget(page, id)
        .locator('li.bot[data-kind="intent"] [part="feedback-button"]')
        .nth(1)
        .click();
      await ask(page, 'never mind', id); // closes the order form (see above)
      expect((await ask(page, FALLBACK_QUESTION, id)).kind).toBe('fallback');
      expect(await widget(page, id).locator('[part="feedback-notice"]').count()).toBe(0);
    }
    await page.waitForTimeout(1000);
    expect(posts.map((r) => `${r.method()} ${r.url()}`)).toEqual([]);
    expect(server.log.filter((r) => r.method !== 'GET' || r.url.startsWith('/api/'))).toEqual([]);
    await page.close();
  });

  it('keeps a report the endpoint cannot take (503) across a reload and delivers it once; drops a 422', async () => {
    const { page } = await newPage(browser.context);
    await recordErrors(page);
    const endpoint = await feedbackEndpoint(page, [503, 503, 202]);
    // preload=idle: the engine (and with it the reporter) starts without the visitor opening it.
    const url = `${server.url}page.html?device=wasm&preload=idle&bot=feedback-on.index&persistence=none`;
    await page.goto(url);
    expect((await ask(page, FALLBACK_QUESTION)).kind).toBe('fallback');
    await expect.poll(() => endpoint.answered.length, { timeout: 30_000 }).toBeGreaterThan(0);
    const kept = await page.evaluate(() =>
      Object.entries(localStorage).filter(([k]) => k.startsWith('support-bot:feedback:')),
    );
    expect(kept).toHaveLength(1);
    const [[, queued]] = kept as [[string, string]];
    expect(JSON.parse(queued)).toHaveLength(1);

    // The visitor leaves and comes back: the kept report goes out once the engine is ready.
    await page.reload();
    await waitReady(page);
    await expect.poll(() => endpoint.answered.includes(202), { timeout: 60_000 }).toBe(true);
    const ids = endpoint.bodies.map((b) => b.id);
    expect(new Set(ids).size).toBe(1); // the same report each time
    expect(endpoint.answered.filter((s) => s === 202)).toHaveLength(1);
    expect(
      await page.evaluate(() =>
        Object.keys(localStorage).filter((k) => k.startsWith('support-bot:feedback:')),
      ),
    ).toEqual([]);

    // A report the endpoint refuses as malformed is dropped, and the page hears about it.
    await page.unroute('**/api/feedback');
    const refused = await feedbackEndpoint(page, [422]);
    expect((await ask(page, FALLBACK_QUESTION)).kind).toBe('fallback');
    await expect.poll(() => errors(page), { timeout: 30_000 }).toContain('FEEDBACK_REJECTED');
    expect(refused.bodies).toHaveLength(1);
    expect(
      await page.evaluate(() =>
        Object.keys(localStorage).filter((k) => k.startsWith('support-bot:feedback:')),
      ),
    ).toEqual([]);
    await page.close();
  });
});
