/**
 * <support-bot> answers with the real model in its Web Worker, in real headless Chromium:
 * English on single-threaded WASM (raw bot.json first), English on WebGPU (compiled index), Chinese;
 * what leaves the browser; offline after the first visit; basic mode when the model is missing.
 */
import type { SupportBotElement } from '@support-bot/widget';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { serveCompiledBots } from '../support/compiled-bot.js';
import { ask, type LaunchedBrowser, launch, newPage, widget } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

// Real Chromium and real models on a shared machine: generous limits, still bounded.
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

let server: TestServer;

beforeAll(async () => {
  server = await startTestServer();
  // Compiled indexes where the raw bot is not the point (the first WASM test, the offline test and
  // basic mode keep the raw bot.json: embedding it on the first visit is what they check).
  await serveCompiledBots(server, {
    'acme-store.index': 'examples/bots/acme-store.json',
    'acme-store.zh.index': 'examples/bots/acme-store.zh.json',
  });
});
afterAll(() => server?.close());

const EN = {
  intent: ['my parcel was due on Friday and still is not here', 'delivery_delayed'],
  faq: ['if another shop sells it for less, will you match that price?', 'refund the difference'],
  outOfScope: 'what is the capital of Peru?',
} as const;

describe('English store bot on WASM (raw bot.json)', () => {
  let browser: LaunchedBrowser;
  const events: string[] = [];

  beforeAll(async () => {
    browser = await launch();
  });
  afterAll(() => browser?.close());

  it('answers a paraphrased intent question and an FAQ question with the real model in the worker', async () => {
    const { page, problems } = await newPage(browser.context);
    const workers: string[] = [];
    page.on('worker', (w) => workers.push(w.url()));
    await page.exposeFunction('__sbEvent', (e: string) => events.push(e));
    await page.addInitScript(() => {
      for (const type of ['sb-open', 'sb-ready', 'sb-message', 'sb-reply', 'sb-model-progress'])
        document.addEventListener(type, (e) =>
          (window as unknown as { __sbEvent(v: string): void }).__sbEvent(
            type === 'sb-reply'
              ? `${type}:${(e as unknown as { reply: { kind: string; intent?: { id: string } } }).reply.kind}:${(e as unknown as { reply: { intent?: { id: string } } }).reply.intent?.id ?? ''}`
              : type,
          ),
        );
    });
    await page.goto(`${server.url}page.html?device=wasm&preload=open`);
    // The launcher shows before anything of the model runtime is fetched.
    await widget(page).locator('.launcher').waitFor();
    expect(workers).toEqual([]);
    expect(server.log.some((r) => r.url.startsWith('/models/'))).toBe(false);
    // Opening starts the engine; a progress bar shows while the model downloads and indexes.
    await widget(page).locator('.launcher').click();
    const progress = widget(page).locator('[part="progress"]');
    await progress.waitFor();
    expect(await progress.textContent()).toMatch(
      /Downloading the assistant… \d+%|Getting the assistant ready/,
    );
    expect(await progress.locator('progress').getAttribute('aria-labelledby')).toBe(
      'progress-label',
    );
    await progress.waitFor({ state: 'detached', timeout: 240_000 });

    const intent = await ask(page, EN.intent[0]);
    expect(intent.kind).toBe('intent');
    expect(events).toContain(`sb-reply:intent:${EN.intent[1]}`);
    const faq = await ask(page, EN.faq[0]);
    expect(faq).toMatchObject({ kind: 'faq', text: expect.stringContaining(EN.faq[1]) });
    const oos = await ask(page, EN.outOfScope);
    expect(oos.kind).toBe('fallback');

    const state = await page.evaluate(() => {
      const el = document.querySelector<SupportBotElement>('support-bot')!;
      return { device: el.engineDevice, degraded: el.info?.degraded, model: el.info?.modelId };
    });
    expect(state).toEqual({ device: 'wasm', degraded: false, model: 'Xenova/all-MiniLM-L6-v2' });
    // The engine worker, and the early-answer worker that ran while it loaded.
    expect(workers.sort()).toEqual([
      `${server.url}widget/engine-early.worker.js`,
      `${server.url}widget/engine-wasm.worker.js`,
    ]);
    // The plain WASM build's pair is what ran; the WebGPU build's files were never fetched.
    expect(server.log.some((r) => r.url === '/widget/ort/ort-wasm-simd-threaded.wasm')).toBe(true);
    expect(server.log.some((r) => r.url.includes('asyncify'))).toBe(false);
    expect(events).toContain('sb-open');
    expect(events).toContain('sb-ready');
    expect(events.filter((e) => e === 'sb-model-progress').length).toBeGreaterThan(1);
    expect(problems).toEqual({ errors: [], csp: [] });
    await page.close();
  });

  it('sends no request carrying what the visitor typed when escalation is off', async () => {
    const { page } = await newPage(browser.context);
    const seen: string[] = [];
    // Intercept every request of the page and its worker, headers and body included.
    await browser.context.route('**/*', async (route) => {
      const r = route.request();
      seen.push(`${r.method()} ${r.url()} ${JSON.stringify(r.headers())} ${r.postData() ?? ''}`);
      await route.continue();
    });
    const before = server.log.length;
    await page.goto(`${server.url}page.html?bot=acme-store.index&device=wasm`);
    const secret = 'zebra-4471 where is my parcel';
    await ask(page, secret);
    await ask(page, 'my email is jo@example.com, refund me please');
    await browser.context.unroute('**/*');
    const wire = [...seen, ...server.log.slice(before).map((r) => `${r.url} ${r.body}`)];
    expect(wire.length).toBeGreaterThan(3);
    expect(
      wire.filter((r) => /zebra|4471|jo@example|refund me/i.test(decodeURIComponent(r))),
    ).toEqual([]);
    await page.close();
  });
});

