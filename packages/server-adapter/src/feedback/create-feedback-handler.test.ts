import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createFeedbackReport, type FeedbackReport } from '@support-bot/core/protocol';
import { afterAll, describe, expect, it } from 'vitest';
import { toNodeHandler } from '../to-node-handler.js';
import { createFeedbackHandler, type FeedbackHandlerOptions } from './create-feedback-handler.js';
import { createJsonLinesFeedbackStore, type FeedbackStore } from './feedback-store.js';

const ORIGIN = 'https://shop.example';
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A store in memory that can be made to fail. */
function memoryStore() {
  const reports: FeedbackReport[] = [];
  let failures = 0;
  const store: FeedbackStore & { reports: FeedbackReport[]; fail(n: number): void; calls: number } =
    {
      reports,
      calls: 0,
      fail(n) {
        failures = n;
      },
      async append(report) {
        store.calls++;
        if (failures > 0) {
          failures--;
          throw new Error('ECONNREFUSED 127.0.0.1:6379');
        }
        reports.push(report);
      },
    };
  return store;
}

const report = (overrides: Partial<FeedbackReport> = {}) => ({
  ...createFeedbackReport({
    kind: 'thumbs_down',
    text: 'wrong answer about my order',
    bot: { name: 'Acme', language: 'en' },
    reply: {
      kind: 'intent',
      confidence: 0.4,
      intent: { id: 'returns' },
      candidates: { intents: [{ id: 'returns', confidence: 0.4 }], faq: [] },
    },
  }),
  ...overrides,
});

function handlerWith(store: FeedbackStore, options: Partial<FeedbackHandlerOptions> = {}) {
  return createFeedbackHandler({
    store,
    allowedOrigins: [ORIGIN],
    logger: { warn() {} },
    retry: { delayMs: 1 },
    ...options,
  });
}

const post = (body: unknown, headers: Record<string, string> = {}) =>
  new Request('http://adapter.test/api/feedback', {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });

