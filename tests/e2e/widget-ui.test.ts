/**
 * What a visitor sees and how they operate it: axe-core finds no violations (closed, open, dark,
 * RTL), keyboard-only use and focus management, Enter/Shift+Enter/IME, reduced motion, theming
 * through --sb-* and ::part with the page's CSS kept out, and screenshots of the light, dark,
 * Chinese, right-to-left and small-screen states in test-results/screenshots/.
 */
import { mkdirSync } from 'node:fs';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveCompiledBots } from '../support/compiled-bot.js';
import { repoPath } from '../support/models.js';
import { axeViolations } from './a11y.js';
import { ask, type LaunchedBrowser, launch, newPage, waitReady, widget } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

// Real Chromium and real models on a shared machine: generous limits, still bounded.
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

const SHOTS = repoPath('test-results/screenshots');
/** Polls that may wait for the model to load get time. */
const SLOW = { timeout: 120_000 };

let server: TestServer;
let browser: LaunchedBrowser;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launch();
  mkdirSync(SHOTS, { recursive: true });
  // Compiled indexes: these tests are not about embedding a raw bot in the browser.
  await serveCompiledBots(server, {
    'acme-store.index': 'examples/bots/acme-store.json',
    'acme-store.zh.index': 'examples/bots/acme-store.zh.json',
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(query: string): Promise<Page> {
  const { page } = await newPage(browser.context);
  await page.goto(
    `${server.url}page.html?device=wasm&${query.includes('bot=') ? '' : 'bot=acme-store.index&'}${query}`,
  );
  await widget(page).locator('.launcher').waitFor();
  return page;
}

function shadowFocus(page: Page): Promise<string | null> {
  return page.evaluate(() => {
    const el = document.querySelector('support-bot')?.shadowRoot?.activeElement;
    return el ? (el.getAttribute('part') ?? el.tagName.toLowerCase()) : null;
  });
}

describe('accessibility (axe-core)', () => {
  it('has no violations closed, open with a conversation, in dark mode and right-to-left', async () => {
    const page = await open('preload=open');
    expect(await axeViolations(page)).toEqual([]);
    // Open while the model loads: the progress bar is part of what is checked.
    await widget(page).locator('.launcher').click();
    await widget(page).locator('[part="progress"]').waitFor();
    expect(await axeViolations(page)).toEqual([]);
    await ask(page, 'where is my order?');
    await ask(page, 'do you price match?');
    await ask(page, 'what is the capital of Peru?');
    expect(await axeViolations(page)).toEqual([]);
    await page.close();

    const dark = await open('preload=open&theme=dark&open=1');
    await ask(dark, 'can I return a jacket?');
    expect(await axeViolations(dark)).toEqual([]);
    await dark.close();

    const rtl = await open('preload=open&lang=ar&dir=rtl&open=1');
    await ask(rtl, 'how much is shipping?');
    expect(await axeViolations(rtl)).toEqual([]);
    await rtl.close();
  });
});

describe('keyboard and focus', () => {
  it('is operable with the keyboard alone; focus moves in on open and back to the launcher on close', async () => {
    const page = await open('preload=open');
    // Tab from the page's own link to the launcher.
    await page.locator('main a').focus();
    await page.keyboard.press('Tab');
    expect(await shadowFocus(page)).toBe('launcher');
    await page.keyboard.press('Enter');
    expect(await widget(page).getAttribute('open')).toBe('');
    expect(await shadowFocus(page)).toBe('input');
    expect(await widget(page).locator('.launcher').getAttribute('aria-expanded')).toBe('true');

    // An answer with chips ("where is my order?" opens a form since #13; its prompt has none).
    await page.keyboard.type('my parcel was due on Friday and still is not here');
    await page.keyboard.press('Enter');
    await waitReady(page);
    await expect.poll(() => widget(page).locator('li.bot[data-kind]').count(), SLOW).toBe(1);
    // Quick replies are reachable and work from the keyboard.
    const chips = widget(page).locator('[part="chip"]');
    expect(await chips.count()).toBeGreaterThan(0);
    const chipLabel = await chips.first().textContent();
    await chips.first().focus();
    await page.keyboard.press('Enter');
    await expect.poll(() => widget(page).locator('li.user').count(), SLOW).toBe(2);
    expect(await widget(page).locator('li.user .text').last().textContent()).toBe(chipLabel);
    await expect.poll(() => widget(page).locator('li.bot[data-kind]').count(), SLOW).toBe(2);

    // Shift+Enter is a newline, Enter alone sends.
    await widget(page).locator('textarea').focus();
    await page.keyboard.type('first line');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second line');
    expect(await widget(page).locator('textarea').inputValue()).toBe('first line\nsecond line');
    expect(await widget(page).locator('li.user').count()).toBe(2);

    // Escape closes from inside the panel and focus returns to the launcher.
    await page.keyboard.press('Escape');
    expect(await widget(page).getAttribute('open')).toBeNull();
    expect(await shadowFocus(page)).toBe('launcher');
    expect(await widget(page).locator('[part="panel"]').isHidden()).toBe(true);
    // The draft survives closing and opening.
    await page.keyboard.press('Enter');
    expect(await widget(page).locator('textarea').inputValue()).toBe('first line\nsecond line');
    // Focus is visible (an outline on the focused control).
    const outline = await page.evaluate(() => {
      const el = document.querySelector('support-bot')!.shadowRoot!.activeElement!;
      return getComputedStyle(el).outlineStyle;
    });
    expect(outline).toBe('solid');
    await page.close();
  });

  it('never sends while an IME is composing', async () => {
    const page = await open('preload=open&open=1');
    const input = widget(page).locator('textarea');
    await input.focus();
    // A real composition through DevTools: Enter confirms the candidate, it does not send.
    const cdp = await browser.context.newCDPSession(page);
    await cdp.send('Input.imeSetComposition', {
      text: 'ni hao',
      selectionStart: 6,
      selectionEnd: 6,
    });
    await page.evaluate(() => {
      const ta = document.querySelector('support-bot')!.shadowRoot!.querySelector('textarea')!;
      for (const init of [{ isComposing: true }, { keyCode: 229 }])
        ta.dispatchEvent(
          new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, cancelable: true, ...init }),
        );
    });
    await cdp.send('Input.insertText', { text: '你好' });
    expect(await widget(page).locator('li.user').count()).toBe(0);
    expect(await input.inputValue()).toBe('你好');
    await page.keyboard.press('Enter');
    await expect.poll(() => widget(page).locator('li.user').count(), SLOW).toBe(1);
    await page.close();
  });
});