describe('English store bot on WebGPU (--enable-unsafe-webgpu, compiled index)', () => {
  // The compiled index (registered above) keeps SwiftShader from embedding 300 examples.
  it('picks the WebGPU build after requestAdapter() and answers intent and FAQ questions correctly', async () => {
    const browser = await launch({ webgpu: true });
    try {
      const { page, problems } = await newPage(browser.context);
      await page.goto(`${server.url}page.html?bot=acme-store.index&preload=open`);
      const intent = await ask(page, EN.intent[0]);
      expect(intent.kind).toBe('intent');
      const faq = await ask(page, EN.faq[0]);
      expect(faq).toMatchObject({ kind: 'faq', text: expect.stringContaining(EN.faq[1]) });
      const state = await page.evaluate(() => {
        const el = document.querySelector<SupportBotElement>('support-bot')!;
        return { device: el.engineDevice, info: el.info?.device, compiled: el.info?.compiled };
      });
      expect(state).toEqual({ device: 'webgpu', info: 'webgpu', compiled: true });
      expect(server.log.some((r) => r.url === '/widget/engine-webgpu.worker.js')).toBe(true);
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await browser.close();
    }
  });
});

describe('Chinese store bot', () => {
  it('answers paraphrased Chinese questions with the Chinese model, with a Chinese UI', async () => {
    const browser = await launch();
    try {
      const { page, problems } = await newPage(browser.context);
      await page.goto(`${server.url}page.html?bot=acme-store.zh.index&lang=zh-CN&device=wasm`);
      // The FAQ question first: since #13 order_status is a form, and a question asked while it
      // waits for the order number is answered and followed by the form's prompt again.
      const faq = await ask(page, '下暴雨的时候穿你们的冲锋衣会不会湿透');
      expect(faq).toMatchObject({ kind: 'faq', text: expect.stringContaining('20000') });
      const intent = await ask(page, '我的快递怎么还没到，帮我查查');
      // delivery_delayed's answer, or order_status asking for the order number.
      expect(intent).toMatchObject({ kind: 'intent', text: expect.stringMatching(/物流|订单号/) });
      expect(await widget(page).locator('.send').textContent()).toBe('发送');
      expect(
        await page.evaluate(
          () => document.querySelector<SupportBotElement>('support-bot')!.info?.modelId,
        ),
      ).toBe('Xenova/bge-small-zh-v1.5');
      expect(problems).toEqual({ errors: [], csp: [] });
    } finally {
      await browser.close();
    }
  });
});

describe('offline and degraded', () => {
  it('answers with the network cut after the first visit (model, runtime and bot cached)', async () => {
    const browser = await launch();
    try {
      const first = await newPage(browser.context);
      await first.page.goto(`${server.url}page.html?device=wasm&preload=open`);
      await ask(first.page, EN.intent[0]);
      await first.page.close();

      const { page } = await newPage(browser.context);
      await page.goto(`${server.url}page.html?device=wasm&preload=open`);
      await widget(page).locator('.launcher').waitFor();
      await browser.context.setOffline(true);
      const logged = server.log.length;
      const faq = await ask(page, EN.faq[0]);
      expect(faq).toMatchObject({ kind: 'faq', text: expect.stringContaining(EN.faq[1]) });
      expect(
        await page.evaluate(
          () => document.querySelector<SupportBotElement>('support-bot')!.info?.degraded,
        ),
      ).toBe(false);
      // Nothing reached the server while offline: model, worker, ort and bot came from caches.
      expect(server.log.slice(logged)).toEqual([]);
      await browser.context.setOffline(false);
    } finally {
      await browser.close();
    }
  });

  it('shows a notice and answers by keywords when the model cannot load', async () => {
    const browser = await launch();
    try {
      const { page } = await newPage(browser.context);
      const errors: string[] = [];
      await page.exposeFunction('__sbError', (c: string) => errors.push(c));
      await page.addInitScript(() =>
        document.addEventListener('sb-error', (e) =>
          (window as unknown as { __sbError(v: string): void }).__sbError(
            (e as Event & { code: string }).code,
          ),
        ),
      );
      await page.goto(`${server.url}page.html?device=wasm&model=/no-models-here/&preload=open`);
      const reply = await ask(page, 'how do I reset my password');
      expect(reply.kind).toBe('intent');
      await expect
        .poll(() => widget(page).locator('[part="notice"]').textContent())
        .toContain('basic mode');
      expect(errors).toContain('MODEL_LOAD_FAILED');
      expect(
        await page.evaluate(
          () => document.querySelector<SupportBotElement>('support-bot')!.info?.degraded,
        ),
      ).toBe(true);
    } finally {
      await browser.close();
    }
  });
});
