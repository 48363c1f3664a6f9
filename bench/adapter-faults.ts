/**
 * Bounded fault benchmark of the escalation adapter on 127.0.0.1 (issue #12, items 3 and 5).
 *
 *   node --conditions=support-bot-source --import tsx bench/adapter-faults.ts [--seconds 9] [--concurrency 20]
 *
 * The adapter runs in a child process (node:http + toNodeHandler); this process is the load
 * generator and runs the mock upstreams and a real redis-server. Scenarios:
 * - Redis store: steady escalation load while redis-server is paused (SIGSTOP) for 2 s, then
 *   stopped and started again; once with `onStoreError: 'deny'`, once with `'memory'`. Reports
 *   statuses and latency per phase; a request taking over 5 s counts as hung.
 * - Upstream that only sends keep-alive comments, and one that trickles one byte every 100 ms:
 *   every answer must end by the overall deadline (`answerTimeoutMs` 2,000 here).
 * - Upstream that floods tokens: every answer must stop at the size cap with
 *   `finishReason: 'length'`; reports received characters and the adapter's RSS.
 * Exits 1 if any request hangs or a scenario's answers break their bound. Needs redis-server.
 */
import { type ChildProcess, fork } from 'node:child_process';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { parseArgs } from 'node:util';
import {
  createEscalationHandler,
  createRedisRateLimitStore,
  openAICompatible,
  toNodeHandler,
} from '../packages/server-adapter/src/index.js';
import { escalationRequest } from '../packages/server-adapter/src/testing/fixtures.js';
import {
  connectRedis,
  type RedisServer,
  startRedisServer,
} from '../packages/server-adapter/src/testing/redis-server.js';

const ORIGIN = 'https://bench.example';
const HUNG_MS = 5000;

interface AdapterConfig {
  baseURL: string;
  redisUrl?: string;
  onStoreError?: 'deny' | 'memory';
  answerTimeoutMs?: number;
  maxOutputTokens?: number;
}

async function runAdapterChild(config: AdapterConfig): Promise<void> {
  const client = config.redisUrl ? await connectRedis(config.redisUrl) : undefined;
  const handler = createEscalationHandler({
    provider: openAICompatible({ baseURL: config.baseURL, model: 'mock', apiKey: 'sk-bench' }),
    allowedOrigins: [ORIGIN],
    fallbackReply: 'Sorry, please try again.',
    logger: { warn() {} },
    upstream: {
      retries: 0,
      ...(config.answerTimeoutMs && { answerTimeoutMs: config.answerTimeoutMs }),
    },
    ...(config.maxOutputTokens && { maxOutputTokens: config.maxOutputTokens }),
    rateLimit: client
      ? {
          capacity: 1_000_000,
          refillPerMinute: 1_000_000,
          store: createRedisRateLimitStore({ client, prefix: `faults:${process.pid}:` }),
          onStoreError: config.onStoreError ?? 'deny',
        }
      : false,
  });
  const server = createServer(toNodeHandler(handler));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  process.on('message', () => process.send?.({ rss: process.memoryUsage().rss }));
  process.send?.({ port: (server.address() as AddressInfo).port });
}

interface Child {
  url: string;
  rss(): Promise<number>;
  stop(): void;
}

async function spawnAdapter(config: AdapterConfig): Promise<Child> {
  const child: ChildProcess = fork(
    new URL(import.meta.url).pathname,
    ['adapter', JSON.stringify(config)],
    {
      stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
    },
  );
  const port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error('adapter did not start')), 30_000);
    child.once('message', (m: { port: number }) => {
      clearTimeout(timer);
      resolve(m.port);
    });
    child.once('exit', (code) => reject(new Error(`adapter exited with ${code}`)));
  });
  return {
    url: `http://127.0.0.1:${port}/api/support`,
    rss: () =>
      new Promise((resolve) => {
        child.once('message', (m: { rss?: number }) => resolve(m.rss ?? 0));
        child.send('rss');
      }),
    stop: () => child.kill('SIGTERM'),
  };
}

// ---- mock upstreams (OpenAI-compatible SSE) ------------------------------------------------

const frame = (content: string) =>
  `data: ${JSON.stringify({ choices: [{ delta: { content } }] })}\n\n`;
