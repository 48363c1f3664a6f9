/**
 * The widget against the real escalation endpoint: `createEscalationHandler` from
 * @support-bot/server-adapter, in front of a local OpenAI-compatible mock LLM. The answer streams
 * into the widget, and what reaches the LLM is grounded in the browser's FAQ hits and carries no
 * personal data the visitor typed.
 */

import { readFileSync } from 'node:fs';
import { Readable } from 'node:stream';
import { createEscalationHandler, openAICompatible } from '@support-bot/server-adapter';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  type MockUpstream,
  startMockUpstream,
} from '../../packages/server-adapter/src/testing/mock-upstream.js';
import { serveCompiledBots } from '../support/compiled-bot.js';
import { repoPath } from '../support/models.js';
import { ask, type LaunchedBrowser, launch, newPage, widget } from './browser.js';
import { startTestServer, type TestServer } from './server.js';

// Real Chromium and real models on a shared machine: generous limits, still bounded.
vi.setConfig({ testTimeout: 600_000, hookTimeout: 600_000 });

let server: TestServer;
let browser: LaunchedBrowser;
let llm: MockUpstream;

beforeAll(async () => {
  server = await startTestServer();
  browser = await launch();
  llm = await startMockUpstream({ words: ['Lima ', 'is ', 'the ', 'capital.'], delayMs: 20 });
  const bot = JSON.parse(readFileSync(repoPath('examples/bots/acme-store.json'), 'utf8'));
  bot.escalation = { enabled: true, endpoint: '/api/support' };
  server.bots.set('adapter.json', JSON.stringify(bot));
  const handler = createEscalationHandler({
    provider: openAICompatible({ baseURL: llm.baseURL, model: 'mock', apiKey: 'test-key' }),
    allowedOrigins: [server.url.replace(/\/$/, '')],
    logger: { warn: () => undefined },
  });
  // Bridge the test server's endpoint to the Web-standard handler.
  server.escalation = async (body, response, request) => {
    const headers = new Headers();
    for (const [key, value] of Object.entries(request.headers))
      if (typeof value === 'string') headers.set(key, value);
    const answer = await handler(
      new Request(`${server.url}api/support`, {
        method: 'POST',
        headers,
        body: JSON.stringify(body),
      }),
      { clientAddress: '127.0.0.1' },
    );
    response.writeHead(answer.status, Object.fromEntries(answer.headers));
    if (answer.body) Readable.fromWeb(answer.body as never).pipe(response);
    else response.end();
  };
  // Compiled indexes: these tests are not about embedding a raw bot in the browser.
  await serveCompiledBots(server, {
    'adapter.index': bot,
  });
});
afterAll(async () => {
  await browser?.close();
  await server?.close();
  await llm?.close();
});

describe('escalation through @support-bot/server-adapter', () => {
  it('streams the LLM answer into the widget; the LLM sees FAQ grounding and no PII', async () => {
    const { page, problems } = await newPage(browser.context);
    await page.goto(`${server.url}page.html?device=wasm&preload=open&bot=adapter.index`);
    const reply = await ask(
      page,
      'Off topic: what is the capital of Peru? My card is 4111 1111 1111 1111, mail jo.doe@example.com',
    );
    expect(reply).toEqual({ kind: 'escalate', text: 'Lima is the capital.' });
    expect(llm.requests).toHaveLength(1);
    const sent = JSON.stringify(llm.requests[0]);
    expect(sent).not.toMatch(/4111|jo\.doe/);
    expect(sent).toContain('capital of Peru');
    expect(sent).toMatch(/\[card\]|\[email\]/);
    // Grounded: the FAQ hits the browser retrieved are in what the LLM was given.
    const escalation = server.log.find((r) => r.url === '/api/support');
    const { faq } = JSON.parse(escalation!.body) as { faq: { question: string }[] };
    expect(faq.length).toBeGreaterThan(0);
    expect(sent).toContain(JSON.stringify(faq[0]!.question).slice(1, -1));
    expect(await widget(page).locator('[part="failed"]').count()).toBe(0);
    expect(problems).toEqual({ errors: [], csp: [] });
    await page.close();
  });
});
