/**
 * The smoke journey every engine must pass, written once for any {@link SmokeDriver}: the
 * English store bot (compiled index, real MiniLM model, single-threaded WASM in the engine
 * worker) answers an intent question, an FAQ question and an off-topic one; its greeting's
 * markdown lists render as real lists; a reload keeps the conversation; a keyboard-only visitor
 * opens, asks and closes.
 */
import { readFileSync } from 'node:fs';
import type { SupportBotElement } from '@support-bot/widget';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compiledBotIndex } from '../../support/compiled-bot.js';
import { repoPath } from '../../support/models.js';
import { startTestServer, type TestServer } from '../server.js';
import type { SmokeDriver } from './drivers.js';

/** The questions, and what the store bot must answer (the same as the Chromium tests). */
export const QUESTIONS = {
  intent: { text: 'my parcel was due on Friday and still is not here', intent: 'delivery_delayed' },
  faq: {
    text: 'if another shop sells it for less, will you match that price?',
    answer: 'refund the difference',
  },
  offTopic: { text: 'what is the capital of Peru?' },
  keyboard: { text: 'where is my order?' },
} as const;

/** A greeting written the way LLM answers are: lists right after a line, nested, numbered. */
export const GREETING = [
  'Hi! I can help with:',
  '- tracking an **order**',
  '- returns:',
  '  1. start a return',
  '  2. print the label',
  '',
  '3. refunds, see ![the refund timeline](/help/refunds.png)',
].join('\n');

/**
 * The element tree of the rendered greeting (e.g. `p,ul(li(strong),li)`), the text of its
 * paragraphs and list items (without their nested lists), and its link.
 */
function greetingTree(): { tree: string; texts: string[]; href: string | null } {
  const text = document
    .querySelector('support-bot')
    ?.shadowRoot?.querySelector('li.greeting .text');
  const tree = (el: Element): string =>
    [...el.children]
      .map(
        (c) =>
          c.localName +
          (c.hasAttribute('start') ? `[start=${c.getAttribute('start')}]` : '') +
          (c.children.length > 0 ? `(${tree(c)})` : ''),
      )
      .join(',');
  return {
    tree: text ? tree(text) : '',
    texts: [...(text?.querySelectorAll('p, li') ?? [])].map((el) =>
      [...el.childNodes]
        .filter(
          (n) =>
            n.nodeType === 3 || (n.nodeType === 1 && !/^[ou]l$/.test(n.nodeName.toLowerCase())),
        )
        .map((n) => n.textContent)
        .join('')
        .trim(),
    ),
    href: text?.querySelector('a')?.getAttribute('href') ?? null,
  };
}

/** One finished bot answer as the visitor sees it, and the intent the `sb-reply` event named. */
interface Answer {
  kind: string;
  text: string;
  intent: string | undefined;
}

/** What the page says about the widget, its focus and its conversation. */
interface WidgetSnapshot {
  exists: boolean;
  open: boolean;
  ready: boolean;
  degraded: boolean | undefined;
  compiled: boolean | undefined;
  device: string | undefined;
  /** `<tag>` of document.activeElement, and the focused element's `part` inside the widget. */
  documentFocus: string;
  widgetFocus: string | null;
  sendDisabled: boolean | null;
  users: string[];
  answers: { kind: string; text: string; busy: boolean }[];
  typing: boolean;
  replies: { kind: string; intent: string | undefined }[];
}

function snapshot(): WidgetSnapshot {
  const el = document.querySelector('support-bot') as SupportBotElement | null;
  const root = el?.shadowRoot;
  const w = window as unknown as { __sbReplies?: WidgetSnapshot['replies'] };
  const active = root?.activeElement as HTMLElement | null | undefined;
  const send = root?.querySelector<HTMLButtonElement>('[part="send"]');
  return {
    exists: Boolean(root?.querySelector('[part="launcher"]')),
    open: el?.open === true,
    ready: el?.info !== undefined,
    degraded: el?.info?.degraded,
    compiled: el?.info?.compiled,
    device: el?.engineDevice,
    documentFocus: document.activeElement?.localName ?? 'none',
    widgetFocus: active ? (active.getAttribute('part') ?? active.localName) : null,
    sendDisabled: send ? send.disabled : null,
    users: [...(root?.querySelectorAll('li.user .text') ?? [])].map(
      (n) => n.textContent?.trim() ?? '',
    ),
    answers: [...(root?.querySelectorAll('li.bot[data-kind]:not(.greeting)') ?? [])].map((n) => ({
      kind: n.getAttribute('data-kind') ?? '',
      text: n.querySelector('.text')?.textContent?.trim() ?? '',
      busy: n.getAttribute('aria-busy') === 'true',
    })),
    typing: Boolean(root?.querySelector('.typing .dot')),
    replies: w.__sbReplies ?? [],
  };
}

