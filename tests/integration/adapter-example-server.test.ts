/**
 * examples/server: the demo page and the adapter on one origin, run for real on 127.0.0.1 with a
 * mock OpenAI-compatible upstream (also on 127.0.0.1), and without any LLM configured.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFeedbackReport } from '@support-bot/core/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoPath } from '../support/models.js';

const { startExampleServer } = (await import(repoPath('examples/server/server.mjs'))) as {
  startExampleServer(options: {
    port: number;
    env: Record<string, string>;
    site?: string;
    log: { warn(m: string): void };
  }): Promise<Server>;
  providerFromEnv(env: Record<string, string>): { name: string } | undefined;
};
const { providerFromEnv } = (await import(repoPath('examples/server/server.mjs'))) as {
  providerFromEnv(env: Record<string, string>): { name: string } | undefined;
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
      // The FAQ answer reaches the LLM inside the system prompt's fenced JSON block.
      const system = (JSON.parse(upstreamBody) as { messages: { content: string }[] }).messages[0]!
        .content;
      expect(system).toContain('"answer": "Tick \\"This is a gift\\" at checkout."');
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

  it('serves its static folder: bot files with escalation pointed at /api/support, nothing outside the site', async () => {
    const site = mkdtempSync(path.join(tmpdir(), 'support-bot-site-'));
    mkdirSync(path.join(site, 'bots'));
    mkdirSync(path.join(site, 'node_modules'));
    writeFileSync(
      path.join(site, 'index.html'),
      '<support-bot config-src="bots/bot.json"></support-bot>',
    );
    writeFileSync(
      path.join(site, 'bots/bot.json'),
      JSON.stringify({
        name: 'Shop',
        faq: [{ id: 'a', question: 'Q?', answer: 'A.' }],
        escalation: { enabled: false, maxTurns: 4 },
      }),
    );
    writeFileSync(path.join(site, 'data.json'), '{"rows":[1,2]}');
    writeFileSync(path.join(site, '.env'), 'SECRET=1');
    writeFileSync(path.join(site, 'node_modules/x.js'), 'secret');
    const feedbackFile = path.join(site, 'out', 'feedback.jsonl');
    const server = await startExampleServer({
      port: 0,
      env: { SUPPORT_BOT_FEEDBACK_FILE: feedbackFile },
      site,
      log: { warn() {} },
    });
    try {
      const base = url(server);
      const page = await fetch(`${base}/`);
      expect(page.status).toBe(200);
      expect(page.headers.get('content-security-policy')).toContain("default-src 'self'");
      expect(await page.text()).toContain('<support-bot');
      // The example bots ship with escalation off; served here, they escalate to this server.
      const bot = await (await fetch(`${base}/bots/bot.json`)).json();
      expect(bot.escalation).toEqual({ enabled: true, maxTurns: 4, endpoint: '/api/support' });
      expect(bot.feedback).toEqual({ enabled: true, endpoint: '/api/feedback' });
      // Feedback lands in the JSON-lines file, redacted.
      const report = createFeedbackReport({
        kind: 'unanswered',
        text: 'do you ship to Mars',
        bot: { name: 'Shop', language: 'en' },
      });
      const posted = await fetch(`${base}/api/feedback`, {
        method: 'POST',
        headers: { origin: base, 'content-type': 'application/json' },
        body: JSON.stringify({ ...report, text: 'do you ship to Mars? jo@example.com' }),
      });
      expect(posted.status).toBe(202);
      expect(JSON.parse(readFileSync(feedbackFile, 'utf8'))).toEqual({
        ...report,
        text: 'do you ship to Mars? [email]',
      });
      expect(bot.faq).toHaveLength(1);
      expect(await (await fetch(`${base}/data.json`)).json()).toEqual({ rows: [1, 2] });
      expect((await fetch(`${base}/.env`)).status).toBe(403);
      expect((await fetch(`${base}/node_modules/x.js`)).status).toBe(403);
      expect((await fetch(`${base}/%2e%2e%2f%2e%2e%2fetc%2fpasswd`)).status).toBe(403);
      expect((await fetch(`${base}/missing.js`)).status).toBe(404);
      // A malformed escape is a 400, and the server keeps serving.
      expect((await fetch(`${base}/%E0%A4%A`)).status).toBe(400);
      expect((await fetch(`${base}/`, { method: 'DELETE' })).status).toBe(405);
      expect((await fetch(`${base}/`)).status).toBe(200);
    } finally {
      server.close();
      rmSync(site, { recursive: true, force: true });
    }
  });

  it('picks the provider from SUPPORT_BOT_LLM_PROVIDER and refuses unknown ones', () => {
    expect(providerFromEnv({})).toBeUndefined();
    expect(providerFromEnv({ SUPPORT_BOT_LLM_BASE_URL: 'http://127.0.0.1:1/v1' })?.name).toBe(
      'openai-compatible (gpt-4o-mini)',
    );
    expect(
      providerFromEnv({
        SUPPORT_BOT_LLM_PROVIDER: 'anthropic',
        SUPPORT_BOT_LLM_BASE_URL: 'https://api.anthropic.com',
        SUPPORT_BOT_LLM_MODEL: 'claude-test',
        SUPPORT_BOT_LLM_API_KEY: 'k',
      })?.name,
    ).toBe('anthropic (claude-test)');
    expect(() =>
      providerFromEnv({ SUPPORT_BOT_LLM_PROVIDER: 'gemini', SUPPORT_BOT_LLM_BASE_URL: 'x' }),
    ).toThrow(/SUPPORT_BOT_LLM_PROVIDER is "gemini"/);
  });
});
