/**
 * The English store bot's webhook actions against the example server's orders API over real HTTP
 * on 127.0.0.1 (real model, real fetch): order status and a return end to end, an unknown order,
 * a 500, a timeout, HTML/markdown in the answer kept as literal text, and every request recorded:
 * only the action's request carries the order number, and an escalation built from the same
 * conversation carries it redacted.
 */
import { readFileSync } from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createSupportBot, type SupportBot } from '@support-bot/core';
import { createConversation, slotRedactionPatterns } from '@support-bot/core/dialogue';
import { createEscalationRequest } from '@support-bot/core/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsDir, repoPath } from '../support/models.js';

const { startExampleServer } = (await import(repoPath('examples/server/server.mjs'))) as {
  startExampleServer(options: {
    port: number;
    env: Record<string, string>;
    log: { warn(m: string): void };
  }): Promise<Server>;
};

let server: Server;
let base: string;
let bot: SupportBot;
const requests: { url: string; method: string; body?: string }[] = [];
const recordingFetch: typeof fetch = async (input, init) => {
  requests.push({
    url: String(input),
    method: init?.method ?? 'GET',
    ...(typeof init?.body === 'string' && { body: init.body }),
  });
  return fetch(input, init);
};
const chat = () => createConversation({ bot, baseUrl: `${base}/shop/`, fetch: recordingFetch });

beforeAll(async () => {
  server = await startExampleServer({ port: 0, env: {}, log: { warn: () => undefined } });
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  bot = createSupportBot({
    config: readFileSync(repoPath('examples/bots/acme-store.json'), 'utf8'),
    modelBaseUrl: modelsDir('Xenova/all-MiniLM-L6-v2'),
    device: 'cpu',
  });
  await bot.ready;
});
afterAll(async () => {
  await bot.dispose();
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

describe('dialogue webhooks against the example server', () => {
  it('answers order status from /api/orders/:id', async () => {
    requests.length = 0;
    const c = chat();
    await c.send('where is my order?');
    expect(requests).toHaveLength(0);
    const r = await c.send('it is AC-104233');
    expect(r.replies[0]!.text).toBe(
      'Order AC-104233: Shipped with UPS. Expected on Friday 4 December.',
    );
    expect(requests).toEqual([{ url: `${base}/api/orders/AC-104233`, method: 'GET' }]);
  });

  it('starts a return with a POST of the slots only', async () => {
    requests.length = 0;
    const c = chat();
    await c.send('I want to return order AC-120001, it is too big');
    const r = await c.send('yes');
    expect(r.replies[0]!.text).toMatch(/^Your return is started: return number R-\d+\./);
    expect(requests).toHaveLength(1);
    expect(requests[0]!.method).toBe('POST');
    expect(JSON.parse(requests[0]!.body!)).toEqual({
      intent: 'start_return',
      slots: { order: 'AC-120001', reason: 'too_big' },
      locale: 'en',
    });
  });

  it('says so for an unknown order, a 500 and a timeout', async () => {
    const unknown = await chat().send('where is order AC-000001');
    expect(unknown.replies[0]!.kind).toBe('not_found');
    expect(unknown.replies[0]!.text).toContain("couldn't find an order AC-000001");
    const broken = await chat().send('where is order AC-500500');
    expect(broken.replies[0]!.kind).toBe('action_error');
    expect(broken.action?.outcome).toMatchObject({ ok: false, failure: 'http' });
    const started = Date.now();
    const slow = await chat().send('where is order AC-999000');
    expect(slow.replies[0]!.kind).toBe('action_error');
    expect(slow.action?.outcome).toMatchObject({ ok: false, failure: 'timeout' });
    expect(Date.now() - started).toBeLessThan(9000);
  }, 20_000);

  it('keeps HTML and markdown from the answer as literal parts', async () => {
    const r = await chat().send('where is order AC-777777');
    const reply = r.replies[0]!;
    expect(reply.text).toContain('<img src=x onerror="alert(1)">');
    const literal = reply.parts!.filter((p) => p.literal).map((p) => p.text);
    expect(literal).toContain('**Shipped** <img src=x onerror="alert(1)">');
    expect(literal).toContain('[Track it](javascript:alert(1)) <script>alert(2)</script>');
    expect(reply.parts!.filter((p) => !p.literal).map((p) => p.text)).toEqual([
      'Order ',
      ': ',
      '. ',
    ]);
  });

  it('redacts order numbers in an escalation built from the conversation', () => {
    const patterns = slotRedactionPatterns(bot.config);
    const body = createEscalationRequest(
      {
        messages: [
          { role: 'user', text: 'where is order AC-104233? mail me at jo@example.com' },
          { role: 'assistant', text: 'Order AC-104233: Shipped with UPS.' },
          { role: 'user', text: 'it never arrived' },
        ],
        locale: 'en',
        bot: { name: bot.config.name, language: 'en' },
      },
      { redact: { patterns } },
    );
    const sent = JSON.stringify(body);
    expect(sent).not.toContain('104233');
    expect(sent).not.toContain('jo@example.com');
    expect(body.messages[1]!.text).toBe('Order [order_number]: Shipped with UPS.');
  });
});