/** Records `sb-reply` events (kind and intent id) in `window.__sbReplies`. */
function recordReplies(): boolean {
  const w = window as unknown as { __sbReplies?: unknown[] };
  if (w.__sbReplies) return false;
  w.__sbReplies = [];
  document.addEventListener('sb-reply', (e) => {
    const { reply } = e as unknown as { reply: { kind: string; intent?: { id: string } } };
    w.__sbReplies?.push({ kind: reply.kind, intent: reply.intent?.id });
  });
  return true;
}

/** Puts `text` in the widget's input the way typing would (value, then an `input` event). */
function setDraft(text: string): void {
  const input = document
    .querySelector('support-bot')
    ?.shadowRoot?.querySelector<HTMLTextAreaElement>('[part="input"]');
  if (!input) throw new Error('no input');
  input.value = text;
  input.dispatchEvent(new Event('input', { bubbles: true, composed: true }));
}

/** Polls the page until `check` passes; bounded by `timeout`, and says what it last saw. */
async function waitFor(
  driver: SmokeDriver,
  what: string,
  check: (s: WidgetSnapshot) => boolean,
  timeout = 90_000,
): Promise<WidgetSnapshot> {
  const deadline = Date.now() + timeout;
  let last: WidgetSnapshot | undefined;
  for (;;) {
    last = await driver.evaluate(snapshot, undefined);
    if (check(last)) return last;
    if (Date.now() > deadline)
      throw new Error(
        `Timed out after ${timeout} ms waiting for ${what}; last saw ${JSON.stringify(last)}`,
      );
    await new Promise((r) => setTimeout(r, 150));
  }
}

const finished = (before: number) => (s: WidgetSnapshot) =>
  s.answers.length > before && !s.answers.some((a) => a.busy) && !s.typing;

/**
 * Loads the test page with widget `id` (each id keeps its own stored conversation), waits for the
 * launcher and starts recording `sb-reply` events.
 */
async function openWidget(driver: SmokeDriver, server: TestServer, id: string): Promise<void> {
  await driver.goto(
    `${server.url}page.html?bot=acme-store.index&device=wasm&preload=open&id=${id}`,
  );
  await waitFor(driver, 'the launcher', (s) => s.exists, 30_000);
  await driver.evaluate(recordReplies, undefined);
}

/** Asks with a click on Send (value set first, Send clicked once Lit has enabled it). */
async function ask(driver: SmokeDriver, text: string): Promise<Answer> {
  const before = (await driver.evaluate(snapshot, undefined)).answers.length;
  await driver.evaluate(setDraft, text);
  await waitFor(driver, 'Send to be enabled', (s) => s.sendDisabled === false, 30_000);
  await driver.clickInWidget('[part="send"]');
  const s = await waitFor(driver, `the answer to "${text}"`, finished(before));
  const last = s.answers.at(-1)!;
  return { kind: last.kind, text: last.text, intent: s.replies.at(-1)?.intent };
}

/**
 * Starts the test server with the store bot as a compiled index (the browser loads the model but
 * embeds no examples at start-up), its greeting replaced by {@link GREETING}.
 */
export async function startSmokeServer(): Promise<TestServer> {
  const server = await startTestServer();
  const config = JSON.parse(readFileSync(repoPath('examples/bots/acme-store.json'), 'utf8'));
  config.greeting = GREETING;
  // Built once per run and bot text (cached on disk), like the other browser tests' indexes.
  server.bots.set('acme-store.index', await compiledBotIndex(config));
  return server;
}

/**
 * Registers the smoke suite for one engine against the server `site()` returns. `launch` starts
 * a fresh browser; it must throw (never skip) when the browser is missing. `version` must match
 * what the browser reports, so the suite cannot pass in some other engine.
 */