const STOP = `data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] })}\n\ndata: [DONE]\n\n`;
const behaviours: Record<string, (res: ServerResponse) => void> = {
  ok(res) {
    res.end(frame('Our jackets are waterproof.') + STOP);
  },
  comments(res) {
    const t = setInterval(() => res.write(': keep-alive\n\n'), 100);
    res.on('close', () => clearInterval(t));
  },
  trickle(res) {
    res.write(frame('Partial answer '));
    res.write('data: {"choices":[{"delta":{"content":"');
    const t = setInterval(() => res.write('a'), 100);
    res.on('close', () => clearInterval(t));
  },
  flood(res) {
    const f = frame('flood ');
    let n = 0;
    const pump = () => {
      while (n < 2_000_000) {
        n++;
        if (!res.write(f)) return void res.once('drain', pump);
      }
      res.end(STOP);
    };
    pump();
  },
};

async function startUpstream(): Promise<{ server: Server; baseURL: (b: string) => string }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      const name = /\/(\w+)\/v1\//.exec(req.url ?? '')?.[1] ?? 'ok';
      behaviours[name]!(res);
    });
  });
  server.keepAliveTimeout = 5000;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return { server, baseURL: (b) => `http://127.0.0.1:${port}/${b}/v1` };
}

// ---- load ----------------------------------------------------------------------------------

interface Sample {
  at: number;
  ms: number;
  status: number | 'hung' | 'error';
  text: string;
}

async function escalate(url: string, started: number): Promise<Sample> {
  const t = performance.now();
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify(escalationRequest({ stream: false })),
      signal: AbortSignal.timeout(HUNG_MS),
    });
    const text = await response.text();
    return { at: t - started, ms: performance.now() - t, status: response.status, text };
  } catch (error) {
    const hung = (error as Error)?.name === 'TimeoutError';
    return {
      at: t - started,
      ms: performance.now() - t,
      status: hung ? 'hung' : 'error',
      text: '',
    };
  }
}

/** `concurrency` loops sending escalations for `seconds`; `events` run at their times (ms). */
async function steadyLoad(
  url: string,
  seconds: number,
  concurrency: number,
  events: { at: number; run: () => Promise<void> | void }[],
): Promise<Sample[]> {
  const samples: Sample[] = [];
  const started = performance.now();
  const end = started + seconds * 1000;
  const timers = events.map((e) => setTimeout(() => void e.run(), e.at));
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (performance.now() < end) samples.push(await escalate(url, started));
    }),
  );
  for (const t of timers) clearTimeout(t);
  return samples;
}

const pct = (sorted: number[], p: number) =>
  sorted.length === 0
    ? Number.NaN
    : sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

