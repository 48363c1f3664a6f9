/**
 * Small-screen and state polish in real Chromium: eight long quick-reply chips keep the log and
 * the input in the panel (1280x600 and 375x667, with screenshots); an FAQ link is shown once;
 * clearing offers undo; inline bots without an id keep separate conversations; escalation and
 * feedback code is a separate chunk fetched only by bots that use it (and works under the strict
 * CSP); endpoints that are not http(s) or site-relative are refused; voice input is on-device
 * unless the site allows the browser's remote service (then the panel says so), and a failure is
 * shown.
 */
import { mkdirSync, readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveCompiledBots } from '../support/compiled-bot.js';
import { repoPath } from '../support/models.js';
import { ask, type LaunchedBrowser, launch, newPage, waitReady, widget } from './browser.js';
import { startTestServer, streamAnswer, type TestServer } from './server.js';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });
const SLOW = { timeout: 120_000 };
const SHOTS = repoPath('test-results/screenshots');
const CHUNK = '/widget/support-bot-remote.js';

let server: TestServer;
let browser: LaunchedBrowser;

const store = () => JSON.parse(readFileSync(repoPath('examples/bots/acme-store.json'), 'utf8'));

beforeAll(async () => {
  server = await startTestServer();
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });

  const chips = store();
  const order = chips.intents.find((i: { id: string }) => i.id === 'order_status');
  // A plain intent here (the store bot's is a form, whose order-number prompt has no chips).
  delete order.slots;
  delete order.action;
  delete order.answer;
  // Eight chips at the schema's 60-character limit, one of them a single unbroken word.
  order.response.quickReplies = [
    'W'.repeat(60),
    ...Array.from({ length: 7 }, (_, i) =>
      `Question number ${i + 1} about my order and its delivery times`.padEnd(60, '.'),
    ),
  ];
  const faq = chips.faq.find((f: { id: string }) => f.id === 'price_match');
  // A URL the bot file wrote with a stray space, and an answer that links the same page.
  faq.url = '/help/price-match ';
  faq.answer =
    'Yes, we match prices within 14 days. See [our price match rules](/help/price-match).';
  server.bots.set('chips.json', JSON.stringify(chips));

  const escalating = store();
  escalating.escalation = { enabled: true };
  server.bots.set('escalating.json', JSON.stringify(escalating));
  const reporting = store();
  reporting.feedback = { enabled: true, endpoint: '/api/feedback' };
  server.bots.set('reporting.json', JSON.stringify(reporting));
  // Compiled indexes: these tests are not about embedding a raw bot in the browser.
  await serveCompiledBots(server, {
    'acme-store.index': 'examples/bots/acme-store.json',
    'chips.index': chips,
    'escalating.index': escalating,
    'reporting.index': reporting,
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(query: string, viewport?: { width: number; height: number }): Promise<Page> {
  const { page } = await newPage(browser.context);
  if (viewport) await page.setViewportSize(viewport);
  await page.goto(
    `${server.url}page.html?device=wasm&preload=open&${query.includes('bot=') ? '' : 'bot=acme-store.index&'}${query}`,
  );
  await widget(page).locator('.launcher').waitFor();
  return page;
}

describe('many long chips', () => {
  for (const [name, viewport] of [
    ['desktop-many-chips', { width: 1280, height: 600 }],
    ['mobile-375', { width: 375, height: 667 }],
  ] as const) {
    it(`keep the log and the input inside the panel at ${viewport.width}x${viewport.height}`, async () => {
      const page = await open('bot=chips.index&id=chips', viewport);
      await ask(page, 'where is my order?', 'chips');
      const w = widget(page, 'chips');
      expect(await w.locator('[part="chip"]').count()).toBe(8);
      await w.locator('textarea').blur();
      const box = async (part: string) =>
        (await w.locator(`[part="${part}"]`).first().boundingBox())!;
      const panel = await box('panel');
      const inside = (b: { x: number; y: number; width: number; height: number }) =>
        b.x >= panel.x - 0.5 &&
        b.y >= panel.y - 0.5 &&
        b.x + b.width <= panel.x + panel.width + 0.5 &&
        b.y + b.height <= panel.y + panel.height + 0.5;
      for (const part of ['input', 'send', 'chips', 'messages', 'composer'])
        expect(inside(await box(part)), part).toBe(true);
      // One row of chips: the log keeps most of the panel.
      expect((await box('chips')).height).toBeLessThan(56);
      expect((await box('messages')).height).toBeGreaterThan(panel.height * 0.45);
      // No chip is wider than the row, and the row scrolls rather than spilling out.
      const overflow = await w.locator('[part="chips"]').evaluate((row) => ({
        row: row.getBoundingClientRect().width,
        widest: Math.max(...[...row.children].map((c) => c.getBoundingClientRect().width)),
        scrolls: row.scrollWidth > row.clientWidth && getComputedStyle(row).overflowX === 'auto',
      }));
      expect(overflow.widest).toBeLessThanOrEqual(overflow.row);
      expect(overflow.scrolls).toBe(true);
      // The last chip is reachable: focusing it scrolls it into view, inside the panel.
      await w.locator('[part="chip"]').last().focus();
      expect(
        inside(
          await w
            .locator('[part="chip"]')
            .last()
            .boundingBox()
            .then((b) => b!),
        ),
      ).toBe(true);
      await w.locator('[part="chip"]').last().blur();
      await w.locator('[part="chips"]').evaluate((row) => row.scrollTo({ left: 0 }));
      await page.screenshot({ path: `${SHOTS}/${name}.png` });
      await page.close();
    });
  }

  it('shows an FAQ page once when the answer already links it', async () => {
    const page = await open('bot=chips.index&id=faqlink');
    const reply = await ask(page, 'do you price match?', 'faqlink');
    expect(reply.kind).toBe('faq');
    const last = widget(page, 'faqlink').locator('li.bot[data-kind="faq"]').last();
    expect(await last.locator('a[href="/help/price-match"]').count()).toBe(1);
    expect(await last.locator('[part="source"]').count()).toBe(0);
    await page.close();
  });
});

describe('clearing and storage', () => {
  it('offers undo after clearing, and the restored conversation is saved again', async () => {
    const page = await open('id=undo');
    await ask(page, 'where is my order?', 'undo');
    const w = widget(page, 'undo');
    await w.locator('[part="clear"]').click();
    expect(await w.locator('li.user').count()).toBe(0);
    expect(await w.locator('[part="status"]').textContent()).toBe('Conversation cleared.');
    await w.locator('[part="undo"]').click();
    expect(await w.locator('li.user .text').allTextContents()).toEqual(['where is my order?']);
    expect(await w.locator('[part="undo"]').count()).toBe(0);
    await page.reload();
    await widget(page, 'undo').locator('.launcher').click();
    expect(await widget(page, 'undo').locator('li.user').count()).toBe(1);
    await page.close();
  });

  it('keeps two inline bots without an id in separate conversations', async () => {
    const { page } = await newPage(browser.context);
    await page.goto(
      `${server.url}page.html?bot=acme-store.index&device=wasm&preload=open&id=unused`,
    );
    const mount = () =>
      page.evaluate(async () => {
        for (const e of document.querySelectorAll('support-bot')) e.remove();
        const bot = await (await fetch('/bots/acme-store.json')).json();
        const other = { ...bot, name: 'Another shop' };
        for (const config of [bot, other]) {
          const el = document.createElement('support-bot');
          el.config = config;
          el.modelBaseUrl = '/models/';
          el.device = 'wasm';
          el.preload = 'open';
          document.body.append(el);
        }
      });
    await mount();
    await page.evaluate(() => document.querySelector('support-bot')!.send('where is my order?'));
    const counts = () =>
      page.evaluate(() =>
        [...document.querySelectorAll('support-bot')].map((e) => e.messages.length),
      );
    expect(await counts()).toEqual([2, 0]);
    await page.reload();
    await mount();
    expect(await counts()).toEqual([2, 0]);
    await page.close();
  });
});

describe('escalation and feedback load only when a bot uses them', () => {
  it('a bot without them never fetches the chunk; an escalating bot does and streams under the strict CSP', async () => {
    const plain = await open('id=plain');
    await ask(plain, 'where is my order?', 'plain');
    await ask(plain, 'what is the capital of Peru?', 'plain');
    expect(server.log.filter((r) => r.url.startsWith(CHUNK))).toEqual([]);
    await plain.close();

    server.escalation = async (_body, response) => {
      await streamAnswer(response, ['Lima ', 'is the capital.']);
    };
    const { page, problems } = await newPage(browser.context);
    await page.goto(
      `${server.url}page.html?device=wasm&preload=open&bot=escalating.index&endpoint=/api/support&id=esc`,
    );
    const reply = await ask(page, 'what is the capital of Peru?', 'esc');
    expect(reply).toEqual({ kind: 'escalate', text: 'Lima is the capital.' });
    expect(server.log.filter((r) => r.url.startsWith(CHUNK)).length).toBeGreaterThan(0);
    expect(problems).toEqual({ errors: [], csp: [] });
    server.escalation = undefined;
    await page.close();
  });
});

describe('endpoints must be http(s) or on the site', () => {
  it('refuses a javascript: escalation endpoint and a data: feedback endpoint with sb-error', async () => {
    const { page } = await newPage(browser.context);
    const consoleErrors: string[] = [];
    page.on('console', (m) => {
      if (m.type() === 'error') consoleErrors.push(m.text());
    });
    await page.addInitScript(() => {
      const w = window as unknown as { __errors: string[] };
      w.__errors = [];
      document.addEventListener('sb-error', (e) =>
        w.__errors.push((e as Event & { code: string }).code),
      );
    });
    const before = server.log.length;
    await page.goto(
      `${server.url}page.html?device=wasm&preload=open&bot=escalating.index&endpoint=${encodeURIComponent('javascript:alert(1)')}&id=badesc`,
    );
    const reply = await ask(page, 'what is the capital of Peru?', 'badesc');
    expect(reply.kind).toBe('fallback');
    expect(
      await page.evaluate(() => (window as unknown as { __errors: string[] }).__errors),
    ).toEqual(['ENDPOINT_INVALID']);
    expect(consoleErrors.join('\n')).toMatch(
      /\[support-bot\] Failed to use the escalation endpoint "javascript:alert\(1\)"/,
    );
    expect(server.log.slice(before).filter((r) => r.url.startsWith('/api/'))).toEqual([]);
    await page.close();

    const { page: fb } = await newPage(browser.context);
    await fb.addInitScript(() => {
      const w = window as unknown as { __errors: string[] };
      w.__errors = [];
      document.addEventListener('sb-error', (e) =>
        w.__errors.push((e as Event & { code: string }).code),
      );
    });
    await fb.goto(`${server.url}page.html?device=wasm&preload=open&bot=reporting.index&id=badfb`);
    await fb.evaluate(() => {
      const el = document.querySelector('support-bot')!;
      el.setAttribute('feedback-endpoint', 'data:text/plain,x');
      el.open = true;
    });
    await waitReady(fb, 'badfb');
    await expect
      .poll(() => fb.evaluate(() => (window as unknown as { __errors: string[] }).__errors), SLOW)
      .toContain('ENDPOINT_INVALID');
    expect(await widget(fb, 'badfb').locator('[part="feedback-notice"]').count()).toBe(0);
    await fb.close();
  });
});

describe('voice input keeps the privacy promise', () => {
  /**
   * A scripted Web Speech API. `onDevice` is what `SpeechRecognition.available()` answers (absent:
   * the browser has no on-device API); every started recogniser is recorded with its settings.
   */
  const fakeSpeech = (options: { onDevice?: string; error?: string; words?: string }) => {
    const w = window as unknown as Record<string, unknown>;
    delete w.webkitSpeechRecognition;
    const log: Record<string, unknown>[] = [];
    w.__speech = log;
    class Fake extends EventTarget {
      lang = '';
      interimResults = false;
      continuous = false;
      maxAlternatives = 1;
      processLocally = false;
      start() {
        log.push({ start: this.lang, processLocally: this.processLocally });
        setTimeout(() => {
          if (options.error) {
            this.dispatchEvent(Object.assign(new Event('error'), { error: options.error }));
          } else {
            const results = [
              Object.assign([{ transcript: options.words ?? 'where is my parcel' }], {
                isFinal: true,
              }),
            ];
            this.dispatchEvent(Object.assign(new Event('result'), { resultIndex: 0, results }));
          }
          this.dispatchEvent(new Event('end'));
        }, 50);
      }
      stop() {}
      abort() {}
    }
    if (options.onDevice !== undefined) {
      Object.assign(Fake, {
        available: (o: unknown) => {
          log.push({ available: o });
          return Promise.resolve(options.onDevice);
        },
        install: (o: unknown) => {
          log.push({ install: o });
          return Promise.resolve(true);
        },
      });
    }
    w.SpeechRecognition = Fake;
  };
  const speechLog = (page: Page) =>
    page.evaluate(() => (window as unknown as { __speech: Record<string, unknown>[] }).__speech);

  it('dictates on the device where the browser offers it (installing the language on first use)', async () => {
    for (const onDevice of ['available', 'downloadable']) {
      const { page } = await newPage(browser.context);
      await page.addInitScript(fakeSpeech, { onDevice });
      await page.goto(
        `${server.url}page.html?bot=acme-store.index&device=wasm&preload=open&open=1&id=ondevice`,
      );
      const w = widget(page, 'ondevice');
      await w.locator('[part="mic"]').click();
      await expect.poll(() => w.locator('textarea').inputValue(), SLOW).toBe('where is my parcel');
      const log = await speechLog(page);
      expect(log[0]).toEqual({ available: { langs: ['en-US'], processLocally: true } });
      if (onDevice === 'downloadable')
        expect(log).toContainEqual({ install: { langs: ['en-US'], processLocally: true } });
      expect(log.at(-1)).toEqual({ start: 'en-US', processLocally: true });
      expect(await w.locator('[part="voice-notice"]').count()).toBe(0);
      await page.close();
    }
  });

  it('without on-device recognition: no mic by default; voice="remote" uses the browser service and says so', async () => {
    const { page } = await newPage(browser.context);
    await page.addInitScript(fakeSpeech, { onDevice: 'unavailable' });
    await page.goto(
      `${server.url}page.html?bot=acme-store.index&device=wasm&preload=open&open=1&id=remote`,
    );
    const w = widget(page, 'remote');
    await w.locator('textarea').waitFor();
    await expect.poll(() => speechLog(page).then((l) => l.length)).toBeGreaterThan(0);
    expect(await w.locator('[part="mic"]').count()).toBe(0);
    expect(await w.locator('[part="voice-notice"]').count()).toBe(0);

    await page.evaluate(() =>
      document.querySelector('support-bot')!.setAttribute('voice', 'remote'),
    );
    await w.locator('[part="mic"]').waitFor();
    expect(await w.locator('[part="voice-notice"]').textContent()).toMatch(
      /browser's speech service: your recording may be sent to it/,
    );
    await w.locator('[part="mic"]').click();
    await expect.poll(() => w.locator('textarea').inputValue(), SLOW).toBe('where is my parcel');
    expect((await speechLog(page)).at(-1)).toEqual({ start: 'en-US', processLocally: false });
    await page.close();

    // A browser with no on-device API at all (only a remote service) behaves the same.
    const { page: old } = await newPage(browser.context);
    await old.addInitScript(fakeSpeech, {});
    await old.goto(
      `${server.url}page.html?bot=acme-store.index&device=wasm&preload=open&open=1&id=old`,
    );
    await widget(old, 'old').locator('textarea').waitFor();
    expect(await widget(old, 'old').locator('[part="mic"]').count()).toBe(0);
    await old.close();
  });

  it('shows a voice failure instead of going silent', async () => {
    for (const [error, message] of [
      ['audio-capture', 'Voice input stopped: the speech recogniser failed.'],
      ['network', 'Voice input stopped: the speech service could not be reached.'],
    ]) {
      const { page } = await newPage(browser.context);
      await page.addInitScript(fakeSpeech, { onDevice: 'available', error });
      await page.goto(
        `${server.url}page.html?bot=acme-store.index&device=wasm&preload=open&open=1&id=fail`,
      );
      const w = widget(page, 'fail');
      await w.locator('[part="mic"]').click();
      await expect.poll(() => w.locator('[part="status"]').textContent(), SLOW).toContain(message);
      await page.close();
    }
  });
});
