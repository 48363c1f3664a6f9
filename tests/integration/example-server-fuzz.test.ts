/**
 * Fuzz test of examples/server (issue #12): the example server runs in its own Node process on
 * 127.0.0.1 and gets a few thousand random and malformed HTTP requests over raw TCP sockets
 * (node:net, so malformed requests really reach it): odd methods (TRACE, CONNECT, lower-case,
 * invalid tokens), malformed Host headers, broken header lines, conflicting lengths, bad chunked
 * encoding, and bodies that are truncated, huge, invalid UTF-8, of the wrong type, or deeply
 * nested JSON. Every request must get an HTTP response or a clean close, and afterwards the
 * process must be alive and answer a normal page request and a normal escalation.
 * Bounded: a fixed number of requests (seeded), 16 at a time, each at most 4 s, all within 60 s.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { escalationRequest } from '../../packages/server-adapter/src/testing/fixtures.js';
import {
  type RawHttpOutcome,
  sendRaw,
} from '../../packages/server-adapter/src/testing/raw-http.js';
import { repoPath } from '../support/models.js';

const REQUESTS = Number(process.env.SUPPORT_BOT_FUZZ_REQUESTS ?? 2500);
const CONCURRENCY = 16;
const SEED = Number(process.env.SUPPORT_BOT_FUZZ_SEED ?? 20261202);

let child: ChildProcess;
let port = 0;
let output = '';
let dir = '';

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'support-bot-fuzz-'));
  writeFileSync(path.join(dir, 'index.html'), '<!doctype html><title>fuzz</title><p>ok</p>');
  writeFileSync(path.join(dir, 'bot.json'), JSON.stringify({ name: 'Fuzz', faq: [] }));
  child = spawn(
    process.execPath,
    ['--conditions=support-bot-source', '--import', 'tsx', repoPath('examples/server/server.mjs')],
    {
      cwd: repoPath(),
      env: {
        ...process.env,
        PORT: '0',
        SUPPORT_BOT_SITE_DIR: dir,
        SUPPORT_BOT_FEEDBACK_FILE: path.join(dir, 'feedback.jsonl'),
        SUPPORT_BOT_LLM_BASE_URL: '',
        SUPPORT_BOT_TRUST_PROXY: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  child.stdout?.on('data', (d) => (output += d));
  child.stderr?.on('data', (d) => (output += d));
  port = await new Promise<number>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`example server did not start:\n${output}`)),
      30_000,
    );
    const check = () => {
      const m = /http:\/\/127\.0\.0\.1:(\d+)\//.exec(output);
      if (m) {
        clearTimeout(timer);
        resolve(Number(m[1]));
      } else if (child.exitCode !== null) {
        clearTimeout(timer);
        reject(new Error(`example server exited:\n${output}`));
      } else setTimeout(check, 50);
    };
    check();
  });
});
afterAll(() => {
  child?.kill('SIGTERM');
  if (dir) rmSync(dir, { recursive: true, force: true });
});

/** mulberry32: a small seeded PRNG, so a failure can be replayed. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const ORIGIN = () => `http://127.0.0.1:${port}`;
const METHODS = [
  'POST',
  'POST',
  'POST',
  'GET',
  'OPTIONS',
  'TRACE',
  'TRACK',
  'CONNECT',
  'HEAD',
  'PUT',
  'DELETE',
  'PATCH',
  'PROPFIND',
  'M-SEARCH',
  'QUERY',
  'post',
  'FOO',
  'P@ST',
  'GE T',
  '',
  'X'.repeat(300),
];
const PATHS = [
  '/api/support',
  '/api/support',
  '/api/feedback',
  '/',
  '/index.html',
  '/bot.json',
  '/missing',
  '/../../etc/passwd',
  '/%2e%2e/%2e%2e/etc/passwd',
  '/%',
  '/%00',
  '//',
  '*',
  '/api/support?x=%zz',
  'http://evil.example/api/support',
  '\\api\\support',
  '/api/support#frag',
  `/${'a'.repeat(9000)}`,
  '/\u00e9',
  '/api/support/../feedback',
  '/.data/feedback.jsonl',
  '/node_modules/x',
];
const HOSTS = [
  () => 'localhost',
  () => '',
  () => 'exa mple',
  () => '[::1',
  () => 'a@b',
  () => 'host:99999',
  () => 'h/p',
  () => 'x'.repeat(5000),
  () => '127.0.0.1\u0001',
  () => undefined,
];
const VERSIONS = [
  'HTTP/1.1',
  'HTTP/1.1',
  'HTTP/1.1',
  'HTTP/1.0',
  'HTTP/2.0',
  'HTTP/9.9',
  '',
  'HTTX/1.1',
];

type Body = { bytes: Uint8Array; type?: string; declared?: string; chunked?: boolean };
const enc = new TextEncoder();
const feedback = () => ({
  version: 1,
  id: 'r-1',
  kind: 'thumbs_down',
  text: 'where is my order',
  bot: { name: 'Fuzz', language: 'en' },
  at: '2026-12-02T00:00:00Z',
});
function body(r: () => number): Body {
  const json = (v: unknown) => enc.encode(JSON.stringify(v));
  const valid = json(escalationRequest({ stream: r() < 0.5 }));
  const pick = Math.floor(r() * 14);
  switch (pick) {
    case 0:
      return { bytes: valid, type: 'application/json' };
    case 1:
      return { bytes: json(feedback()), type: 'application/json' };
    case 2: // truncated JSON, honest length
      return { bytes: valid.slice(0, Math.floor(r() * valid.length)), type: 'application/json' };
    case 3: // truncated: fewer bytes than declared
      return {
        bytes: valid.slice(0, 20),
        type: 'application/json',
        declared: String(valid.length),
      };
    case 4: // huge
      return {
        bytes: new Uint8Array(300_000 + Math.floor(r() * 700_000)).fill(0x61),
        type: 'application/json',
      };
    case 5: {
      // invalid UTF-8 inside a string
      const b = json({ ...escalationRequest(), locale: 'XX' });
      b[b.indexOf(0x58)] = 0xff;
      b[b.indexOf(0x58)] = 0xc3;
      return { bytes: b, type: 'application/json' };
    }
    case 6:
      return {
        bytes: valid,
        type: [
          'text/plain',
          'multipart/form-data; boundary=x',
          'application/x-www-form-urlencoded',
          'application/jsonx',
          '',
        ][Math.floor(r() * 5)]!,
      };
    case 7: {
      // deeply nested JSON
      const depth = 1000 + Math.floor(r() * 30_000);
      return {
        bytes: enc.encode(`${'['.repeat(depth)}${']'.repeat(depth)}`),
        type: 'application/json',
      };
    }
    case 8: {
      // nested unknown keys, wrong types
      const v = escalationRequest() as unknown as Record<string, unknown>;
      v.bot = { name: { $gt: '' }, language: ['en'], extra: 1 };
      v.faq = [{ id: '</faq>', question: 1, answer: null, score: 'x', deep: { a: [1, [2, [3]]] } }];
      return { bytes: json(v), type: 'application/json' };
    }
    case 9: // lying Content-Length
      return {
        bytes: valid,
        type: 'application/json',
        declared: ['abc', '-1', '1e3', '99999999999999999999', '5, 6', ' 10'][Math.floor(r() * 6)]!,
      };
    case 10: // chunked, possibly broken
      return { bytes: valid, type: 'application/json', chunked: true };
    case 11: // random bytes
      return {
        bytes: Uint8Array.from({ length: Math.floor(r() * 4000) }, () => Math.floor(r() * 256)),
        type: 'application/json',
      };
    case 12: // feedback with capped fields over their caps
      return {
        bytes: json({
          ...feedback(),
          bot: { name: 'x'.repeat(300), language: 'en' },
          at: `2026-12-02T00:00:00.${'1'.repeat(100)}Z`,
        }),
        type: 'application/json',
      };
    default:
      return { bytes: new Uint8Array(0) };
  }
}

/** One random request as raw bytes. */
function request(r: () => number): Uint8Array[] {
  const pickOf = <T>(list: readonly T[]) => list[Math.floor(r() * list.length)]!;
  if (r() < 0.03) {
    // Pure garbage instead of a request line.
    return [Uint8Array.from({ length: 1 + Math.floor(r() * 2000) }, () => Math.floor(r() * 256))];
  }
  // Mostly well-formed request lines, so most requests reach the handlers; the rest odd.
  const method = r() < 0.5 ? 'POST' : pickOf(METHODS);
  const target = r() < 0.5 ? pickOf(['/api/support', '/api/feedback']) : pickOf(PATHS);
  const lines = [`${method} ${target} ${r() < 0.85 ? 'HTTP/1.1' : pickOf(VERSIONS)}`.trim()];
  const host = r() < 0.7 ? `127.0.0.1:${port}` : pickOf(HOSTS)();
  if (host !== undefined) lines.push(`Host: ${host}`);
  if (r() < 0.1) lines.push(`Host: other.example`);
  if (r() < 0.8)
    lines.push(
      `Origin: ${r() < 0.8 ? ORIGIN() : pickOf(['https://evil.example', 'null', 'http://127.0.0.1.evil.example', 'http://127.0.0.1:1/x'])}`,
    );
  // The server trusts one proxy (the fuzzer): most requests come "from" their own address, so
  // the rate limit does not stop them before their bodies are read; some forge or garble it.
  if (r() < 0.9) {
    const ip = `198.18.${Math.floor(r() * 256)}.${Math.floor(r() * 256)}`;
    const odd = ['garbage', `1.2.3.4, ${ip}`, '', '::ffff:1.2.3.4', '1.2.3'];
    lines.push(`X-Forwarded-For: ${r() < 0.85 ? ip : pickOf(odd)}`);
  }
  // Broken header lines.
  if (r() < 0.05) lines.push('No-Colon-Here');
  if (r() < 0.05) lines.push('Bad Name: x');
  if (r() < 0.05) lines.push(' folded continuation');
  if (r() < 0.05) lines.push('X-Nul: a\u0000b');
  if (r() < 0.03) lines.push(`X-Big: ${'b'.repeat(20_000)}`);
  if (r() < 0.05) lines.push('Content-Length: 5', 'Content-Length: 7');
  if (r() < 0.03) lines.push('Expect: 100-continue');
  const b = method === 'GET' || method === 'HEAD' ? (r() < 0.1 ? body(r) : undefined) : body(r);
  let payload: Uint8Array[] = [];
  if (b) {
    if (b.type !== undefined) lines.push(`Content-Type: ${b.type}`);
    if (b.chunked) {
      lines.push('Transfer-Encoding: chunked');
      if (r() < 0.2) lines.push(`Content-Length: ${b.bytes.length}`);
      const broken = r() < 0.5;
      const size = broken
        ? pickOf(['zz', '-5', 'ffffffffffffffff', '1;ext=1'])
        : b.bytes.length.toString(16);
      payload = [enc.encode(`${size}\r\n`), b.bytes, enc.encode(broken ? '\r\n' : '\r\n0\r\n\r\n')];
    } else {
      lines.push(`Content-Length: ${b.declared ?? b.bytes.length}`);
      payload = [b.bytes];
    }
  }
  lines.push(r() < 0.5 ? 'Connection: close' : 'Connection: keep-alive');
  const eol = r() < 0.05 ? '\n' : '\r\n';
  return [enc.encode(lines.join(eol) + eol + eol), ...payload];
}

