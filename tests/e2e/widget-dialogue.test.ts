/**
 * Forms through the <support-bot> widget (issue #13) in real headless Chromium against the example
 * server (its orders API, escalation adapter and feedback store over real HTTP on 127.0.0.1): the
 * worker understands and steps, the page runs the action — the webhook for order status and
 * returns, `el.actions.storeHours` for store hours. Order status and a return end to end, an
 * unknown order, a 500, a timeout, HTML/markdown from the API shown as text, a reload in the
 * middle of a form, "clear", a tampered saved state, and every request recorded: only the
 * action's requests carry the visitor's words and slot values; the escalation and feedback
 * requests carry them redacted.
 *
 * The bot is served as a compiled index (`support-bot build`), with escalation and feedback on
 * and pointed at the example server, so the browser does not embed 300 examples at start-up.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { encodeBotIndex, loadSupportBot } from '@support-bot/core';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { modelsDir, repoPath } from '../support/models.js';
import { type LaunchedBrowser, launch, newPage, type PageProblems } from './browser.js';
import { assertWidgetBuilt } from './server.js';

// Real Chromium and real models on a shared machine: generous limits, still bounded.
vi.setConfig({ testTimeout: 240_000, hookTimeout: 300_000 });

const { startExampleServer } = (await import(repoPath('examples/server/server.mjs'))) as {
  startExampleServer(options: {
    port: number;
    site: string;
    env: Record<string, string>;
    log: { warn(m: string): void };
  }): Promise<Server>;
};

// The page (no inline script: the example server sends a strict CSP). The handler answers with
// markup in its data, which must show as text. These tests are about forms, not loading:
// preload="idle" loads the engine without a visitor's signal, so `open()` can wait for the model
// (the default, "intent", would wait for a hover or a click).
const PAGE_SCRIPT = `
const el = document.createElement('support-bot');
el.setAttribute('config-src', '/bots/' + (new URLSearchParams(location.search).get('bot') ?? 'store.index'));
el.setAttribute('model-base-url', '/models/');
el.setAttribute('device', 'wasm');
el.setAttribute('preload', 'idle');
el.actions = {
  storeHours: async ({ slots, signal }) => {
    window.handlerCalls = (window.handlerCalls ?? 0) + 1;
    return { data: { hours: 'Mon-Sat 10:00-20:00', address: '<b>1 Main St</b>, ' + slots.city } };
  },
};
window.sbErrors = [];
el.addEventListener('sb-error', (e) => window.sbErrors.push(e.code));
document.body.append(el);
`;

let server: Server;
let origin: string;
let site: string;
let browser: LaunchedBrowser;
let page: Page;
let problems: PageProblems;
const requests: { url: string; method: string; body: string }[] = [];

beforeAll(async () => {
  assertWidgetBuilt();
  site = mkdtempSync(path.join(tmpdir(), 'sb-widget-dialogue-'));
  const bot = JSON.parse(readFileSync(repoPath('examples/bots/acme-store.json'), 'utf8'));
  bot.escalation = { enabled: true, endpoint: '/api/support' };
  bot.feedback = { enabled: true, endpoint: '/api/feedback' };
  const compile = async (config: object) => {
    const loaded = await loadSupportBot({
      config: JSON.stringify(config),
      modelBaseUrl: modelsDir(),
    });
    const bytes = encodeBotIndex(await loaded.toIndex());
    await loaded.dispose();
    return bytes;
  };
  const index = await compile(bot);
  const zh = JSON.parse(readFileSync(repoPath('examples/bots/acme-store.zh.json'), 'utf8'));
  const bots = path.join(site, 'bots');
  symlinkSync(modelsDir(), path.join(site, 'models'));
  symlinkSync(repoPath('packages/widget/dist'), path.join(site, 'widget'));
  mkdirSync(bots);
  writeFileSync(path.join(bots, 'store.index'), index);
  writeFileSync(path.join(bots, 'store-zh.index'), await compile(zh));
  writeFileSync(path.join(site, 'page.js'), PAGE_SCRIPT);
  writeFileSync(
    path.join(site, 'index.html'),
    '<!doctype html><html lang="en"><meta charset="utf-8"><title>forms</title><script type="module" src="/widget/support-bot.js"></script><script type="module" src="/page.js"></script><h1>Shop</h1></html>',
  );
  server = await startExampleServer({
    port: 0,
    site,
    env: { SUPPORT_BOT_FEEDBACK_FILE: path.join(site, 'feedback.jsonl') },
    log: { warn: () => undefined },
  });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launch();
  // Every request of the context, the workers' included.
  browser.context.on('request', (r) =>
    requests.push({ url: r.url(), method: r.method(), body: r.postData() ?? '' }),
  );
  ({ page, problems } = await newPage(browser.context));
  await open(page);
});

afterAll(async () => {
  await browser?.close();
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  if (site) rmSync(site, { recursive: true, force: true });
});

async function open(p: Page, query = ''): Promise<void> {
  await p.goto(`${origin}/${query}`);
  await p.waitForFunction(
    () => (document.querySelector('support-bot') as { info?: unknown } | null)?.info !== undefined,
    null,
    { timeout: 240_000 },
  );
  await p.locator('support-bot .launcher').click();
}

interface Shown {
  step: string;
  kind: string;
  text: string;
}

/** Sends `text` (or clicks the chip labelled `chip`) and returns the bot messages it added. */
async function say(text: string, how: 'type' | 'chip' = 'type'): Promise<Shown[]> {
  const w = page.locator('support-bot');
  const bots = w.locator('li.bot[data-kind]:not(.greeting)');
  const before = await bots.count();
  if (how === 'chip') await w.locator('.chip', { hasText: text }).first().click();
  else {
    await w.locator('textarea').fill(text);
    await w.locator('textarea').press('Enter');
  }
  // Done when the visitor's message is answered: not busy, no typing dots.
  await page.waitForFunction(
    (n) => {
      const root = document.querySelector('support-bot')?.shadowRoot;
      const busy = root?.querySelector('.typing .dot') || root?.querySelector('[aria-busy="true"]');
      const sent = root?.querySelector('button.send');
      return !busy && (root?.querySelectorAll('li.bot[data-kind]').length ?? 0) > n && sent;
    },
    before,
    { timeout: 60_000 },
  );
  // Let the last Lit update settle (a step may add two messages).
  await page.waitForTimeout(50);
  const all = await bots.evaluateAll((els) =>
    els.map((el) => ({
      step: el.getAttribute('data-step') ?? '',
      kind: el.getAttribute('data-kind') ?? '',
      text: (el.querySelector('.text')?.textContent ?? '').trim(),
    })),
  );
  return all.slice(before);
}

