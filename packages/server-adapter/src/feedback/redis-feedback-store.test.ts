/**
 * The Redis stream store against a real redis-server (Debian package `redis-server`) on
 * 127.0.0.1, behind the real handler on a real HTTP server — including Redis going away in the
 * middle of a run. Without redis-server on PATH this file fails.
 */
import { createServer, type Server } from 'node:http';
import { createClient } from '@redis/client';
import { createFeedbackReport, type FeedbackReport } from '@support-bot/core/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type RedisServer, startRedisServer } from '../testing/redis-server.js';
import { toNodeHandler } from '../to-node-handler.js';
import { createFeedbackHandler } from './create-feedback-handler.js';
import { createRedisFeedbackStore } from './feedback-store.js';

const ORIGIN = 'https://shop.example';
let redis: RedisServer;
let writer: ReturnType<typeof createClient>;
let reader: ReturnType<typeof createClient>;
let server: Server;
let url: string;
const warnings: string[] = [];

beforeAll(async () => {
  redis = await startRedisServer({ persist: true });
  writer = createClient({ url: redis.url, socket: { reconnectStrategy: () => 100 } });
  writer.on('error', () => {});
  await writer.connect();
  reader = createClient({ url: redis.url, socket: { reconnectStrategy: () => 100 } });
  reader.on('error', () => {});
  await reader.connect();
  const handler = createFeedbackHandler({
    store: createRedisFeedbackStore({ client: writer, stream: 'test:feedback' }),
    allowedOrigins: [ORIGIN],
    rateLimit: false,
    retry: { attempts: 2, delayMs: 20, attemptTimeoutMs: 300 },
    logger: { warn: (m) => warnings.push(m) },
  });
  server = createServer(toNodeHandler(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  url = `http://127.0.0.1:${(server.address() as { port: number }).port}/api/feedback`;
});
afterAll(async () => {
  await new Promise((resolve) => server?.close(resolve));
  writer?.destroy();
  reader?.destroy();
  await redis?.stop();
});

const send = async (report: FeedbackReport) => {
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify(report),
    });
    return response.status;
  } catch {
    return 0; // network error: the client keeps the report, as for a 503
  }
};

const storedIds = async () => {
  const entries = await reader.xRange('test:feedback', '-', '+');
  return entries.map((e) => (JSON.parse(e.message.report!) as FeedbackReport).id);
};

describe('Redis stream feedback store', () => {
  it('writes XADD <stream> * report <json> entries that read back as the report', async () => {
    const report = createFeedbackReport({
      kind: 'unanswered',
      text: 'do you sell tents? call me on 415 555 0142',
      bot: { name: 'Acme', language: 'en' },
    });
    expect(await send(report)).toBe(202);
    const [entry] = await reader.xRange('test:feedback', '-', '+');
    expect(Object.keys(entry!.message)).toEqual(['report']);
    expect(JSON.parse(entry!.message.report!)).toEqual({
      ...report,
      text: 'do you sell tents? call me on [phone]',
    });
  });

  it('loses no report when Redis goes down and restarts mid-run (the client keeps and resends)', async () => {
    const reports = Array.from({ length: 60 }, (_, i) =>
      createFeedbackReport({
        kind: 'thumbs_down',
        text: `report ${i}`,
        bot: { name: 'Acme', language: 'en' },
      }),
    );
    const pending: FeedbackReport[] = [];
    const statuses = new Map<number, number>();
    const count = (s: number) => statuses.set(s, (statuses.get(s) ?? 0) + 1);
    const deadline = Date.now() + 120_000;
    for (const [i, report] of reports.entries()) {
      if (i === 20) await redis.down();
      if (i === 30) await redis.restart(); // up again, then a second restart later
      if (i === 31) await redis.restart();
      if (i === 25) await redis.up();
      // The widget's behaviour: resend what is kept first, then the new report.
      for (const r of [...pending.splice(0), report]) {
        const status = await send(r);
        count(status);
        if (status !== 202) pending.push(r);
      }
    }
    // Drain what is still kept, bounded in count and time.
    for (let round = 0; pending.length > 0 && round < 50 && Date.now() < deadline; round++) {
      for (const r of pending.splice(0)) {
        const status = await send(r);
        count(status);
        if (status !== 202) pending.push(r);
      }
      if (pending.length > 0) await new Promise((r) => setTimeout(r, 200));
    }
    expect(pending).toEqual([]);
    // While Redis was down the endpoint said so (and nothing was lost because of it).
    expect(statuses.get(503) ?? 0).toBeGreaterThan(0);
    expect(warnings.some((w) => /store failed after 2 attempts/.test(w))).toBe(true);
    const ids = new Set(await storedIds());
    for (const r of reports) expect(ids.has(r.id)).toBe(true);
  });
});
