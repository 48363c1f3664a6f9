/**
 * Isolation from the host page in real Chromium: a stylesheet that sets every inherited property
 * it can (on html, body and the support-bot tag itself) changes no computed style anywhere in
 * the widget, open with a conversation; the focus ring follows --sb-accent.
 */
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveCompiledBots } from '../support/compiled-bot.js';
import { ask, type LaunchedBrowser, launch, newPage, widget } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

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

/** Every computed property of every element in the widget's shadow root, by position. */
function computedStyles(page: Page): Promise<Record<string, Record<string, string>>> {
  return page.evaluate(() => {
    const root = document.querySelector('support-bot')!.shadowRoot!;
    const out: Record<string, Record<string, string>> = {};
    const elements = [document.querySelector('support-bot')!, ...root.querySelectorAll('*')];
    elements.forEach((el, i) => {
      const style = getComputedStyle(el);
      const props: Record<string, string> = {};
      for (let p = 0; p < style.length; p++) {
        const name = style.item(p);
        props[name] = style.getPropertyValue(name);
      }
      out[
        `${i}:${el.tagName.toLowerCase()}${el.getAttribute('part') ? `[${el.getAttribute('part')}]` : ''}`
      ] = props;
    });
    return out;
  });
}

/** Properties of the host that a page is meant to set: its own position in the page. */
const HOST_OWNED = new Set(['direction']);

describe('isolation from the host page', () => {
  it('renders the panel identically under a stylesheet that sets every inherited property', async () => {
    const { page } = await newPage(browser.context);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await page.goto(`${server.url}page.html?bot=acme-store.index&device=wasm&preload=open&id=iso`);
    await ask(page, 'where is my order?', 'iso');
    await ask(page, 'do you price match?', 'iso');
    await widget(page, 'iso').locator('textarea').blur();
    const before = await computedStyles(page);
    await page.addStyleTag({ url: '/hostile.css' });
    // The page itself did change (the stylesheet applies)...
    expect(
      await page.evaluate(() => getComputedStyle(document.querySelector('main p')!).textTransform),
    ).toBe('uppercase');
    const after = await computedStyles(page);
    const diffs: string[] = [];
    for (const [el, props] of Object.entries(before)) {
      for (const [name, value] of Object.entries(props)) {
        if (el.startsWith('0:') && HOST_OWNED.has(name)) continue;
        // The host's own box sits in the page; only its inherited typography matters.
        if (after[el]?.[name] !== value)
          diffs.push(`${el} ${name}: ${value} -> ${after[el]?.[name]}`);
      }
    }
    // ...and nothing in the widget did.
    expect(diffs.filter((d) => !d.startsWith('0:'))).toEqual([]);
    await page.close();
  });

  it('draws the focus ring in the site accent (--sb-accent)', async () => {
    const { page } = await newPage(browser.context);
    await page.goto(`${server.url}page.html?bot=acme-store.index&device=wasm&open=1&id=ring`);
    await page.addStyleTag({ url: '/theme.css' });
    await page.locator('main a').focus();
    await page.keyboard.press('Tab');
    const ring = await page.evaluate(() => {
      const el = document.querySelector('support-bot')!.shadowRoot!.activeElement!;
      const style = getComputedStyle(el);
      return {
        part: el.getAttribute('part'),
        style: style.outlineStyle,
        color: style.outlineColor,
      };
    });
    expect(ring).toEqual({ part: 'launcher', style: 'solid', color: 'rgb(200, 0, 0)' });
    await page.close();
  });
});
