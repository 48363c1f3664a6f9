/**
 * The escalation handler as deployed: a real node:http server on 127.0.0.1 in front of a mock
 * OpenAI-compatible upstream (also a real server on 127.0.0.1), exercised with fetch.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEscalationHandler } from './create-escalation-handler.js';
import { MemoryTokenBucket } from './guards/token-bucket.js';
import type { EscalationRequest } from './protocol.js';
import { openAICompatible } from './providers/openai-compatible.js';
import { redactPII } from './redact-pii.js';
import { toNodeHandler } from './to-node-handler.js';

const ORIGIN = 'https://shop.example';
let upstreamMode: 'ok' | 'fail-once' | 'down' | 'bad-request' = 'ok';
let upstreamCalls = 0;
let lastUpstreamBody = '';

function listen(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ server: Server; url: string }> {
  const server = createServer(handler);
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` }),
    ),
  );
}

let upstream: { server: Server; url: string };
let adapter: { server: Server; url: string };
const logs: string[] = [];

beforeAll(async () => {
  upstream = await listen((req, res) => {
    upstreamCalls++;
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      lastUpstreamBody = body;
      if (upstreamMode === 'down' || (upstreamMode === 'fail-once' && upstreamCalls === 1)) {
        res.writeHead(503).end('{"error":"overloaded","key":"sk-secret"}');
        return;
      }
      if (upstreamMode === 'bad-request') return void res.writeHead(400).end('{}');
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      for (const word of ['Our ', 'jackets ', 'are ', 'waterproof.']) {
        res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: word } }] })}\n\n`);
      }
      res.end('data: [DONE]\n\n');
    });
  });
  const handler = createEscalationHandler({
    provider: openAICompatible({
      baseUrl: `${upstream.url}/v1`,
      model: 'test-model',
      apiKey: 'sk-secret',
    }),
    allowedOrigins: [ORIGIN],
    rateLimit: new MemoryTokenBucket(5, 1),
    clientKey: (r) => r.headers.get('x-client') ?? 'anon',
    maxBodyBytes: 4096,
    log: (m) => logs.push(m),
  });
  adapter = await listen(toNodeHandler(handler));
});
afterAll(() => {
  upstream.server.close();
  adapter.server.close();
});

const request = (overrides: Partial<EscalationRequest> = {}): EscalationRequest => ({
  version: 1,
  messages: [
    {
      role: 'user',
      text: 'Are your jackets waterproof? Mail me at jo@example.com or call +44 20 7946 0958',
    },
  ],
  locale: 'en',
  bot: { name: 'Acme', language: 'en' },
  intents: [{ id: 'returns', confidence: 0.2 }],
  faq: [{ id: 'waterproof', question: 'Are your jackets waterproof?', answer: 'Yes, 20,000 mm.' }],
  ...overrides,
});

const post = (body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${adapter.url}/api/support`, {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      'content-type': 'application/json',
      'x-client': crypto.randomUUID(),
      ...headers,
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('escalation handler over real HTTP on 127.0.0.1', () => {
  it('streams a grounded answer as server-sent events, with PII redacted before it reaches the LLM', async () => {
    upstreamMode = 'ok';
    const response = await post(request());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('text/event-stream');
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    const text = await response.text();
    const deltas = [...text.matchAll(/event: delta\ndata: (.*)\n/g)]
      .map((m) => JSON.parse(m[1]!).text)
      .join('');
    expect(deltas).toBe('Our jackets are waterproof.');
    expect(text).toContain('event: done\ndata: {"finishReason":"stop"}');
    const sent = JSON.parse(lastUpstreamBody);
    expect(sent.messages[0].content).toContain(
      'Are your jackets waterproof?\nAnswer: Yes, 20,000 mm.',
    );
    expect(sent.messages[1].content).toBe(
      'Are your jackets waterproof? Mail me at [email] or call [phone]',
    );
    expect(lastUpstreamBody).not.toContain('jo@example.com');
  });

  it('answers with one JSON body when stream is false', async () => {
    upstreamMode = 'ok';
    const response = await post(request({ stream: false }));
    expect(await response.json()).toEqual({
      text: 'Our jackets are waterproof.',
      finishReason: 'stop',
      fallback: false,
    });
  });

  it('answers CORS preflight for allowed origins and refuses others with 403', async () => {
    const preflight = await fetch(`${adapter.url}/api/support`, {
      method: 'OPTIONS',
      headers: { origin: ORIGIN, 'access-control-request-method': 'POST' },
    });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-methods')).toBe('POST');
    const evil = await post(request(), { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ error: { code: 'ORIGIN_NOT_ALLOWED' } });
  });

  it('rejects oversized, malformed and invalid bodies with clear 4xx codes', async () => {
    const big = await post(request({ messages: [{ role: 'user', text: 'x'.repeat(5000) }] }));
    expect([big.status, (await big.json()).error.code]).toEqual([413, 'BODY_TOO_LARGE']);
    const bad = await post('{not json');
    expect([bad.status, (await bad.json()).error.code]).toEqual([400, 'INVALID_JSON']);
    const invalid = await post({ ...request(), messages: [{ role: 'robot', text: 'hi' }] });
    expect(await invalid.json()).toEqual({
      error: {
        code: 'INVALID_REQUEST',
        message: 'messages[0].role: must be "user" or "assistant"',
      },
    });
  });

  it('rate-limits per client with 429 and Retry-After, admitting exactly the budget', async () => {
    const client = { 'x-client': 'one-client' };
    const statuses = await Promise.all(
      Array.from({ length: 8 }, () => post('{}', client).then((r) => r.status)),
    );
    expect(statuses.filter((s) => s !== 429)).toHaveLength(5);
    const limited = await post('{}', client);
    expect(limited.status).toBe(429);
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });

  it('retries a 5xx upstream once, and falls back without leaking upstream details when it stays down', async () => {
    upstreamMode = 'fail-once';
    upstreamCalls = 0;
    const retried = await (await post(request({ stream: false }))).json();
    expect(retried.text).toBe('Our jackets are waterproof.');
    expect(upstreamCalls).toBe(2);

    upstreamMode = 'down';
    upstreamCalls = 0;
    const text = await (await post(request())).text();
    expect(text).toContain('"fallback":true');
    expect(text).not.toContain('sk-secret');
    expect(upstreamCalls).toBe(3);
    expect(logs.some((l) => l.includes('HTTP 503'))).toBe(true);

    upstreamMode = 'bad-request';
    upstreamCalls = 0;
    await (await post(request())).text();
    expect(upstreamCalls).toBe(1); // a 4xx is not retried
  });
});

describe('redactPII', () => {
  it('redacts e-mails, phones, Luhn-valid cards and valid IBANs, and keeps order numbers', () => {
    const { text, found } = redactPII(
      'Card 4111 1111 1111 1111, order 1234567890123, IBAN GB82 WEST 1234 5698 7654 32, phone (415) 555-2671, a@b.co',
    );
    expect(text).toBe('Card [card], order 1234567890123, IBAN [iban], phone [phone], [email]');
    expect(found.sort()).toEqual(['card', 'email', 'iban', 'phone']);
  });
});
