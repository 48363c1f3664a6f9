/**
 * <support-bot> in real headless Chromium with the real model in its Web Worker: the script-tag
 * demo page (examples/script-tag) served on 127.0.0.1.
 */

import { mkdirSync } from 'node:fs';
import type { Server } from 'node:http';
import type { SupportBotElement } from '@support-bot/widget';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { repoPath } from '../support/models.js';
import { ask, launch, startDemoServer } from './browser.js';

// The real model loads and embeds the bot's examples in the browser; on WebGPU that runs on
// SwiftShader (a CPU emulation of a GPU), so allow minutes. Behaviour is asserted, never speed.
vi.setConfig({ testTimeout: 400_000, hookTimeout: 400_000 });

let server: Server;
let url: string;
const SHOTS = repoPath('test-results/screenshots');

beforeAll(async () => {
  ({ server, url } = await startDemoServer());
  mkdirSync(SHOTS, { recursive: true });
});
afterAll(() => new Promise<void>((resolve) => server?.close(() => resolve())));

async function openWidget(page: Page, path = ''): Promise<void> {
  await page.goto(`${url}${path}`);
  await page.locator('support-bot .launcher').click();
}

describe('English store bot on WASM', () => {
  let browser: Awaited<ReturnType<typeof launch>>;
  let page: Page;
  const requests: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    browser = await launch();
    browser.context.on('request', (r) =>
      requests.push(`${r.method()} ${r.url()} ${r.postData() ?? ''}`),
    );
    page = await browser.context.newPage();
    page.on('pageerror', (e) => errors.push(e.message));
    await openWidget(page);
  });
  afterAll(() => browser?.close());

  it('answers a paraphrased intent question and an FAQ question with the real model in the worker', async () => {
    const intent = await ask(page, 'my parcel was due on Friday and still is not here');
    expect(intent.kind).toBe('intent');
    expect(intent.text).toContain('tracking');
    const faq = await ask(page, 'if another shop sells it for less, will you match that price?');
    expect(faq).toMatchObject({
      kind: 'faq',
      text: expect.stringContaining('refund the difference'),
    });
    const oos = await ask(page, 'what is the capital of Peru?');
    expect(oos.kind).toBe('fallback');
    const state = await page.evaluate(() => {
      const el = document.querySelector<SupportBotElement>('support-bot')!;
      return { device: el.engineDevice, degraded: el.info?.degraded, model: el.info?.modelId };
    });
    expect(state).toEqual({ device: 'wasm', degraded: false, model: 'Xenova/all-MiniLM-L6-v2' });
    await page.screenshot({ path: `${SHOTS}/en-light-wasm.png` });
    expect(errors).toEqual([]);
  });

  it('sends no request carrying what the visitor typed (escalation is off)', async () => {
    const secret = 'zebra-4471 my private question';
    await ask(page, secret);
    expect(requests.length).toBeGreaterThan(3);
    expect(requests.filter((r) => r.includes('zebra-4471') || r.includes('zebra%2D4471'))).toEqual(
      [],
    );
  });

  it('shows untrusted text as text: no element is injected and no script runs', async () => {
    const payloads = [
      '<img src=x onerror="window.__xss=1">',
      '<script>window.__xss=1</script>',
      '"><svg onload=window.__xss=1>',
      '[click](javascript:window.__xss=1)',
      '**<iframe src="javascript:window.__xss=1">**',
      '<a href="javascript:window.__xss=1">x</a>',
    ];
    for (const payload of payloads) await ask(page, payload);
    const found = await page.evaluate(() => {
      const root = document.querySelector<SupportBotElement>('support-bot')!.shadowRoot!;
      return {
        xss: (window as unknown as { __xss?: number }).__xss ?? 0,
        // Visitor bubbles hold only our spans; rendered markdown holds only text-level tags.
        injected:
          root.querySelectorAll('li.user :not(span)').length +
          root.querySelectorAll(
            'li.bot :is(p, ul) :is(img, script, svg, iframe, object, embed, style)',
          ).length,
        jsLinks: [...root.querySelectorAll('a')].filter((a) =>
          a.getAttribute('href')?.toLowerCase().startsWith('javascript'),
        ).length,
        shown: [...root.querySelectorAll('li.user')].map((li) => li.textContent ?? ''),
      };
    });
    expect(found).toMatchObject({ xss: 0, injected: 0, jsLinks: 0 });
    expect(found.shown.some((t) => t.includes('<img src=x onerror='))).toBe(true);
  });

  it('keeps the conversation across a reload and clears it on request', async () => {
    const before = await page.locator('support-bot li.user').count();
    await page.reload();
    await page.locator('support-bot .launcher').click();
    expect(await page.locator('support-bot li.user').count()).toBe(before);
    await page.locator('support-bot .clear').click();
    expect(await page.locator('support-bot li.user').count()).toBe(0);
  });

  it('is keyboard operable: focus moves into the panel, Shift+Enter is a newline, Escape closes and returns focus', async () => {
    const focusedPart = () =>
      page.evaluate(() =>
        document
          .querySelector<SupportBotElement>('support-bot')!
          .shadowRoot!.activeElement?.getAttribute('part'),
      );
    expect(await focusedPart()).toBe('input');
    await page.keyboard.type('first line');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('second line');
    expect(await page.locator('support-bot textarea').inputValue()).toBe('first line\nsecond line');
    expect(await page.locator('support-bot li.user').count()).toBe(0);
    await page.keyboard.press('Escape');
    expect(
      await page.evaluate(() => document.querySelector<SupportBotElement>('support-bot')!.open),
    ).toBe(false);
    expect(await focusedPart()).toBe('launcher');
  });
});

describe('on WebGPU (--enable-unsafe-webgpu)', () => {
  it('picks the WebGPU build and answers correctly', async () => {
    const browser = await launch({ webgpu: true });
    try {
      const page = await browser.context.newPage();
      await openWidget(page);
      const reply = await ask(page, 'how can I send back a jacket that does not fit?');
      expect(reply.kind).toBe('intent');
      expect(reply.text).toContain('60 days');
      expect(
        await page.evaluate(
          () => document.querySelector<SupportBotElement>('support-bot')!.engineDevice,
        ),
      ).toBe('webgpu');
    } finally {
      await browser.close();
    }
  });
});

describe('Chinese store bot', () => {
  it('answers in Chinese with the Chinese model, and the UI is in Chinese', async () => {
    const browser = await launch();
    try {
      const page = await browser.context.newPage();
      await openWidget(page, 'zh.html');
      const reply = await ask(page, '我的快递怎么还没到，帮我查查');
      expect(reply).toMatchObject({ kind: 'intent', text: expect.stringContaining('物流') });
      expect(await page.locator('support-bot .send').textContent()).toBe('发送');
      expect(
        await page.evaluate(
          () => document.querySelector<SupportBotElement>('support-bot')!.info?.modelId,
        ),
      ).toBe('Xenova/bge-small-zh-v1.5');
      await page.screenshot({ path: `${SHOTS}/zh-light.png` });
    } finally {
      await browser.close();
    }
  });
});