describe('motion, theming and isolation', () => {
  it('respects reduced motion', async () => {
    const page = await open('open=1');
    const animation = () =>
      page.evaluate(
        () =>
          getComputedStyle(
            document.querySelector('support-bot')!.shadowRoot!.querySelector('.panel')!,
          ).animationName,
      );
    expect(await animation()).toBe('sb-in');
    await page.emulateMedia({ reducedMotion: 'reduce' });
    expect(await animation()).toBe('none');
    await page.close();
  });

  it('takes --sb-* properties and ::part rules from the page, and none of its other CSS', async () => {
    const page = await open('open=1');
    // The page's own stylesheet (inline <style> is refused by the CSP, as on a strict site).
    await page.addStyleTag({ url: '/theme.css' });
    const styles = await page.evaluate(() => {
      const root = document.querySelector('support-bot')!.shadowRoot!;
      const css = (sel: string) => getComputedStyle(root.querySelector(sel)!);
      return {
        launcher: css('.launcher').backgroundColor,
        send: css('.send').borderRadius,
        font: css('textarea').fontFamily,
        textareaBackground: css('textarea').backgroundColor,
      };
    });
    expect(styles.launcher).toBe('rgb(200, 0, 0)');
    expect(styles.send).toBe('3px');
    // The page styles every button, p and textarea pink in Courier; the shadow root is immune.
    expect(styles.font).not.toContain('Courier');
    expect(styles.textareaBackground).toBe('rgb(255, 255, 255)');
    await page.close();
  });

  it('names every visible piece with a part', async () => {
    const page = await open('preload=open');
    await ask(page, 'do you price match?');
    const unnamed = await page.evaluate(() => {
      const root = document.querySelector('support-bot')!.shadowRoot!;
      return [
        ...root.querySelectorAll('button, textarea, a, li, header, h2, form, progress, [role]'),
      ]
        .filter((el) => el.getBoundingClientRect().width > 0 && !el.closest('[part]'))
        .map((el) => el.outerHTML.slice(0, 80));
    });
    expect(unnamed).toEqual([]);
    await page.close();
  });
});

describe('screenshots (light, dark, Chinese, right-to-left, loading, basic mode, small screen)', () => {
  it('writes them to test-results/screenshots', async () => {
    const states: [string, string, string[]][] = [
      ['light', 'preload=open', ['where is my order?', 'do you price match?']],
      ['dark', 'preload=open&theme=dark', ['can I return a jacket that does not fit?']],
      [
        'zh',
        'preload=open&bot=acme-store.zh.index&lang=zh-CN',
        ['我的快递怎么还没到', '下雨天穿冲锋衣会湿吗'],
      ],
      ['rtl', 'preload=open&lang=ar&dir=rtl', ['how long does shipping take?']],
    ];
    for (const [name, query, questions] of states) {
      const page = await open(query);
      for (const q of questions) await ask(page, q);
      await widget(page).locator('textarea').blur();
      await page.screenshot({ path: `${SHOTS}/${name}.png` });
      await page.close();
    }
    // While the model loads, and in basic mode (model missing).
    const loading = await open('preload=open&id=loading&bot=acme-store.json');
    await widget(loading).locator('.launcher').click();
    await widget(loading).locator('[part="progress"]').waitFor();
    await loading.screenshot({ path: `${SHOTS}/loading.png` });
    await loading.close();
    // A fresh profile: transformers.js finds a cached model by id whatever its URL.
    const fresh = await launch();
    try {
      const { page: basic } = await newPage(fresh.context);
      await basic.goto(`${server.url}page.html?preload=open&model=/no-models-here/`);
      await ask(basic, 'how do I reset my password');
      await widget(basic).locator('[part="notice"]').waitFor();
      await widget(basic).locator('textarea').blur();
      await basic.screenshot({ path: `${SHOTS}/basic-mode.png` });
    } finally {
      await fresh.close();
    }

    const { page } = await newPage(browser.context);
    await page.setViewportSize({ width: 390, height: 740 });
    await page.goto(`${server.url}page.html?bot=acme-store.index&device=wasm&preload=open`);
    await ask(page, 'do you ship to PO boxes?');
    const panel = await widget(page).locator('[part="panel"]').boundingBox();
    expect(panel).toMatchObject({ x: 0, y: 0, width: 390, height: 740 });
    await page.screenshot({ path: `${SHOTS}/mobile.png` });
    await page.close();
  });
});
