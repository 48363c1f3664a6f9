/**
 * The escalation adapter as deployed: a real node:http server on 127.0.0.1 (through
 * toNodeHandler) in front of a mock OpenAI-compatible provider, also a real server on
 * 127.0.0.1, exercised with fetch and read with the widget's own readEscalationStream.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type EscalationEvent, readEscalationStream } from '@support-bot/core/protocol';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import {
  createEscalationHandler,
  type EscalationHandlerOptions,
  openAICompatible,
  toNodeHandler,
} from '../../packages/server-adapter/src/index.js';
import { escalationRequest } from '../../packages/server-adapter/src/testing/fixtures.js';
import {
  type MockUpstream,
  startMockUpstream,
} from '../../packages/server-adapter/src/testing/mock-upstream.js';

const ORIGIN = 'https://shop.example';
const servers: Server[] = [];
let upstream: MockUpstream;

async function serve(
  listener: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<string> {
  const server = createServer(listener);
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/support`;
}

async function adapter(extra: Partial<EscalationHandlerOptions> = {}): Promise<string> {
  const handler = createEscalationHandler({
    provider: openAICompatible({
      baseURL: upstream.baseURL,
      model: 'mock',
      apiKey: 'sk-local-test-key',
    }),
    allowedOrigins: [ORIGIN],
    maxBodyBytes: 16 * 1024,
    logger: { warn() {} },
    ...extra,
  });
  return serve(toNodeHandler(handler));
}

beforeAll(async () => {
  upstream = await startMockUpstream();
});
beforeEach(() => {
  upstream.behaviour = {};
});
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
  await upstream.close();
});

const post = (url: string, body: unknown, init: RequestInit & { origin?: string } = {}) =>
  fetch(url, {
    method: 'POST',
    ...init,
    headers: {
      origin: init.origin ?? ORIGIN,
      'content-type': 'application/json',
      ...(init.headers as Record<string, string>),
    },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

async function events(response: Response, signal?: AbortSignal): Promise<EscalationEvent[]> {
  const out: EscalationEvent[] = [];
  for await (const e of readEscalationStream(response, signal ? { signal } : {})) out.push(e);
  return out;
}

describe('escalation adapter over real HTTP on 127.0.0.1', () => {
  it('answers a CORS preflight for an allowed origin and 403 for any other', async () => {
    const url = await adapter();
    const preflight = (origin: string) =>
      fetch(url, {
        method: 'OPTIONS',
        headers: {
          origin,
          'access-control-request-method': 'POST',
          'access-control-request-headers': 'content-type',
        },
      });
    const ok = await preflight(ORIGIN);
    expect(ok.status).toBe(204);
    expect(ok.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(ok.headers.get('access-control-allow-headers')).toBe('content-type');
    expect(ok.headers.get('access-control-max-age')).toBe('600');
    expect((await preflight('https://evil.example')).status).toBe(403);
    const evil = await post(url, escalationRequest(), { origin: 'https://evil.example' });
    expect(evil.status).toBe(403);
    expect(await evil.json()).toMatchObject({ error: { code: 'ORIGIN_NOT_ALLOWED' } });
    expect(upstream.requests).toHaveLength(0);
  });

  it('streams the answer through the socket as it is generated, and the widget reads it', async () => {
    const url = await adapter();
    upstream.behaviour = { words: ['One ', 'two ', 'three ', 'four.'], delayMs: 150 };
    const started = Date.now();
    const response = await post(url, escalationRequest());
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/event-stream; charset=utf-8');
    const arrivals: number[] = [];
    const seen: EscalationEvent[] = [];
    for await (const e of readEscalationStream(response)) {
      arrivals.push(Date.now() - started);
      seen.push(e);
    }
    expect(seen.map((e) => (e.type === 'delta' ? e.text : e.type))).toEqual([
      'One ',
      'two ',
      'three ',
      'four.',
      'done',
    ]);
    expect(seen.at(-1)).toMatchObject({
      usage: { inputTokens: 42, outputTokens: 4 },
      finishReason: 'stop',
    });
    // The first word reached the client long before the provider finished (4 x 150 ms).
    expect(arrivals.at(-1)! - arrivals[0]!).toBeGreaterThan(350);
    // What reached the provider was redacted.
    expect(JSON.stringify(upstream.requests.at(-1))).not.toContain('jo@example.com');
  });

  it('returns one JSON body for stream: false', async () => {
    const url = await adapter();
    const response = await post(url, escalationRequest({ stream: false }));
    expect(await response.json()).toEqual({
      text: 'Our jackets are waterproof.',
      usage: { inputTokens: 42, outputTokens: 4 },
      finishReason: 'stop',
    });
  });

  it('aborts the provider call when the visitor disconnects mid-answer', async () => {
    const url = await adapter();
    upstream.behaviour = { words: Array.from({ length: 40 }, (_, i) => `w${i} `), delayMs: 50 };
    const before = { aborted: upstream.aborted, completed: upstream.completed };
    const controller = new AbortController();
    const response = await post(url, escalationRequest(), { signal: controller.signal });
    const reader = response.body!.getReader();
    await reader.read(); // the first delta arrived
    controller.abort();
    const deadline = Date.now() + 3000;
    while (upstream.aborted === before.aborted && Date.now() < deadline) {
      await new Promise((r) => setTimeout(r, 25));
    }
    expect(upstream.aborted).toBe(before.aborted + 1);
    expect(upstream.completed).toBe(before.completed);
  });

  it('refuses a body over the limit with 413, also when it is chunked without a Content-Length', async () => {
    const url = await adapter();
    const big = escalationRequest({ messages: [{ role: 'user', text: 'x'.repeat(1900) }] });
    big.faq = Array.from({ length: 8 }, (_, i) => ({
      id: `f${i}`,
      question: 'q',
      answer: 'y'.repeat(3000),
      score: 1,
    }));
    const declared = await post(url, big);
    expect(declared.status).toBe(413);
    expect(await declared.json()).toMatchObject({ error: { code: 'BODY_TOO_LARGE' } });

    let sent = 0;
    const chunked = new ReadableStream<Uint8Array>({
      pull(controller) {
        // Bounded: at most 256 KiB, far over the 16 KiB limit.
        if (sent >= 256 * 1024) return controller.close();
        controller.enqueue(new Uint8Array(4096).fill(0x20));
        sent += 4096;
      },
    });
    const response = await fetch(url, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: chunked,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(
      upstream.requests.filter((r) => JSON.stringify(r).includes('y'.repeat(3000))),
    ).toHaveLength(0);
  });

  it('rate-limits by client address with 429 and Retry-After', async () => {
    const url = await adapter({ rateLimit: { capacity: 2, refillPerMinute: 1 } });
    const statuses = [];
    for (let i = 0; i < 4; i++) {
      const r = await post(url, escalationRequest({ stream: false }));
      statuses.push(r.status);
      if (r.status === 429) {
        expect(r.headers.get('retry-after')).toBe('60');
        expect(r.headers.get('access-control-expose-headers')).toContain('Retry-After');
        expect(await events(r)).toEqual([
          expect.objectContaining({
            type: 'error',
            code: 'RATE_LIMITED',
            retryable: true,
            retryAfter: 60,
          }),
        ]);
      } else await r.text();
    }
    expect(statuses).toEqual([200, 200, 429, 429]);
  });

  it('answers with the fallback when the provider is down, without leaking its error', async () => {
    const url = await adapter({ upstream: { retries: 1, backoffMs: 10 } });
    upstream.behaviour = { status: 503 };
    const text = await (await post(url, escalationRequest())).text();
    expect(text).toContain('"finishReason":"fallback"');
    expect(text).not.toContain('mock failure');
    expect(text).not.toContain('sk-local-test-key');
  });

  it('works behind a framework that already parsed the body (Express, Fastify)', async () => {
    const handle = toNodeHandler(
      createEscalationHandler({
        provider: openAICompatible({ baseURL: upstream.baseURL, model: 'mock' }),
        allowedOrigins: [ORIGIN],
        logger: { warn() {} },
      }),
    );
    const url = await serve((req, res) => {
      let raw = '';
      req.on('data', (c) => (raw += c));
      req.on('end', () => {
        Object.assign(req, { body: JSON.parse(raw) });
        void handle(req, res);
      });
    });
    const response = await post(url, escalationRequest({ stream: false }));
    expect(response.status).toBe(200);
    expect(((await response.json()) as { text: string }).text).toBe('Our jackets are waterproof.');
  });
});
