/**
 * Bounded load test of the escalation adapter on 127.0.0.1 with a mock streaming provider.
 *
 *   node --conditions=support-bot-source --import tsx bench/adapter-load.ts [--requests 1000] [--concurrency 50]
 *
 * Three processes: this one is the load generator; the mock provider (an OpenAI-compatible SSE
 * server) and the adapter (node:http + toNodeHandler) each run in a child process, so the
 * adapter's RSS is its own. Prints markdown tables: throughput and latency through the adapter
 * against the provider called directly, the adapter's memory, and whether the rate limiter
 * admits exactly its budget under 500 concurrent clients, in memory and in Redis shared by two
 * adapter processes (with a 30 s store timeout: exactness, not outages; see adapter-faults.ts).
 * Exits 1 if a limiter admits a different number. Needs redis-server on PATH.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import {
  createEscalationHandler,
  createMemoryRateLimitStore,
  createRedisRateLimitStore,
  openAICompatible,
  type RateLimitStore,
  toNodeHandler,
} from '../packages/server-adapter/src/index.js';
import { escalationRequest } from '../packages/server-adapter/src/testing/fixtures.js';
import { startMockUpstream } from '../packages/server-adapter/src/testing/mock-upstream.js';
import {
  connectRedis,
  startRedisServer,
} from '../packages/server-adapter/src/testing/redis-server.js';

const ORIGIN = 'https://bench.example';
const WORDS = ['Our ', 'jackets ', 'are ', 'rated ', '20,000 ', 'mm ', 'and ', 'waterproof.'];

interface AdapterConfig {
  baseURL: string;
  rate?: {
    capacity: number;
    refillPerMinute: number;
    redisUrl?: string;
    prefix: string;
    perClient: boolean;
  };
}

type Message = { port?: number; rss?: number };

// ---- child processes ---------------------------------------------------------------------

async function runUpstreamChild(): Promise<void> {
  const upstream = await startMockUpstream({ words: WORDS, delayMs: 2 });
  process.on('message', () => process.send?.({ rss: process.memoryUsage().rss }));
  process.send?.({ port: Number(new URL(upstream.baseURL).port) });
}

async function runAdapterChild(config: AdapterConfig): Promise<void> {
  let store: RateLimitStore | undefined;
  if (config.rate?.redisUrl) {
    store = createRedisRateLimitStore({
      client: await connectRedis(config.rate.redisUrl),
      prefix: config.rate.prefix,
    });
  } else if (config.rate) store = createMemoryRateLimitStore();
  const handler = createEscalationHandler({
    provider: openAICompatible({ baseURL: config.baseURL, model: 'mock', apiKey: 'sk-bench' }),
    allowedOrigins: [ORIGIN],
    logger: { warn() {} },
    rateLimit:
      config.rate && store
        ? {
            capacity: config.rate.capacity,
            refillPerMinute: config.rate.refillPerMinute,
            store,
            ...(config.rate.perClient && {
              key: (r: Request) => r.headers.get('x-client') ?? undefined,
            }),
            // This run checks exactness under a 500-request burst, not outages: on a loaded
            // machine the default 1 s store timeout would turn slow takes into 503s.
            storeTimeoutMs: 30_000,
          }
        : false,
  });
  const server = createServer(toNodeHandler(handler));
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.on('message', () => process.send?.({ rss: process.memoryUsage().rss }));
  process.send?.({ port: (server.address() as AddressInfo).port });
}

interface Child {
  url: string;
  rss(): Promise<number>;
  stop(): void;
}

async function spawnChild(role: string, config?: AdapterConfig): Promise<Child> {
  const child: ChildProcess = fork(
    new URL(import.meta.url).pathname,
    [role, JSON.stringify(config ?? {})],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${role} did not start`)), 30_000);
    child.once('message', (m: Message) => {
      clearTimeout(timer);
      resolve(m.port!);
    });
    child.once('exit', (code) => reject(new Error(`${role} exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}`,
    rss: () =>
      new Promise((resolve) => {
        child.once('message', (m: Message) => resolve(m.rss ?? 0));
        child.send('rss');
      }),
    stop: () => child.kill('SIGTERM'),
  };
}

// ---- load generation ---------------------------------------------------------------------

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? Number.NaN;

async function load(
  total: number,
  concurrency: number,
  send: (i: number) => Promise<Response>,
): Promise<{ latencies: number[]; statuses: number[]; seconds: number }> {
  const latencies: number[] = [];
  const statuses: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: Math.min(concurrency, total) }, async () => {
      while (next < total) {
        const i = next++;
        const t = performance.now();
        const response = await send(i);
        await response.arrayBuffer();
        latencies.push(performance.now() - t);
        statuses.push(response.status);
      }
    }),
  );
  return {
    latencies: latencies.sort((a, b) => a - b),
    statuses,
    seconds: (performance.now() - started) / 1000,
  };
}

const escalationBody = JSON.stringify(escalationRequest());
const toAdapter = (url: string, client?: string) =>
  fetch(`${url}/api/support`, {
    method: 'POST',
    headers: {
      origin: ORIGIN,
      'content-type': 'application/json',
      ...(client && { 'x-client': client }),
    },
    body: escalationBody,
  });
const upstreamBody = JSON.stringify({
  model: 'mock',
  stream: true,
  messages: [{ role: 'user', content: 'Are your jackets waterproof?' }],
});
const toUpstream = (url: string) =>
  fetch(`${url}/v1/chat/completions`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bench' },
    body: upstreamBody,
  });

async function limiterRun(
  name: string,
  instances: Child[],
  perClient: boolean,
  expected: number,
): Promise<{
  name: string;
  sent: number;
  admitted: number;
  refused: number;
  unavailable: number;
  expected: number;
  ok: boolean;
}> {
  const clients = 500;
  const perClientRequests = perClient ? 3 : 1;
  const sends: Promise<Response>[] = [];
  for (let c = 0; c < clients; c++) {
    for (let k = 0; k < perClientRequests; k++) {
      const target = instances[(c * perClientRequests + k) % instances.length]!;
      sends.push(toAdapter(target.url, perClient ? `client-${c}` : undefined));
    }
  }
  const responses = await Promise.all(sends);
  const statuses = await Promise.all(
    responses.map(async (r) => {
      await r.arrayBuffer();
      return r.status;
    }),
  );
  const admitted = statuses.filter((s) => s === 200).length;
  const refused = statuses.filter((s) => s === 429).length;
  const unavailable = statuses.filter((s) => s === 503).length;
  return {
    name,
    sent: sends.length,
    admitted,
    refused,
    unavailable,
    expected,
    ok: admitted === expected && admitted + refused === sends.length,
  };
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      requests: { type: 'string', default: '1000' },
      concurrency: { type: 'string', default: '50' },
    },
  });
  const total = Math.min(20_000, Number(values.requests));
  const concurrency = Math.min(500, Number(values.concurrency));
  const guard = setTimeout(() => {
    console.error(
      '[support-bot] Failed to finish the load test within 5 minutes. Please check the machine load.',
    );
    process.exit(1);
  }, 300_000);
  guard.unref();

  const children: Child[] = [];
  const redis = await startRedisServer();
  try {
    const upstream = await spawnChild('upstream');
    children.push(upstream);
    const baseURL = `${upstream.url}/v1`;

    // Warm up both paths (JIT, connection pools), then measure.
    const plain = await spawnChild('adapter', { baseURL });
    children.push(plain);
    await load(200, 20, () => toUpstream(upstream.url));
    await load(200, 20, () => toAdapter(plain.url));
    const ms = (x: number) => x.toFixed(1);
    const mb = (x: number) => (x / 1024 / 1024).toFixed(0);
    const rssBefore = await plain.rss();
    let rssPeak = rssBefore;
    let failed = 0;
    console.log(
      `\nEscalation adapter load test: streamed answers (${WORDS.length} chunks, 2 ms apart), 127.0.0.1\n`,
    );
    console.log('| concurrent | path | requests | requests/s | p50 ms | p99 ms | errors |');
    console.log('| ---: | --- | ---: | ---: | ---: | ---: | ---: |');
    for (const level of [1, concurrency]) {
      const n = level === 1 ? Math.min(total, 300) : total;
      const direct = await load(n, level, () => toUpstream(upstream.url));
      const sampler = setInterval(async () => {
        rssPeak = Math.max(rssPeak, await plain.rss());
      }, 100);
      const through = await load(n, level, () => toAdapter(plain.url));
      clearInterval(sampler);
      failed += through.statuses.filter((s) => s !== 200).length;
      const row = (name: string, r: typeof direct) =>
        `| ${level} | ${name} | ${n} | ${(n / r.seconds).toFixed(0)} | ${ms(percentile(r.latencies, 50))} | ${ms(percentile(r.latencies, 99))} | ${r.statuses.filter((s) => s !== 200).length} |`;
      console.log(row('provider directly', direct));
      console.log(row('through the adapter', through));
      console.log(
        `| ${level} | **added by the adapter** | | | **${ms(percentile(through.latencies, 50) - percentile(direct.latencies, 50))}** | **${ms(percentile(through.latencies, 99) - percentile(direct.latencies, 99))}** | |`,
      );
    }
    const rssAfter = await plain.rss();
    console.log(
      `\nAdapter process RSS (run from TypeScript sources through tsx): ${mb(rssBefore)} MB before, ${mb(rssPeak)} MB peak, ${mb(rssAfter)} MB after.`,
    );

    // Rate limiter: 500 concurrent clients.
    const budget = 100;
    const rows = [];
    const memoryShared = await spawnChild('adapter', {
      baseURL,
      rate: { capacity: budget, refillPerMinute: 0.001, prefix: '', perClient: false },
    });
    children.push(memoryShared);
    rows.push(
      await limiterRun(
        `in memory, 1 process, one shared budget of ${budget}`,
        [memoryShared],
        false,
        budget,
      ),
    );
    const memoryPer = await spawnChild('adapter', {
      baseURL,
      rate: { capacity: 2, refillPerMinute: 0.001, prefix: '', perClient: true },
    });
    children.push(memoryPer);
    rows.push(
      await limiterRun('in memory, 1 process, 2 per client x 500 clients', [memoryPer], true, 1000),
    );

    const redisShared = [0, 1].map(() =>
      spawnChild('adapter', {
        baseURL,
        rate: {
          capacity: budget,
          refillPerMinute: 0.001,
          redisUrl: redis.url,
          prefix: 'bench:shared:',
          perClient: false,
        },
      }),
    );
    const shared = await Promise.all(redisShared);
    children.push(...shared);
    rows.push(
      await limiterRun(`Redis, 2 processes, one shared budget of ${budget}`, shared, false, budget),
    );
    const redisPer = await Promise.all(
      [0, 1].map(() =>
        spawnChild('adapter', {
          baseURL,
          rate: {
            capacity: 2,
            refillPerMinute: 0.001,
            redisUrl: redis.url,
            prefix: 'bench:per:',
            perClient: true,
          },
        }),
      ),
    );
    children.push(...redisPer);
    rows.push(
      await limiterRun('Redis, 2 processes, 2 per client x 500 clients', redisPer, true, 1000),
    );

    console.log('\nRate limiter under 500 concurrent clients (all requests sent at once)\n');
    console.log('| store | requests | admitted | refused (429) | 503 | budget | exact |');
    console.log('| --- | ---: | ---: | ---: | ---: | ---: | :---: |');
    for (const r of rows) {
      console.log(
        `| ${r.name} | ${r.sent} | ${r.admitted} | ${r.refused} | ${r.unavailable} | ${r.expected} | ${r.ok ? 'yes' : '**NO**'} |`,
      );
    }
    if (rows.some((r) => !r.ok) || failed > 0) process.exitCode = 1;
  } finally {
    for (const c of children) c.stop();
    await redis.stop();
  }
}

const role = process.argv[2];
if (role === 'upstream') await runUpstreamChild();
else if (role === 'adapter')
  await runAdapterChild(JSON.parse(process.argv[3] ?? '{}') as AdapterConfig);
else await main();
