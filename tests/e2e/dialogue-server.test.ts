/**
 * The dialogue in real headless Chromium against the example server (its orders API over real
 * HTTP on 127.0.0.1), without the widget: a page on the server's origin bundles core and
 * `@support-bot/core/dialogue`, runs the real model on WASM in the page, and renders replies the
 * way the core README asks (literal parts as text nodes). Order status and a return end to end,
 * an unknown order, a 500, a timeout, HTML/markdown in the answer shown as text, and every request
 * the browser makes recorded: only the action's request carries the visitor's words.
 */
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { build } from 'esbuild';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsDir, repoPath } from '../support/models.js';
import { type LaunchedBrowser, launch, newPage, type PageProblems } from './browser.js';

const { startExampleServer } = (await import(repoPath('examples/server/server.mjs'))) as {
  startExampleServer(options: {
    port: number;
    site: string;
    env: Record<string, string>;
    log: { warn(m: string): void };
  }): Promise<Server>;
};

// The page: the model in the page (core has no DOM and runs in a window as in a worker), the
// dialogue, and a renderer that follows the rule: literal parts are text, the rest is the bot
// file's markdown (here only **bold**, enough to tell the two apart).
const PAGE_SCRIPT = `
import { createSupportBot } from '@support-bot/core';
import { createConversation } from '@support-bot/core/dialogue';
const here = (p) => new URL(p, location.href).href;
const bot = createSupportBot({
  config: await (await fetch('/bots/acme-store.json')).text(),
  modelBaseUrl: here('/models/'),
  wasmPaths: here('/ort/'),
  device: 'wasm',
});
await bot.ready;
const chat = createConversation({
  bot,
  actions: { storeHours: async ({ slots }) => ({ data: { hours: '10:00-20:00', address: 'in ' + slots.city } }) },
});
const list = document.querySelector('#messages');
function markdown(text, into) {
  text.split(/(\\*\\*[^*]+\\*\\*)/).forEach((piece) => {
    if (/^\\*\\*[^*]+\\*\\*$/.test(piece)) {
      const strong = document.createElement('strong');
      strong.textContent = piece.slice(2, -2);
      into.append(strong);
    } else into.append(document.createTextNode(piece));
  });
}
window.say = async (text) => {
  const turn = await chat.send(text);
  for (const reply of turn.replies) {
    const li = document.createElement('li');
    li.dataset.kind = reply.kind;
    for (const part of reply.parts ?? [{ text: reply.text, literal: false }]) {
      if (part.literal) li.append(document.createTextNode(part.text));
      else markdown(part.text, li);
    }
    list.append(li);
  }
  return turn.replies.map((r) => ({ kind: r.kind, text: r.text }));
};
window.ready = true;
`;

let server: Server;
let origin: string;
let site: string;
let browser: LaunchedBrowser;
let page: Page;
let problems: PageProblems;
const requests: { url: string; method: string; body: string }[] = [];

beforeAll(async () => {
  site = mkdtempSync(path.join(tmpdir(), 'sb-dialogue-site-'));
  await build({
    stdin: { contents: PAGE_SCRIPT, resolveDir: repoPath('tests'), loader: 'js' },
    bundle: true,
    format: 'esm',
    platform: 'browser',
    target: 'es2022',
    outfile: path.join(site, 'page.js'),
    conditions: ['support-bot-source', 'onnxruntime-web-use-extern-wasm'],
    plugins: [
      {
        // transformers.js imports onnxruntime-web's WebGPU build; the page runs the plain WASM one.
        name: 'ort-wasm',
        setup(b) {
          b.onResolve({ filter: /^onnxruntime-web\/webgpu$/ }, (args) =>
            b.resolve('onnxruntime-web/wasm', { kind: args.kind, resolveDir: args.resolveDir }),
          );
        },
      },
    ],
    logLevel: 'error',
  });
  writeFileSync(
    path.join(site, 'index.html'),
    '<!doctype html><meta charset="utf-8"><title>dialogue</title><ul id="messages"></ul><script type="module" src="/page.js"></script>',
  );
  symlinkSync(modelsDir('Xenova/all-MiniLM-L6-v2'), path.join(site, 'models'));
  symlinkSync(repoPath('packages/widget/dist/ort'), path.join(site, 'ort'));
  symlinkSync(repoPath('examples/bots'), path.join(site, 'bots'));
  server = await startExampleServer({ port: 0, site, env: {}, log: { warn: () => undefined } });
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await launch();
  ({ page, problems } = await newPage(browser.context));
  page.on('request', (r) =>
    requests.push({ url: r.url(), method: r.method(), body: r.postData() ?? '' }),
  );
  await page.goto(`${origin}/`);
  await page.waitForFunction(
    () => (window as unknown as { ready?: boolean }).ready === true,
    null,
    {
      timeout: 240_000,
    },
  );
}, 300_000);