describe('createFeedbackHandler', () => {
  it('stores a valid report (202 with its id) and redacts again what a client did not', async () => {
    const store = memoryStore();
    const handler = handlerWith(store);
    const raw = report({ text: 'mail me at jo@example.com, card 4111 1111 1111 1111' });
    const response = await handler(post(raw), { clientAddress: '10.0.0.1' });
    expect(response.status).toBe(202);
    expect(await response.json()).toEqual({ ok: true, id: raw.id });
    expect(response.headers.get('access-control-allow-origin')).toBe(ORIGIN);
    expect(store.reports).toHaveLength(1);
    expect(store.reports[0]!.text).toBe('mail me at [email], card [card]');
    expect(store.reports[0]!.reply).toEqual(raw.reply);
  });

  it('refuses other origins, other methods, non-JSON, big bodies and bad reports, naming the field', async () => {
    const store = memoryStore();
    const handler = handlerWith(store);
    const other = await handler(post(report(), { origin: 'https://evil.example' }));
    expect(other.status).toBe(403);
    const get = await handler(
      new Request('http://adapter.test/api/feedback', { headers: { origin: ORIGIN } }),
    );
    expect(get.status).toBe(405);
    const text = await handler(post('hello', { 'content-type': 'text/plain' }));
    expect(text.status).toBe(415);
    const notJson = await handler(post('{"version":1,'));
    expect(notJson.status).toBe(400);
    // Counted as it arrives: a body without Content-Length is cut off too.
    const big = new ReadableStream({
      start(c) {
        c.enqueue(new TextEncoder().encode(JSON.stringify(report({ text: 'x'.repeat(20_000) }))));
        c.close();
      },
    });
    const tooLarge = await handler(
      new Request('http://adapter.test/api/feedback', {
        method: 'POST',
        headers: { origin: ORIGIN, 'content-type': 'application/json' },
        body: big,
        duplex: 'half',
      } as RequestInit),
    );
    expect(tooLarge.status).toBe(413);
    const bad = await handler(post({ ...report(), kind: 'meh' }));
    expect(bad.status).toBe(422);
    expect(await bad.json()).toMatchObject({
      error: { code: 'INVALID_REQUEST', field: 'kind', retryable: false },
    });
    expect(store.calls).toBe(0);
  });

  it('answers preflight for allowed origins only', async () => {
    const handler = handlerWith(memoryStore());
    const preflight = (origin: string) =>
      handler(
        new Request('http://adapter.test/api/feedback', {
          method: 'OPTIONS',
          headers: {
            origin,
            'access-control-request-method': 'POST',
            'access-control-request-headers': 'content-type',
          },
        }),
      );
    expect((await preflight(ORIGIN)).status).toBe(204);
    expect((await preflight('https://evil.example')).status).toBe(403);
  });

  it('limits each client to its budget (429 with Retry-After), apart from other clients', async () => {
    const handler = handlerWith(memoryStore(), { rateLimit: { capacity: 2, refillPerMinute: 1 } });
    const statuses = [];
    for (let i = 0; i < 3; i++)
      statuses.push((await handler(post(report()), { clientAddress: 'a' })).status);
    expect(statuses).toEqual([202, 202, 429]);
    const limited = await handler(post(report()), { clientAddress: 'a' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
    expect((await handler(post(report()), { clientAddress: 'b' })).status).toBe(202);
  });

  it('retries a failing store a bounded number of times, then 503 + Retry-After; recovers after', async () => {
    const store = memoryStore();
    const handler = handlerWith(store, {
      retry: { attempts: 3, delayMs: 1 },
      retryAfterSeconds: 7,
    });
    store.fail(2);
    const once = await handler(post(report()));
    expect(once.status).toBe(202); // third attempt worked
    expect(store.calls).toBe(3);

    store.fail(99);
    const down = await handler(post(report()));
    expect(down.status).toBe(503);
    expect(down.headers.get('retry-after')).toBe('7');
    const body = await down.json();
    expect(body).toMatchObject({ error: { code: 'STORE_UNAVAILABLE', retryable: true } });
    expect(JSON.stringify(body)).not.toContain('ECONNREFUSED');
    expect(store.calls).toBe(6);

    store.fail(0);
    expect((await handler(post(report()))).status).toBe(202);
    expect(store.reports).toHaveLength(2);
  });

  it('gives up on a store that never answers (per-attempt timeout)', async () => {
    const hanging: FeedbackStore = { append: () => new Promise(() => {}) };
    const handler = handlerWith(hanging, {
      retry: { attempts: 2, delayMs: 1, attemptTimeoutMs: 50 },
    });
    expect((await handler(post(report()))).status).toBe(503);
  });
});

describe('JSON-lines store behind a real HTTP server', () => {
  it('appends one intact line per report, also under 200 concurrent requests', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'support-bot-feedback-'));
    dirs.push(dir);
    const file = path.join(dir, 'nested', 'feedback.jsonl');
    const handler = createFeedbackHandler({
      store: createJsonLinesFeedbackStore({ path: file }),
      allowedOrigins: [ORIGIN],
      rateLimit: false,
      logger: { warn() {} },
    });
    const server = createServer(toNodeHandler(handler));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    try {
      const sent = Array.from({ length: 200 }, (_, i) =>
        report({ text: `question number ${i} ${'y'.repeat(i * 7)}` }),
      );
      const statuses = await Promise.all(
        sent.map(async (r) => {
          const res = await fetch(`http://127.0.0.1:${port}/api/feedback`, {
            method: 'POST',
            headers: { origin: ORIGIN, 'content-type': 'application/json' },
            body: JSON.stringify(r),
          });
          return res.status;
        }),
      );
      expect(statuses.every((s) => s === 202)).toBe(true);
    } finally {
      await new Promise((resolve) => server.close(resolve));
    }
    const lines = readFileSync(file, 'utf8').trimEnd().split('\n');
    expect(lines).toHaveLength(200);
    const texts = new Set(lines.map((l) => (JSON.parse(l) as FeedbackReport).text.split(' ')[2]));
    expect(texts.size).toBe(200);
  });
});