export function describeSmoke(
  engine: string,
  version: RegExp,
  launch: () => Promise<SmokeDriver>,
  site: () => TestServer,
): void {
  describe(`<support-bot> smoke in ${engine} on WASM`, () => {
    let server: TestServer;
    let driver: SmokeDriver;

    beforeAll(async () => {
      server = site();
      driver = await launch();
    });
    afterAll(async () => {
      await driver?.close();
    });

    it('answers an intent and an FAQ question with the real model, and falls back off-topic', async () => {
      expect(driver.version).toMatch(version);
      await openWidget(driver, server, 'smoke');
      await driver.clickInWidget('[part="launcher"]');
      const ready = await waitFor(driver, 'the engine', (s) => s.ready);
      expect({ device: ready.device, degraded: ready.degraded, compiled: ready.compiled }).toEqual({
        device: 'wasm',
        degraded: false,
        compiled: true,
      });

      const intent = await ask(driver, QUESTIONS.intent.text);
      expect({ kind: intent.kind, intent: intent.intent }).toEqual({
        kind: 'intent',
        intent: QUESTIONS.intent.intent,
      });
      const faq = await ask(driver, QUESTIONS.faq.text);
      expect(faq.kind).toBe('faq');
      expect(faq.text).toContain(QUESTIONS.faq.answer);
      const offTopic = await ask(driver, QUESTIONS.offTopic.text);
      expect(offTopic.kind).toBe('fallback');
      expect(driver.errors).toEqual([]);
    });

    it('renders markdown lists after a line, nested and numbered, as real lists', async () => {
      const greeting = await driver.evaluate(greetingTree, undefined);
      expect(greeting.tree).toBe('p,ul(li(strong),li(ol(li,li))),ol[start=3](li(a))');
      expect(greeting.texts).toEqual([
        'Hi! I can help with:',
        'tracking an order',
        'returns:',
        'start a return',
        'print the label',
        'refunds, see the refund timeline',
      ]);
      expect(greeting.href).toBe('/help/refunds.png');
    });

    it('reload keeps the conversation', async () => {
      // Continues the conversation of the first test (same tab, session persistence).
      await driver.reload();
      await waitFor(driver, 'the launcher after reload', (s) => s.exists, 30_000);
      await driver.clickInWidget('[part="launcher"]');
      const s = await waitFor(
        driver,
        'the restored conversation',
        (x) => x.open && x.users.length > 0,
      );
      expect(s.users).toEqual([QUESTIONS.intent.text, QUESTIONS.faq.text, QUESTIONS.offTopic.text]);
      expect(s.answers.map((a) => a.kind)).toEqual(['intent', 'faq', 'fallback']);
      expect(s.answers[1]?.text).toContain(QUESTIONS.faq.answer);
    });

    it('keyboard only: Tab reaches the launcher, Enter opens, typing and Enter ask, Escape closes and focus returns to the launcher', async () => {
      await openWidget(driver, server, 'keyboard');
      // From the top of the page, Tab passes the page's own link and reaches the launcher.
      let s = await driver.evaluate(snapshot, undefined);
      for (let i = 0; i < 6 && s.widgetFocus !== 'launcher'; i++) {
        await driver.press('Tab');
        s = await driver.evaluate(snapshot, undefined);
      }
      expect(s.widgetFocus).toBe('launcher');

      await driver.press('Enter');
      s = await waitFor(
        driver,
        'the panel to open with focus in the input',
        (x) => x.open && x.widgetFocus === 'input',
        30_000,
      );
      await waitFor(driver, 'the engine', (x) => x.ready);

      await driver.type(QUESTIONS.keyboard.text);
      await waitFor(driver, 'Send to be enabled', (x) => x.sendDisabled === false, 30_000);
      await driver.press('Enter');
      s = await waitFor(driver, 'the answer', finished(0));
      expect(s.users).toEqual([QUESTIONS.keyboard.text]);
      expect(s.answers.at(-1)?.kind).toBe('intent');
      // Focus stayed in the widget: never dropped to <body>.
      expect(s.documentFocus).toBe('support-bot');

      await driver.press('Escape');
      s = await waitFor(driver, 'the panel to close', (x) => !x.open, 30_000);
      expect({ document: s.documentFocus, widget: s.widgetFocus }).toEqual({
        document: 'support-bot',
        widget: 'launcher',
      });
      expect(driver.errors).toEqual([]);
    });
  });
}
