/**
 * Issue #12, items 2 and 3, over real HTTP on 127.0.0.1:
 * - behind a proxy (the test is the proxy: it connects from 127.0.0.1 and appends the visitor's
 *   address to X-Forwarded-For, as nginx's $proxy_add_x_forwarded_for does), `trustProxy: 1`
 *   under toNodeHandler gives each visitor its own bucket, and a visitor forging entries on the
 *   left does not get a fresh one;
 * - with a real redis-server paused (SIGSTOP) or restarting, escalations are answered within the
 *   store timeout: `deny` with 503, `memory` through the in-memory insurance limiter, `allow`
 *   through with a logged warning.
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEscalationHandler,
  createRedisRateLimitStore,
  type EscalationHandlerOptions,
  toNodeHandler,
} from '../../packages/server-adapter/src/index.js';
import { escalationRequest } from '../../packages/server-adapter/src/testing/fixtures.js';
import {
  connectRedis,
  type RedisServer,
  startRedisServer,
} from '../../packages/server-adapter/src/testing/redis-server.js';

const ORIGIN = 'https://shop.example';
const servers: Server[] = [];
let redis: RedisServer;
const redisClients: { destroy(): void }[] = [];

beforeAll(async () => {
  redis = await startRedisServer();
});
afterAll(async () => {
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
  for (const c of redisClients) c.destroy();
  await redis?.stop();
});

async function serve(options: Partial<EscalationHandlerOptions>): Promise<string> {
  const server = createServer(
    toNodeHandler(
      createEscalationHandler({
        allowedOrigins: [ORIGIN],
        fallbackReply: 'fallback',
        ...options,
      }),
    ),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/support`;
}

const post = (url: string, forwardedFor?: string) =>
  fetch(url, {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      'content-type': 'application/json',
      ...(forwardedFor && { 'x-forwarded-for': forwardedFor }),
    },
    body: JSON.stringify(escalationRequest({ stream: false })),
  });

describe('client address behind a proxy (trustProxy under toNodeHandler)', () => {
  it('gives each visitor behind one proxy its own bucket, and forged entries change nothing', async () => {
    const url = await serve({
      logger: { warn() {} },
      rateLimit: { capacity: 1, refillPerMinute: 1, trustProxy: 1 },
    });
    expect((await post(url, '203.0.113.7')).status).toBe(200);
    // A second visitor through the same proxy (socket 127.0.0.1) is not refused.
    expect((await post(url, '203.0.113.8')).status).toBe(200);
    // The first visitor again, with made-up addresses in front of the proxy's entry.
    expect((await post(url, '1.2.3.4, 203.0.113.7')).status).toBe(429);
    expect((await post(url, 'x, 5.6.7.8, 203.0.113.7')).status).toBe(429);
  });

  it('ignores X-Forwarded-For without trustProxy (the socket is the client)', async () => {
    const url = await serve({
      logger: { warn() {} },
      rateLimit: { capacity: 1, refillPerMinute: 1 },
    });
    expect((await post(url, '203.0.113.7')).status).toBe(200);
    expect((await post(url, '203.0.113.8')).status).toBe(429);
  });
});

describe('Redis rate-limit store paused or restarting', () => {
  async function handlerWith(
    onStoreError: 'deny' | 'memory' | 'allow',
    prefix: string,
    capacity = 2,
  ) {
    const client = await connectRedis(redis.url);
    redisClients.push(client);
    const logs: string[] = [];
    const url = await serve({
      logger: { warn: (m) => logs.push(m) },
      rateLimit: {
        capacity,
        refillPerMinute: 0.001,
        store: createRedisRateLimitStore({ client, prefix }),
        onStoreError,
        storeTimeoutMs: 300,
        storeRetryMs: 200,
        key: () => 'visitor',
      },
    });
    return { url, logs };
  }

  /** Status and milliseconds of one escalation, bounded at 10 s. */
  async function timed(url: string): Promise<{ status: number; ms: number }> {
    const t = performance.now();
    const response = await fetch(url, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify(escalationRequest({ stream: false })),
      signal: AbortSignal.timeout(10_000),
    });
    await response.arrayBuffer();
    return { status: response.status, ms: performance.now() - t };
  }

  it('deny: 503 within the store timeout while Redis is paused, 200 again once it runs', async () => {
    // Capacity 5: a take that timed out still runs once Redis resumes and spends its token.
    const { url, logs } = await handlerWith('deny', 'it:deny:', 5);
    expect((await timed(url)).status).toBe(200);
    redis.pause();
    try {
      const first = await timed(url);
      expect(first.status).toBe(503);
      expect(first.ms).toBeLessThan(2000);
      // Within storeRetryMs the store is not even asked: 503 at once.
      const second = await timed(url);
      expect(second.status).toBe(503);
      expect(second.ms).toBeLessThan(250);
    } finally {
      redis.resume();
    }
    await new Promise((r) => setTimeout(r, 250));
    expect((await timed(url)).status).toBe(200);
    expect(logs.join('\n')).toMatch(/rate-limit store failed .*answering 503/);
    expect(logs.join('\n')).toMatch(/rate-limit store is back/);
  });

  it('memory: limits in memory (same budget) while Redis is paused', async () => {
    const { url, logs } = await handlerWith('memory', 'it:memory:');
    redis.pause();
    try {
      const statuses = [];
      for (let i = 0; i < 4; i++) statuses.push((await timed(url)).status);
      expect(statuses).toEqual([200, 200, 429, 429]);
    } finally {
      redis.resume();
    }
    expect(logs.join('\n')).toMatch(/limiting in this instance's memory/);
  });

  it('allow: lets requests through with a logged warning while Redis restarts', async () => {
    const { url, logs } = await handlerWith('allow', 'it:allow:');
    await redis.down();
    try {
      const out = await timed(url);
      expect(out.status).toBe(200);
      expect(out.ms).toBeLessThan(2000);
    } finally {
      await redis.up();
    }
    expect(logs.join('\n')).toMatch(/letting requests through unlimited/);
  });
});
