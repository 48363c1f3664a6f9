/**
 * Embeddings cached in the browser (issue #15, item 2), in real headless Chromium with the real
 * model: a plain bot.json is embedded on the first visit and read back from IndexedDB on the next
 * one (the engine reports how many texts it embedded: 0), a changed example re-embeds only
 * itself, and with storage disabled (IndexedDB throws in the worker) the bot still answers, with no error shown.
 */
import { readFileSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { repoPath } from '../support/models.js';
import { ask, type LaunchedBrowser, launch, newPage, waitReady } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

let server: TestServer;
let browser: LaunchedBrowser;
const store = () => JSON.parse(readFileSync(repoPath('examples/bots/acme-store.json'), 'utf8'));

beforeAll(async () => {
  server = await startTestServer();
  browser = await launch();
  server.bots.set('plain.json', JSON.stringify(store()));
  const edited = store();
  const order = edited.intents.find((i: { id: string }) => i.id === 'order_status');
  order.examples[0] = 'has my parcel with the blue scarf left your warehouse yet';
  server.bots.set('edited.json', JSON.stringify(edited));
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
});

interface Loaded {
  embedding?: { embedded: number; cached: number; index?: boolean };
  loadMs: number;
  compiled: boolean;
}

async function visit(context: BrowserContext, bot: string): Promise<{ page: Page; info: Loaded }> {
  const { page, problems } = await newPage(context);
  await page.goto(`${server.url}page.html?device=wasm&preload=open&open=1&bot=${bot}`);
  await waitReady(page);
  const info = (await page.evaluate(
    () => (document.querySelector('support-bot') as unknown as { info: unknown }).info,
  )) as Loaded;
  expect(problems.errors).toEqual([]);
  return { page, info };
}

describe('embeddings cached in the browser', () => {
  it('embeds a plain bot.json once: the second visit embeds nothing, an edit only itself', async () => {
    const first = await visit(browser.context, 'plain.json');
    const total = first.info.embedding!.embedded + first.info.embedding!.cached;
    expect(first.info.compiled).toBe(false);
    expect(total).toBeGreaterThan(300);
    expect(first.info.embedding).toEqual({ embedded: total, cached: 0 });
    await first.page.close();

    // A second visit (same profile): the built index comes from IndexedDB, the encoder runs on
    // nothing and nothing is trained.
    const second = await visit(browser.context, 'plain.json');
    expect(second.info.embedding).toMatchObject({ embedded: 0, index: true });
    console.log(
      `[embedding cache] acme-store.json: first visit ${Math.round(first.info.loadMs)} ms to ready (${total} texts embedded), second ${Math.round(second.info.loadMs)} ms`,
    );
    expect((await ask(second.page, 'where is my order?')).text).toMatch(/order/i);
    await second.page.close();

    // One example changed: another file, so no stored index; only that text is embedded.
    const edited = await visit(browser.context, 'edited.json');
    expect(edited.info.embedding).toEqual({ embedded: 1, cached: total - 1 });
    await edited.page.close();
  });

  it('still answers with storage disabled, silently, and stores nothing', async () => {
    const isolated = await launch();
    try {
      // Storage disabled as in a locked-down profile: IndexedDB in the worker throws SecurityError.
      await isolated.context.route('**/widget/engine-wasm.worker.js', async (route) => {
        const response = await route.fetch();
        const body = `Object.defineProperty(self, 'indexedDB', { get() { throw new DOMException('The user denied permission to access the database.', 'SecurityError'); } });\n${await response.text()}`;
        await route.fulfill({ response, body });
      });
      const first = await visit(isolated.context, 'plain.json');
      const total = first.info.embedding!.embedded;
      expect(total).toBeGreaterThan(300);
      expect(first.info.embedding).toEqual({ embedded: total, cached: 0 });
      const reply = await ask(first.page, 'where is my order?');
      expect(reply.kind).toBe('intent');
      // No error in the panel.
      expect(await first.page.locator('support-bot [role="alert"]').count()).toBe(0);
      await first.page.close();
      const second = await visit(isolated.context, 'plain.json');
      expect(second.info.embedding).toEqual({ embedded: total, cached: 0 });
    } finally {
      await isolated.close();
    }
  });
});
