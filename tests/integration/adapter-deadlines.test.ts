/**
 * Issue #12, item 5, over real HTTP on 127.0.0.1 against misbehaving OpenAI-compatible upstreams
 * (real node:http servers): one that only sends keep-alive comments, one that trickles a byte at
 * a time, one that is slow between tokens, and one that floods. The visitor must get an answer
 * within the overall deadline, heartbeats while waiting, and no more than the answer-size cap.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { type EscalationEvent, readEscalationStream } from '@support-bot/core/protocol';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEscalationHandler,
  type EscalationHandlerOptions,
  openAICompatible,
  toNodeHandler,
} from '../../packages/server-adapter/src/index.js';
import { escalationRequest } from '../../packages/server-adapter/src/testing/fixtures.js';

const ORIGIN = 'https://shop.example';
const servers: Server[] = [];
const timers = new Set<ReturnType<typeof setInterval>>();
let upstreamClosed = 0;

type Behaviour = (res: ServerResponse) => void;
const behaviours: Record<string, Behaviour> = {
  /** Keep-alive comments every 20 ms, never a token. */
  comments(res) {
    const t = setInterval(() => res.write(': keep-alive\n\n'), 20);
    timers.add(t);
    res.on('close', () => clearInterval(t));
  },
  /** One token, then a never-ending event one byte every 20 ms. */
  trickle(res) {
    res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: 'Partial ' } }] })}\n\n`);
    res.write('data: {"choices":[{"delta":{"content":"');
    const t = setInterval(() => res.write('a'), 20);
    timers.add(t);
    res.on('close', () => clearInterval(t));
  },
  /** Three tokens 400 ms apart, then done: slow but healthy. */
  slow(res) {
    let i = 0;
    const t = setInterval(() => {
      if (i < 3) {
        res.write(`data: ${JSON.stringify({ choices: [{ delta: { content: `w${i} ` } }] })}\n\n`);
        i++;
      } else {
        clearInterval(t);
        res.write(
          `data: ${JSON.stringify({ choices: [{ delta: {}, finish_reason: 'stop' }] })}\n\n`,
        );
        res.end('data: [DONE]\n\n');
      }
    }, 400);
    timers.add(t);
    res.on('close', () => clearInterval(t));
  },
  /** Tokens as fast as the socket takes them, for ever (bounded by the test's own timeout). */
  flood(res) {
    const frame = `data: ${JSON.stringify({ choices: [{ delta: { content: 'flood ' } }] })}\n\n`;
    const cjk = `data: ${JSON.stringify({ choices: [{ delta: { content: '漢字' } }] })}\n\n`;
    let n = 0;
    const pump = () => {
      while (n < 200_000) {
        n++;
        if (!res.write(res.req.headers['x-cjk'] ? cjk : frame)) return void res.once('drain', pump);
      }
      res.end();
    };
    pump();
  },
};

let upstreamUrl = '';
beforeAll(async () => {
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.on('close', () => upstreamClosed++);
      behaviours[String(req.headers['x-behaviour'])]!(res);
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  upstreamUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1`;
});
afterAll(() => {
  for (const t of timers) clearInterval(t);
  for (const s of servers) {
    s.closeAllConnections();
    s.close();
  }
});