describe('examples/server under fuzzed raw HTTP', () => {
  it(`answers or cleanly closes ${REQUESTS} random and malformed requests, and keeps serving`, async () => {
    const r = prng(SEED);
    const requests = Array.from({ length: REQUESTS }, () => request(r));
    const outcomes: (RawHttpOutcome & { i: number })[] = [];
    const started = performance.now();
    let next = 0;
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < requests.length && performance.now() - started < 60_000) {
          const i = next++;
          const out = await sendRaw(port, requests[i]!, {
            idleMs: 3000,
            totalMs: 4000,
            halfClose: true,
          });
          outcomes.push({ ...out, i });
        }
      }),
    );
    const seconds = (performance.now() - started) / 1000;
    // A socket error without a status (a TCP reset) was seen once in ~40,000 fuzzed requests on a
    // machine at load 20, with the server fine afterwards; allow at most one per run (0.04%) so
    // the test still fails on a real fault (a crash resets every open socket), and never a hang.
    const resets = outcomes.filter((o) => o.status === undefined && o.ending === 'error');
    const bad = outcomes.filter(
      (o) =>
        o.status === undefined &&
        o.ending !== 'closed' &&
        !(o.ending === 'error' && resets.length <= 1),
    );
    const byStatus = new Map<string, number>();
    for (const o of outcomes) {
      const k = o.status === undefined ? `no response, ${o.ending}` : String(o.status);
      byStatus.set(k, (byStatus.get(k) ?? 0) + 1);
    }
    console.log(
      `fuzz: ${outcomes.length} requests in ${seconds.toFixed(1)} s; outcomes ${JSON.stringify(Object.fromEntries([...byStatus].sort()))}`,
    );
    expect(outcomes).toHaveLength(REQUESTS);
    expect(
      bad.map((o) => ({
        i: o.i,
        ending: o.ending,
        head: new TextDecoder().decode(requests[o.i]![0]!.slice(0, 120)),
      })),
    ).toEqual([]);
    // No 5xx: the server never failed on its own.
    expect(
      outcomes.filter(
        (o) => o.status !== undefined && o.status >= 500 && o.status !== 502 && o.status !== 503,
      ),
    ).toEqual([]);

    // Still alive and serving.
    expect(child.exitCode).toBe(null);
    const page = await fetch(`${ORIGIN()}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<p>ok</p>');
    const answer = await fetch(`${ORIGIN()}/api/support`, {
      method: 'POST',
      headers: { origin: ORIGIN(), 'content-type': 'application/json' },
      body: JSON.stringify(escalationRequest({ stream: false })),
    });
    // No LLM configured: the fallback reply, 200 (or 429 if the fuzz spent this client's budget).
    expect([200, 429]).toContain(answer.status);
    expect(output).not.toMatch(/unhandled|UnhandledPromiseRejection|ERR_INTERNAL_ASSERTION/i);
  }, 90_000);
});
