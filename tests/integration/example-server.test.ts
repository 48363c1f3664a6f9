/**
 * examples/server: the demo page and the adapter on one origin, run for real on 127.0.0.1 with a
 * mock OpenAI-compatible upstream (also on 127.0.0.1), and without any LLM configured.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from '../support/models.js';

const { startExampleServer } = (await import(repoPath('examples/server/server.mjs'))) as {
  startExampleServer(options: {
    port: number;
    env: Record<string, string>;
    log: { warn(m: string): void };
  }): Promise<Server>;
};

const url = (server: Server) => `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const body = {
  version: 1,
  messages: [
    { role: 'user', text: 'Can I return a gift without a receipt? my email is jo@example.com' },
  ],
  locale: 'en',
  bot: { name: 'Acme Outfitters', language: 'en' },
  intents: [{ id: 'returns', confidence: 0.31 }],
  faq: [
    {
      id: 'gift_receipt',
      question: 'Can I include a gift receipt?',
      answer: 'Tick "This is a gift" at checkout.',
      score: 0.4,
    },
  ],
  stream: false,
};

let upstream: Server;
let upstreamBody = '';
beforeAll(async () => {
  upstream = createServer((req, res) => {
    let data = '';
    req.on('data', (c) => (data += c));
    req.on('end', () => {
      upstreamBody = data;
      // What an OpenAI-compatible API sends for `stream: true`.
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const content of ['Yes, ', 'within 60 days.']) {
        res.write(`data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`);
      }
      res.write(`data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] })}\n\n`);
      res.end('data: [DONE]\n\n');
    });
  });
  await new Promise<void>((resolve) => upstream.listen(0, '127.0.0.1', resolve));
});
afterAll(() => upstream.close());

describe('examples/server', () => {
  it('serves the demo page and answers escalations through the configured LLM, redacted', async () => {
    const warnings: string[] = [];
    const server = await startExampleServer({
      port: 0,
      env: {
        SUPPORT_BOT_LLM_BASE_URL: `${url(upstream)}/v1`,
        SUPPORT_BOT_LLM_MODEL: 'mock',
        SUPPORT_BOT_LLM_API_KEY: 'sk-test',
      },
      log: { warn: (m) => warnings.push(m) },
    });
    try {
      const page = await fetch(`${url(server)}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<support-bot');
      const reply = await fetch(`${url(server)}/api/support`, {
        method: 'POST',
        headers: { origin: url(server), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(reply.status).toBe(200);
      expect(await reply.json()).toMatchObject({ text: 'Yes, within 60 days.' });
      expect(upstreamBody).toContain('Tick \\"This is a gift\\" at checkout.');
      expect(upstreamBody).not.toContain('jo@example.com');
      const foreign = await fetch(`${url(server)}/api/support`, {
        method: 'POST',
        headers: { origin: 'https://evil.example', 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(foreign.status).toBe(403);
    } finally {
      server.close();
    }
  });

  it('without an LLM still serves the bot, answers escalations with the fallback, and logs why', async () => {
    const warnings: string[] = [];
    const server = await startExampleServer({
      port: 0,
      env: {},
      log: { warn: (m) => warnings.push(m) },
    });
    try {
      const reply = await fetch(`${url(server)}/api/support`, {
        method: 'POST',
        headers: { origin: url(server), 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
      expect(reply.status).toBe(200);
      expect((await reply.json()).text.length).toBeGreaterThan(0);
      expect(warnings.join('\n')).toMatch(/SUPPORT_BOT_LLM_BASE_URL/);
    } finally {
      server.close();
    }
  });
});
