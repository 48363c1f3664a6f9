/**
 * toNodeHandler on a real node:http server on 127.0.0.1, fed requests the Fetch API refuses
 * (TRACE, malformed Host) over raw TCP sockets: every one must end in an HTTP response, and the
 * process must keep serving (issue #12, item 1: one such request used to end the process with an
 * unhandled rejection).
 */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createEscalationHandler,
  createFeedbackHandler,
  createJsonLinesFeedbackStore,
  toNodeHandler,
} from '../../packages/server-adapter/src/index.js';
import { escalationRequest } from '../../packages/server-adapter/src/testing/fixtures.js';
import { sendRaw } from '../../packages/server-adapter/src/testing/raw-http.js';

const ORIGIN = 'https://shop.example';
let server: Server;
let port: number;
const rejections: unknown[] = [];
const onRejection = (reason: unknown) => rejections.push(reason);

beforeAll(async () => {
  process.on('unhandledRejection', onRejection);
  const escalate = toNodeHandler(
    createEscalationHandler({ allowedOrigins: [ORIGIN], logger: { warn() {} } }),
  );
  const feedback = toNodeHandler(
    createFeedbackHandler({
      allowedOrigins: [ORIGIN],
      store: createJsonLinesFeedbackStore({ path: '/dev/null' }),
      logger: { warn() {} },
    }),
  );
  // As in the README: the returned promise is not awaited by node:http.
  server = createServer((req, res) => {
    if (req.url?.startsWith('/api/feedback')) void feedback(req, res);
    else void escalate(req, res);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => {
  process.off('unhandledRejection', onRejection);
  server.closeAllConnections();
  server.close();
});

const raw = (head: string, body = '') =>
  sendRaw(port, `${head.replace(/\n/g, '\r\n')}\r\n\r\n${body}`, { idleMs: 2000 });

describe('toNodeHandler: every request ends in a response', () => {
  it('answers TRACE with 405 instead of rejecting', async () => {
    const out = await raw(`TRACE /api/support HTTP/1.1\nHost: 127.0.0.1\nOrigin: ${ORIGIN}`);
    expect(out.status).toBe(405);
    expect(out.text).toContain('METHOD_NOT_ALLOWED');
  });

  it.each([
    ['a space', 'exa mple.com'],
    ['an unclosed IPv6 bracket', '[::1'],
    ['a user-info part', 'evil@host'],
    ['a path', 'host/path'],
  ])('answers a Host header with %s with 400', async (_what, host) => {
    const out = await raw(
      `POST /api/support HTTP/1.1\nHost: ${host}\nOrigin: ${ORIGIN}\nContent-Type: application/json\nContent-Length: 2`,
      '{}',
    );
    expect(out.status).toBe(400);
  });

  it('answers the feedback endpoint the same way', async () => {
    const out = await raw(`TRACE /api/feedback HTTP/1.1\nHost: 127.0.0.1\nOrigin: ${ORIGIN}`);
    expect(out.status).toBe(405);
    const bad = await raw(`POST /api/feedback HTTP/1.1\nHost: [zz\nContent-Length: 0`);
    expect(bad.status).toBe(400);
  });

  it('still serves a normal request afterwards, and nothing was rejected', async () => {
    const response = await fetch(`http://127.0.0.1:${port}/api/support`, {
      method: 'POST',
      headers: { origin: ORIGIN, 'content-type': 'application/json' },
      body: JSON.stringify(escalationRequest({ stream: false })),
    });
    expect(response.status).toBe(200);
    expect(((await response.json()) as { finishReason: string }).finishReason).toBe('fallback');
    expect(rejections).toEqual([]);
  });
});