/** The chrono-node chunks the workers fetched (only bots with date slots load them). */
const chronoChunks = () =>
  requests
    .filter((r) => /\/widget\/engine-wasm-(chrono|en|zh)\.js$/.test(r.url))
    .map((r) => r.url.replace(/.*\//, ''));

const errors = () => page.evaluate(() => (window as unknown as { sbErrors: string[] }).sbErrors);

describe('forms in the widget against the example server', () => {
  it('answers order status from the webhook, the number given in a later turn', async () => {
    expect(await say('where is my order?')).toEqual([
      {
        step: 'ask',
        kind: 'intent',
        text: "Sure — what's your order number? It starts with AC, like AC-104233.",
      },
    ]);
    expect(await say('it is AC-104233')).toEqual([
      {
        step: 'result',
        kind: 'intent',
        text: 'Order AC-104233: Shipped with UPS. Expected on Friday 4 December.',
      },
    ]);
    expect(requests.some((r) => r.url === `${origin}/api/orders/AC-104233`)).toBe(true);
  });

  it('says so for an unknown order, a 500 and a timeout (sb-error ACTION_FAILED), and keeps answering', async () => {
    expect((await say('where is order AC-000001'))[0]).toMatchObject({
      step: 'not_found',
      text: "I couldn't find an order AC-000001. Please check the number in your confirmation email.",
    });
    expect(await errors()).toEqual([]);
    expect((await say('where is order AC-500500'))[0]).toMatchObject({ step: 'action_error' });
    expect(await errors()).toEqual(['ACTION_FAILED']);
    const started = Date.now();
    const slow = await say('where is order AC-999000');
    expect(slow[0]).toMatchObject({ step: 'action_error' });
    expect(slow[0]!.text).toContain("can't look up orders right now");
    // The webhook's 5 s timeout, not the server's 30 s.
    expect(Date.now() - started).toBeLessThan(15_000);
    expect(await errors()).toEqual(['ACTION_FAILED', 'ACTION_FAILED']);
    expect((await say('how much is shipping?'))[0]!.step).toBe('answer');
  });

  it('shows HTML and markdown from the orders API and a handler as text, creating no element', async () => {
    const [shown] = await say('where is order AC-777777');
    expect(shown!.text).toBe(
      'Order AC-777777: **Shipped** <img src=x onerror="alert(1)">. [Track it](javascript:alert(1)) <script>alert(2)</script>',
    );
    const last = page.locator('support-bot li.bot').last();
    expect(
      await last.locator('.text img, .text script, .text a, .text strong, .text b').count(),
    ).toBe(0);
    // A handler action (el.actions.storeHours) with markup in its data.
    const hours = await say('are you open on Sunday in Boston?');
    expect(hours).toEqual([
      {
        step: 'result',
        kind: 'intent',
        text: 'Our Boston store is open Mon-Sat 10:00-20:00. <b>1 Main St</b>, boston',
      },
    ]);
    expect(
      await page.evaluate(() => (window as unknown as { handlerCalls: number }).handlerCalls),
    ).toBe(1);
    expect(await page.locator('support-bot li.bot').last().locator('.text b').count()).toBe(0);
    expect(problems.errors).toEqual([]);
    expect(problems.csp).toEqual([]);
  });

  it('starts a return: value chips, a Yes/No confirmation, a POST of the slots', async () => {
    expect((await say('I want to return order AC-120001'))[0]).toMatchObject({
      step: 'ask',
      text: "What's the reason for the return?",
    });
    const chips = await page.locator('support-bot .chip').allTextContents();
    expect(chips.map((c) => c.trim())).toEqual([
      'Too small',
      'Too big',
      'Damaged or faulty',
      'Wrong item',
      'Changed my mind',
    ]);
    expect(await say('Too big', 'chip')).toEqual([
      {
        step: 'confirm',
        kind: 'intent',
        text: 'Start a return of order AC-120001 (reason: Too big) for a refund?',
      },
    ]);
    const done = await say('Yes', 'chip');
    expect(done[0]!.text).toMatch(/^Your return is started: return number R-\d+\./);
    const post = requests.find((r) => r.method === 'POST' && r.url.endsWith('/return'))!;
    expect(post.url).toBe(`${origin}/api/orders/AC-120001/return`);
    expect(JSON.parse(post.body)).toEqual({
      intent: 'start_return',
      slots: { order: 'AC-120001', reason: 'too_big' },
      locale: 'en',
    });
  });

  it('redacts slot values in escalation and feedback requests; only the action carries them', async () => {
    // A thumbs-down on the answer to "it is AC-104233" reports that question, redacted.
    const answer = page.locator('support-bot li.bot[data-step="result"]').first();
    await answer.locator('[part="feedback-button"]').last().click();
    // Off-topic: escalates to the adapter with the recent turns (which name order numbers).
    const reply = await say('what is the capital of Peru?');
    expect(reply.length).toBeGreaterThan(0);
    await expect
      .poll(() => requests.filter((r) => r.url.endsWith('/api/feedback')).length, {
        timeout: 10_000,
      })
      .toBeGreaterThan(0);
    const feedback = requests.filter((r) => r.url.endsWith('/api/feedback'));
    const escalation = requests.filter((r) => r.url.endsWith('/api/support'));
    expect(escalation.length).toBeGreaterThan(0);
    const thumbs = feedback.map((r) => JSON.parse(r.body)).find((b) => b.kind === 'thumbs_down');
    expect(thumbs).toMatchObject({
      text: 'it is [order_number]',
      reply: { kind: 'intent', id: 'order_status' },
    });
    const sent = escalation.map((r) => r.body).join('\n');
    expect(sent).toContain('[order_number]');
    expect(sent).toContain('capital of Peru');
    // Nothing but the action's requests carries an order number, the return reason or the city.
    // (A `values` slot such as the city is not personal data and is not redacted.)
    const values = ['104233', '120001', '000001', '500500', '777777', 'too_big'];
    const carrying = requests.filter((r) => values.some((v) => `${r.url} ${r.body}`.includes(v)));
    expect(carrying.length).toBeGreaterThan(3);
    for (const r of carrying) expect(new URL(r.url).pathname).toMatch(/^\/api\/orders\//);
    // And the visitor's own words go nowhere but the escalation and feedback (redacted) above.
    const words = ['where is my order', 'it is AC', 'open on Sunday', 'return order'];
    for (const r of requests) {
      if (/\/api\/(support|feedback)$/.test(r.url)) continue;
      for (const w of words) expect(`${r.url} ${r.body}`).not.toContain(w);
    }
    for (const r of requests) expect(new URL(r.url).origin).toBe(origin);
  });

  it('a reload in the middle of a form resumes it; "clear" forgets it', async () => {
    expect((await say('I want to start a return'))[0]).toMatchObject({
      step: 'ask',
      text: 'Which order is it? The number starts with AC, like AC-104233.',
    });
    await open(page);
    expect(await say('AC-104233')).toEqual([
      { step: 'ask', kind: 'intent', text: "What's the reason for the return?" },
    ]);
    await page.locator('support-bot [part="clear"]').click();
    const saved = await page.evaluate(() =>
      Object.keys(sessionStorage).filter(
        (k) => k.startsWith('support-bot:') && !k.includes('feedback'),
      ),
    );
    expect(saved).toEqual([]);
    // The form is gone: "too big" is not taken as the reason (no confirmation is asked).
    const after = await say('too big');
    expect(after.map((m) => m.step)).not.toContain('confirm');
  });

  it('a tampered saved state cannot restart a form or break the chat', async () => {
    // The key the widget saves under: its config-src.
    const key = 'support-bot:/bots/store.index';
    await page.evaluate((k) => {
      sessionStorage.setItem(
        k,
        JSON.stringify([
          { id: 'u1', role: 'user', text: 'I want to return order AC-120001' },
          {
            id: 'b1',
            role: 'bot',
            text: 'Start a return?',
            kind: 'intent',
            parts: [{ text: '<img src=x>', literal: 'no' }],
            // A value the dialogue never writes (an object), at the confirmation stage.
            dialogue: {
              version: 1,
              form: {
                intent: 'start_return',
                slots: {
                  order: { value: { $gt: '' }, text: 'AC-120001' },
                  reason: { value: 'too_big', text: 'x' },
                },
                stage: 'confirming',
                tries: 0,
                digressions: 0,
              },
            },
          },
        ]),
      );
    }, key);
    const posts = () =>
      requests.filter((r) => r.method === 'POST' && r.url.endsWith('/return')).length;
    const before = posts();
    await open(page);
    expect(await page.locator('support-bot li.bot[data-id="b1"] .text').textContent()).toContain(
      'Start a return?',
    );
    const reply = await say('yes');
    expect(reply.map((m) => m.step)).not.toContain('result');
    expect(posts()).toBe(before);
    expect(problems.errors).toEqual([]);
  });
});

describe('a Chinese form with a relative date (chrono-node, a lazy worker chunk)', () => {
  it('reschedules a delivery to "明天" after a 是 chip, the date parsed in the worker', async () => {
    // The English bot has no date slot: it never fetched chrono-node.
    expect(chronoChunks()).toEqual([]);
    await open(page, '?bot=store-zh.index');
    const tomorrow = new Date(Date.now() + 86_400_000);
    const iso = `${tomorrow.getFullYear()}-${String(tomorrow.getMonth() + 1).padStart(2, '0')}-${String(tomorrow.getDate()).padStart(2, '0')}`;
    expect(await say('订单 AC-104233 的送货能改到明天吗')).toEqual([
      { step: 'confirm', kind: 'intent', text: `把订单 AC-104233 的送货日期改到 ${iso}，确认吗？` },
    ]);
    expect(chronoChunks().sort()).toEqual(['engine-wasm-chrono.js', 'engine-wasm-zh.js']);
    const done = await say('是', 'chip');
    expect(done).toEqual([
      {
        step: 'result',
        kind: 'intent',
        text: `已为订单 AC-104233 预约 ${tomorrow.getMonth() + 1}月${tomorrow.getDate()}日 送货。快递员会提前电话联系您。`,
      },
    ]);
    const post = requests.find((r) => r.url.endsWith('/api/orders/AC-104233/delivery-date'))!;
    expect(JSON.parse(post.body)).toEqual({
      intent: 'reschedule_delivery',
      slots: { order: 'AC-104233', date: iso },
      locale: 'zh-CN',
    });
    expect(problems.errors).toEqual([]);
    expect(problems.csp).toEqual([]);
  });
});
