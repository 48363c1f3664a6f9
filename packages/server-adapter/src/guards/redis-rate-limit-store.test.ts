/**
 * The Redis token bucket against a real redis-server (Debian package `redis-server`) started on
 * a free 127.0.0.1 port for this file. Without redis-server on PATH this file fails.
 */
import { createClient } from '@redis/client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEscalationHandler, type EscalationHandler } from '../create-escalation-handler.js';
import { escalationRequest } from '../testing/fixtures.js';
import { type RedisServer, startRedisServer } from '../testing/redis-server.js';
import { createRedisRateLimitStore, type RedisScriptClient } from './redis-rate-limit-store.js';

let redis: RedisServer;
const clients: { destroy(): void }[] = [];

async function connect() {
  const client = createClient({ url: redis.url });
  client.on('error', () => {});
  await client.connect();
  clients.push(client);
  return client;
}

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const c of clients) c.destroy();
  await redis?.stop();
});

const ORIGIN = 'https://shop.example';
function instance(
  client: RedisScriptClient,
  prefix: string,
  capacity: number,
  refillPerMinute: number,
) {
  return createEscalationHandler({
    allowedOrigins: [ORIGIN],
    fallbackReply: 'fallback',
    logger: { warn() {} },
    rateLimit: {
      capacity,
      refillPerMinute,
      store: createRedisRateLimitStore({ client, prefix }),
      key: () => 'visitor-1',
      // This file checks exactness, not outages: a loaded CI machine must not trip the timeout.
      storeTimeoutMs: 30_000,
    },
  });
}
const send = (handler: EscalationHandler) =>
  handler(
    new Request('http://adapter.test/api/support', {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify(escalationRequest({ stream: false })),
    }),
  );

describe('Redis rate-limit store', () => {
  it('two handler instances sharing one Redis admit exactly the budget under concurrency', async () => {
    const [a, b] = [await connect(), await connect()];
    const prefix = `t1:${Date.now()}:`;
    const one = instance(a, prefix, 25, 0.001);
    const two = instance(b, prefix, 25, 0.001);
    const responses = await Promise.all(
      Array.from({ length: 200 }, (_, i) => send(i % 2 === 0 ? one : two)),
    );
    const statuses = responses.map((r) => r.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(25);
    expect(statuses.filter((s) => s === 429)).toHaveLength(175);
    const limited = responses.find((r) => r.status === 429)!;
    // One token per 60,000 s at 0.001/minute.
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(50_000);
    // Each instance on its own (in memory) would have admitted 25. Which instance got the
    // tokens depends on scheduling; what proves the budget is shared is that, once 25 are
    // spent, both instances refuse.
    expect((await send(one)).status).toBe(429);
    expect((await send(two)).status).toBe(429);
  });

  it('refills by Redis server time and reports Retry-After', async () => {
    const client = await connect();
    const store = createRedisRateLimitStore({ client, prefix: `t2:${Date.now()}:` });
    const rule = { capacity: 2, refillPerSecond: 10 };
    expect((await store.take('k', rule)).allowed).toBe(true);
    expect((await store.take('k', rule)).allowed).toBe(true);
    const refused = await store.take('k', rule);
    expect(refused).toMatchObject({ allowed: false, remaining: 0 });
    expect(refused.retryAfterMs).toBeGreaterThan(0);
    expect(refused.retryAfterMs).toBeLessThanOrEqual(100);
    await new Promise((r) => setTimeout(r, refused.retryAfterMs + 30));
    expect((await store.take('k', rule)).allowed).toBe(true);
  });

  it('falls back from EVALSHA to EVAL after Redis lost its script cache', async () => {
    const client = await connect();
    const store = createRedisRateLimitStore({ client, prefix: `t3:${Date.now()}:` });
    const rule = { capacity: 5, refillPerSecond: 1 };
    expect((await store.take('k', rule)).remaining).toBe(4);
    await client.scriptFlush();
    expect((await store.take('k', rule)).remaining).toBe(3);
  });

  it('keys expire once their bucket is full again', async () => {
    const client = await connect();
    const prefix = `t4:${Date.now()}:`;
    const store = createRedisRateLimitStore({ client, prefix });
    await store.take('k', { capacity: 3, refillPerSecond: 1 });
    const ttl = await client.pTTL(`${prefix}k`);
    // One token to refill at 1/s: about 1 s, plus a second of slack.
    expect(ttl).toBeGreaterThan(1000);
    expect(ttl).toBeLessThanOrEqual(2000);
  });

  it('works with an eval-only client (the shape of the ioredis wrapper in the docs) and when Redis goes away answers 503', async () => {
    const raw = await connect();
    // ioredis: eval(script, numKeys, ...keys, ...args). Same wire command as below.
    const ioredisLike = {
      eval: (script: string, { keys, arguments: args }: { keys: string[]; arguments: string[] }) =>
        raw.sendCommand(['EVAL', script, String(keys.length), ...keys, ...args]),
    };
    const store = createRedisRateLimitStore({ client: ioredisLike, prefix: `t5:${Date.now()}:` });
    const rule = { capacity: 2, refillPerSecond: 0.001 };
    const decisions = await Promise.all([1, 2, 3].map(() => store.take('k', rule)));
    expect(decisions.map((d) => d.allowed).sort()).toEqual([false, true, true]);

    const broken = createEscalationHandler({
      allowedOrigins: [ORIGIN],
      fallbackReply: 'fallback',
      logger: { warn() {} },
      rateLimit: {
        store: createRedisRateLimitStore({
          client: { eval: () => Promise.reject(new Error('connect ECONNREFUSED 127.0.0.1:1')) },
        }),
      },
    });
    const response = await send(broken);
    expect(response.status).toBe(503);
    const body = await response.text();
    expect(JSON.parse(body)).toMatchObject({ error: { code: 'RATE_LIMIT_UNAVAILABLE' } });
    expect(body).not.toContain('ECONNREFUSED');
  });
});