afterAll(async () => {
  await browser?.close();
  if (server) {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
  rmSync(site, { recursive: true, force: true });
});

const say = (text: string) =>
  page.evaluate(
    (t) =>
      (window as unknown as { say(t: string): Promise<{ kind: string; text: string }[]> }).say(t),
    text,
  );

describe('dialogue in Chromium against the example server', () => {
  it('answers order status from /api/orders/:id, asked over two turns', async () => {
    expect((await say('where is my order?'))[0]!.kind).toBe('ask');
    const replies = await say('it is AC-104233');
    expect(replies).toEqual([
      { kind: 'result', text: 'Order AC-104233: Shipped with UPS. Expected on Friday 4 December.' },
    ]);
  });

  it('starts a return with a confirmation and a POST of the slots', async () => {
    const confirm = await say('I want to return order AC-120001, it is too big');
    expect(confirm[0]).toEqual({
      kind: 'confirm',
      text: 'Start a return of order AC-120001 (reason: Too big) for a refund?',
    });
    const done = await say('yes');
    expect(done[0]!.text).toMatch(/^Your return is started: return number R-\d+\./);
    const post = requests.find((r) => r.method === 'POST' && r.url.endsWith('/return'))!;
    expect(post.url).toBe(`${origin}/api/orders/AC-120001/return`);
    expect(JSON.parse(post.body)).toEqual({
      intent: 'start_return',
      slots: { order: 'AC-120001', reason: 'too_big' },
      locale: 'en',
    });
  });

  it('says so for an unknown order, a 500 and a timeout, and keeps answering', async () => {
    expect((await say('where is order AC-000001'))[0]!.kind).toBe('not_found');
    expect((await say('where is order AC-500500'))[0]!.kind).toBe('action_error');
    const started = Date.now();
    const slow = await say('where is order AC-999000');
    expect(slow[0]!.kind).toBe('action_error');
    expect(slow[0]!.text).toContain("can't look up orders right now");
    expect(Date.now() - started).toBeLessThan(15_000);
    expect((await say('how much is shipping?'))[0]!.kind).toBe('answer');
  }, 60_000);

  it('shows HTML and markdown from the orders API as text', async () => {
    await say('where is order AC-777777');
    const last = page.locator('#messages li').last();
    expect(await last.textContent()).toBe(
      'Order AC-777777: **Shipped** <img src=x onerror="alert(1)">. [Track it](javascript:alert(1)) <script>alert(2)</script>',
    );
    expect(await page.locator('#messages img, #messages script, #messages a').count()).toBe(0);
    expect(await last.locator('strong').count()).toBe(0);
    expect(problems.errors).toEqual([]);
    expect(problems.csp).toEqual([]);
  });

  it('sends the visitor words and slot values nowhere but the action', () => {
    const words = ['104233', '120001', 'AC-000001', 'too big', 'where is', 'shipping'];
    const carrying = requests.filter((r) => words.some((w) => `${r.url} ${r.body}`.includes(w)));
    expect(carrying.length).toBeGreaterThan(0);
    for (const r of carrying) expect(new URL(r.url).pathname).toMatch(/^\/api\/orders\//);
    for (const r of requests) expect(new URL(r.url).origin).toBe(origin);
  });
});
