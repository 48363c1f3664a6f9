/**
 * Untrusted text never executes or injects elements: a corpus of 60 payloads typed by the
 * visitor, written into the bot file (greeting, name, answers, chips, links), restored from a
 * tampered sessionStorage, and streamed back by the escalation endpoint (split mid-tag).
 */
import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { compiledBotIndex, serveCompiledBots } from '../support/compiled-bot.js';
import { repoPath } from '../support/models.js';
import {
  ask,
  type LaunchedBrowser,
  launch,
  newPage,
  type PageProblems,
  widget,
} from './browser.js';
import { XSS_PAYLOADS } from './fixtures/xss-payloads.js';
import { startTestServer, streamAnswer, type TestServer } from './server.js';

// Real Chromium and real models on a shared machine: generous limits, still bounded.
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

let server: TestServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launch();
  // Compiled indexes: these tests are not about embedding a raw bot in the browser.
  await serveCompiledBots(server, {
    'acme-store.index': 'examples/bots/acme-store.json',
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** Tags the widget itself renders; anything else in its shadow root was injected. */
const OWN_TAGS = [
  'a',
  'br',
  'button',
  'code',
  // The panel (a <dialog> since it became modal on small screens).
  'dialog',
  'div',
  'em',
  'form',
  'h2',
  'header',
  'li',
  'ol',
  'p',
  'path',
  'progress',
  'span',
  'strong',
  'svg',
  'textarea',
  'ul',
];

async function openTrapped(
  query: string,
): Promise<{ page: Page; problems: PageProblems; dialogs: string[] }> {
  const { page, problems } = await newPage(browser.context);
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await page.addInitScript(() => {
    const w = window as unknown as Record<string, unknown>;
    for (const name of ['alert', 'confirm', 'prompt'])
      w[name] = () => {
        w.__xss = 1;
      };
    // Record every element added to the page outside the widget's own tag.
    w.__added = [];
    // Watch from the end of parsing, so the page's own markup is not counted.
    document.addEventListener('DOMContentLoaded', () =>
      new MutationObserver((records) => {
        for (const r of records)
          for (const n of r.addedNodes)
            if (n instanceof Element && n.localName !== 'support-bot')
              (w.__added as string[]).push(n.outerHTML.slice(0, 80));
      }).observe(document, { childList: true, subtree: true }),
    );
  });
  await page.goto(
    `${server.url}page.html?device=wasm&preload=open&${query.includes('bot=') ? '' : 'bot=acme-store.index&'}${query}`,
  );
  await widget(page).locator('.launcher').waitFor();
  return { page, problems, dialogs };
}

async function injected(page: Page) {
  return page.evaluate((own) => {
    const root = document.querySelector('support-bot')!.shadowRoot!;
    const all = [...root.querySelectorAll('*')];
    const w = window as unknown as { __xss?: number; __added: string[] };
    return {
      xss: w.__xss ?? 0,
      added: w.__added,
      foreignTags: [...new Set(all.map((e) => e.localName).filter((t) => !own.includes(t)))],
      handlers: all.flatMap((e) =>
        [...e.attributes]
          .filter((a) => /^on/i.test(a.name))
          .map((a) => `${e.localName}[${a.name}]`),
      ),
      badLinks: [...root.querySelectorAll('a')]
        .map((a) => a.getAttribute('href') ?? '')
        .filter(
          (h) =>
            !['http:', 'https:', 'mailto:', 'tel:'].includes(new URL(h, location.href).protocol),
        ),
      srcLike: all.filter(
        (e) => e.hasAttribute('src') || e.hasAttribute('srcdoc') || e.hasAttribute('style'),
      ).length,
    };
  }, OWN_TAGS);
}

const CLEAN = { xss: 0, added: [], foreignTags: [], handlers: [], badLinks: [], srcLike: 0 };

describe('XSS corpus', () => {
  it(`has at least 50 payloads (${XSS_PAYLOADS.length})`, () => {
    expect(XSS_PAYLOADS.length).toBeGreaterThanOrEqual(50);
  });

  it('shows every payload the visitor types as literal text', async () => {
    const { page, problems, dialogs } = await openTrapped('persistence=session');
    for (const payload of XSS_PAYLOADS) await ask(page, payload);
    expect(await injected(page)).toEqual(CLEAN);
    const shown = await widget(page).locator('li.user .text').allTextContents();
    expect(shown).toEqual(XSS_PAYLOADS.map((p) => p.trim()));
    expect(dialogs).toEqual([]);
    expect(problems).toEqual({ errors: [], csp: [] });
    // Control: the detector does see an element that really got in.
    await page.evaluate(() => {
      const li = document.querySelector('support-bot')!.shadowRoot!.querySelector('li.user')!;
      li.insertAdjacentHTML('beforeend', '<img alt="" onerror="void 0">');
    });
    expect(await injected(page)).toMatchObject({
      foreignTags: ['img'],
      handlers: ['img[onerror]'],
    });
    // (The page's CSP refuses that inline handler: a second line of defence, reset here.)
    await expect.poll(() => problems.csp.length).toBeGreaterThan(0);
    problems.csp.length = 0;

    // The same payloads restored from storage (also with forged bot messages and links).
    await page.evaluate((payloads) => {
      const forged = payloads.flatMap((p, i) => [
        { id: `u${i}`, role: 'user', text: p },
        {
          id: `b${i}`,
          role: 'bot',
          kind: 'intent',
          text: p,
          links: [{ label: p, url: 'javascript:alert(1)' }],
          quickReplies: [{ label: p, message: p }],
        },
      ]);
      // The conversation's storage key is the bot's URL (the compiled index here).
      sessionStorage.setItem('support-bot:/bots/acme-store.index', JSON.stringify(forged));
    }, XSS_PAYLOADS);
    await page.reload();
    await widget(page).locator('.launcher').click();
    await expect
      .poll(() => widget(page).locator('li.bot[data-kind]').count())
      .toBe(XSS_PAYLOADS.length);
    expect(await injected(page)).toEqual(CLEAN);
    expect(problems).toEqual({ errors: [], csp: [] });
    await page.close();
  });

  it('renders payloads in the bot file (name, greeting, answers, chips, links, FAQ) as text', async () => {
    const bot = JSON.parse(readFileSync(repoPath('examples/bots/acme-store.json'), 'utf8'));
    bot.name = XSS_PAYLOADS[2];
    bot.greeting = XSS_PAYLOADS.slice(0, 20).join('\n\n');
    const order = bot.intents.find((i: { id: string }) => i.id === 'order_status');
    // A plain intent here (the store bot's is a form that asks for the order number first):
    // its response carries the payloads. Forms' filled values: widget-dialogue.test.ts.
    delete order.slots;
    delete order.action;
    delete order.answer;
    order.response.text = XSS_PAYLOADS.join('\n\n');
    order.response.quickReplies = XSS_PAYLOADS.slice(0, 6).map((p) => ({ label: p, message: p }));
    order.response.links = [
      { label: XSS_PAYLOADS[3], url: '/\\evil.example' },
      { label: XSS_PAYLOADS[4], url: 'https://ok.example/"><script>alert(1)</script>' },
    ];
    const faq = bot.faq.find((f: { id: string }) => f.id === 'price_match');
    faq.answer = XSS_PAYLOADS.slice(30).join('\n');
    faq.question = XSS_PAYLOADS[5];
    server.bots.set('xss.index', await compiledBotIndex(bot));

    const { page, problems, dialogs } = await openTrapped('bot=xss.index');
    await ask(page, 'where is my order?');
    await ask(page, 'do you price match?');
    const chips = widget(page).locator('[part="chip"]');
    expect(await chips.count()).toBe(0); // the last answer (FAQ) has no chips
    await ask(page, 'has my parcel shipped yet?');
    await widget(page).locator('[part="chip"]').first().click();
    await expect.poll(() => widget(page).locator('li.user').count()).toBe(4);
    expect(await injected(page)).toEqual(CLEAN);
    const answer = await widget(page)
      .locator('li.bot[data-kind="intent"] .text')
      .first()
      .textContent();
    expect(answer).toContain('<script>window.__xss=1</script>');
    expect(await widget(page).locator('[part="title"]').textContent()).toBe(XSS_PAYLOADS[2]);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual({ errors: [], csp: [] });
    await page.close();
  });

  it('renders a streamed escalation answer of payloads, split mid-tag, as text', async () => {
    const bot = JSON.parse(readFileSync(repoPath('examples/bots/acme-store.json'), 'utf8'));
    bot.escalation = { enabled: true };
    server.bots.set('escalating.index', await compiledBotIndex(bot));
    const text = XSS_PAYLOADS.join('\n\n');
    // Cut into 7-character pieces so tags and links arrive in fragments.
    const pieces = text.match(/[\s\S]{1,7}/g)!;
    server.escalation = (_body, response) => streamAnswer(response, pieces, 0);
    const { page, problems, dialogs } = await openTrapped(
      'bot=escalating.index&endpoint=/api/support',
    );
    const reply = await ask(page, 'what is the capital of Peru?');
    expect(reply.kind).toBe('escalate');
    expect(reply.text).toContain('<img src=x onerror="window.__xss=1">');
    expect(await injected(page)).toEqual(CLEAN);
    expect(dialogs).toEqual([]);
    expect(problems).toEqual({ errors: [], csp: [] });
    server.escalation = undefined;
    await page.close();
  });
});