function row(name: string, samples: Sample[]): string {
  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const by = new Map<string, number>();
  for (const s of samples) by.set(String(s.status), (by.get(String(s.status)) ?? 0) + 1);
  const statuses = [...by]
    .sort()
    .map(([k, v]) => `${k}: ${v}`)
    .join(', ');
  return `| ${name} | ${samples.length} | ${statuses} | ${pct(ms, 50).toFixed(1)} | ${pct(ms, 99).toFixed(1)} | ${(ms.at(-1) ?? Number.NaN).toFixed(1)} |`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    args: process.argv.slice(2),
    options: {
      seconds: { type: 'string', default: '9' },
      concurrency: { type: 'string', default: '20' },
    },
  });
  const seconds = Math.min(60, Number(values.seconds));
  const concurrency = Math.min(200, Number(values.concurrency));
  const guard = setTimeout(() => {
    console.error(
      '[support-bot] Failed to finish the fault benchmark within 5 minutes. Please check the machine load.',
    );
    process.exit(1);
  }, 300_000);
  guard.unref();

  let failed = false;
  const children: Child[] = [];
  const upstream = await startUpstream();
  const redis: RedisServer = await startRedisServer();
  try {
    console.log(
      `\nRedis rate-limit store under ${concurrency} concurrent escalations for ${seconds} s: paused (SIGSTOP) from 2 s to 4 s, stopped at 5 s and started again at 6 s\n`,
    );
    console.log('| onStoreError / phase | requests | statuses | p50 ms | p99 ms | max ms |');
    console.log('| --- | ---: | --- | ---: | ---: | ---: |');
    for (const mode of ['deny', 'memory'] as const) {
      const adapter = await spawnAdapter({
        baseURL: upstream.baseURL('ok'),
        redisUrl: redis.url,
        onStoreError: mode,
      });
      children.push(adapter);
      await steadyLoad(adapter.url, 1, 4, []); // warm-up
      const samples = await steadyLoad(adapter.url, seconds, concurrency, [
        { at: 2000, run: () => redis.pause() },
        { at: 4000, run: () => redis.resume() },
        { at: 5000, run: () => redis.down() },
        { at: 6000, run: () => redis.up() },
      ]);
      const phase = (from: number, to: number) => samples.filter((s) => s.at >= from && s.at < to);
      console.log(row(`${mode}: Redis up (0-2 s)`, phase(0, 2000)));
      console.log(row(`${mode}: Redis paused (2-4 s)`, phase(2000, 4000)));
      console.log(row(`${mode}: Redis resumed (4-5 s)`, phase(4000, 5000)));
      console.log(row(`${mode}: Redis stopped (5-6 s)`, phase(5000, 6000)));
      console.log(row(`${mode}: Redis restarted (6 s-end)`, phase(6000, Number.POSITIVE_INFINITY)));
      if (samples.some((s) => s.status === 'hung' || s.status === 'error')) failed = true;
      if (mode === 'deny' && phase(2000, 4000).every((s) => s.status !== 503)) failed = true;
      if (mode === 'memory' && phase(2000, 4000).some((s) => s.status !== 200)) failed = true;
      adapter.stop();
    }

    const deadline = 2000;
    console.log(
      `\nMisbehaving upstreams, ${concurrency} concurrent escalations for ${Math.min(seconds, 6)} s (answerTimeoutMs ${deadline}, maxOutputTokens 512: cap 4,096 characters / 8,192 bytes)\n`,
    );
    console.log('| upstream | requests | statuses | p50 ms | p99 ms | max ms | answers |');
    console.log('| --- | ---: | --- | ---: | ---: | ---: | --- |');
    for (const name of ['comments', 'trickle', 'flood'] as const) {
      const adapter = await spawnAdapter({
        baseURL: upstream.baseURL(name),
        answerTimeoutMs: deadline,
      });
      children.push(adapter);
      let rssPeak = await adapter.rss();
      const sampler = setInterval(async () => {
        rssPeak = Math.max(rssPeak, await adapter.rss());
      }, 200);
      const samples = await steadyLoad(adapter.url, Math.min(seconds, 6), concurrency, []);
      clearInterval(sampler);
      const bodies = samples.map((s) => {
        try {
          return JSON.parse(s.text) as {
            text?: string;
            finishReason?: string;
            error?: { code: string };
          };
        } catch {
          return {};
        }
      });
      const kinds = new Map<string, number>();
      for (const b of bodies) {
        const k = b.finishReason ?? b.error?.code ?? 'none';
        kinds.set(k, (kinds.get(k) ?? 0) + 1);
      }
      const longest = Math.max(0, ...bodies.map((b) => b.text?.length ?? 0));
      const answers = `${[...kinds].map(([k, v]) => `${k}: ${v}`).join(', ')}; longest text ${longest} chars; adapter RSS peak ${(rssPeak / 1024 / 1024).toFixed(0)} MB`;
      console.log(`${row(name, samples)} ${answers} |`);
      const ms = samples.map((s) => s.ms);
      if (samples.some((s) => s.status === 'hung' || s.status === 'error')) failed = true;
      if (name !== 'flood' && Math.max(...ms) > deadline + 1500) failed = true;
      if (name === 'flood' && (longest > 4096 || bodies.some((b) => b.finishReason !== 'length')))
        failed = true;
      adapter.stop();
    }
  } finally {
    for (const c of children) c.stop();
    upstream.server.closeAllConnections();
    upstream.server.close();
    await redis.stop();
  }
  console.log(
    failed
      ? '\nFAILED: a request hung or broke its bound.'
      : '\nAll requests answered within their bounds.',
  );
  if (failed) process.exitCode = 1;
}

if (process.argv[2] === 'adapter')
  await runAdapterChild(JSON.parse(process.argv[3] ?? '{}') as AdapterConfig);
else await main();