async function adapter(
  behaviour: string,
  extra: Partial<EscalationHandlerOptions> = {},
  headers: Record<string, string> = {},
): Promise<{ url: string; logs: string[] }> {
  const logs: string[] = [];
  const server = createServer(
    toNodeHandler(
      createEscalationHandler({
        provider: openAICompatible({
          baseURL: upstreamUrl,
          model: 'mock',
          headers: { 'x-behaviour': behaviour, ...headers },
        }),
        allowedOrigins: [ORIGIN],
        logger: { warn: (m) => logs.push(m) },
        ...extra,
      }),
    ),
  );
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/api/support`, logs };
}

const post = (url: string, stream = true) =>
  fetch(url, {
    method: 'POST',
    headers: { origin: ORIGIN, 'content-type': 'application/json' },
    body: JSON.stringify(escalationRequest({ stream })),
    signal: AbortSignal.timeout(8000),
  });

async function events(response: Response): Promise<EscalationEvent[]> {
  const out: EscalationEvent[] = [];
  for await (const e of readEscalationStream(response)) out.push(e);
  return out;
}
const text = (list: EscalationEvent[]) =>
  list.map((e) => (e.type === 'delta' ? e.text : '')).join('');

describe('overall deadline per answer', () => {
  it('answers with the fallback when the upstream only sends keep-alive comments', async () => {
    const { url, logs } = await adapter('comments', {
      upstream: { answerTimeoutMs: 600, retries: 0 },
      fallbackReply: 'Please try again later.',
    });
    const t = performance.now();
    const list = await events(await post(url));
    const ms = performance.now() - t;
    expect(text(list)).toBe('Please try again later.');
    expect(list.at(-1)).toMatchObject({ type: 'done', finishReason: 'fallback' });
    expect(ms).toBeGreaterThan(550);
    expect(ms).toBeLessThan(2500);
    expect(logs.join('\n')).toContain('no complete answer within 600 ms');
  });

  it('ends a trickling answer with a retryable error event at the deadline (also for stream: false)', async () => {
    const { url } = await adapter('trickle', { upstream: { answerTimeoutMs: 600, retries: 0 } });
    const t = performance.now();
    const list = await events(await post(url));
    expect(performance.now() - t).toBeLessThan(2500);
    expect(text(list)).toBe('Partial ');
    expect(list.at(-1)).toMatchObject({ type: 'error', retryable: true });
    const json = await post(url, false);
    expect(json.status).toBe(502);
  });
});

describe('SSE heartbeat', () => {
  it('sends keep-alive comments while a slow answer streams, and the widget reads the answer', async () => {
    const { url } = await adapter('slow', { heartbeatMs: 100 });
    const raw = await (await post(url)).text();
    // Three 400 ms gaps: at least two heartbeats in each.
    expect(raw.match(/^: keep-alive$/gm)?.length ?? 0).toBeGreaterThanOrEqual(6);
    const list = await events(
      new Response(raw, { headers: { 'content-type': 'text/event-stream' } }),
    );
    expect(text(list)).toBe('w0 w1 w2 ');
    expect(list.at(-1)).toMatchObject({ type: 'done', finishReason: 'stop' });
  });

  it('sends none when turned off', async () => {
    const { url } = await adapter('slow', { heartbeatMs: 0 });
    expect(await (await post(url)).text()).not.toContain('keep-alive');
  });
});

describe('answer-size cap', () => {
  it('cuts a flood at maxOutputTokens x 8 characters and ends cleanly with finishReason length', async () => {
    const before = upstreamClosed;
    const { url, logs } = await adapter('flood', { maxOutputTokens: 50 });
    const list = await events(await post(url));
    expect(text(list).length).toBe(400);
    expect(list.at(-1)).toMatchObject({ type: 'done', finishReason: 'length' });
    expect(logs.join('\n')).toMatch(/answer cut at 400 characters/);
    // The upstream connection is closed instead of being read to the end.
    await new Promise((r) => setTimeout(r, 200));
    expect(upstreamClosed).toBeGreaterThan(before);
  });

  it('cuts by UTF-8 bytes too (3 bytes per CJK character), on a character boundary', async () => {
    const { url } = await adapter(
      'flood',
      { maxOutputTokens: 50, maxAnswerChars: 10_000, maxAnswerBytes: 800 },
      { 'x-cjk': '1' },
    );
    const list = await events(await post(url));
    const answer = text(list);
    expect(new TextEncoder().encode(answer).byteLength).toBeLessThanOrEqual(800);
    expect(answer.length).toBe(266);
    expect(answer).toMatch(/^(?:漢字)+漢?$/);
    expect(list.at(-1)).toMatchObject({ type: 'done', finishReason: 'length' });
  });

  it('caps a stream: false answer the same way', async () => {
    const { url } = await adapter('flood', { maxOutputTokens: 50 });
    const body = (await (await post(url, false)).json()) as { text: string; finishReason: string };
    expect(body.text.length).toBe(400);
    expect(body.finishReason).toBe('length');
  });
});
