/**
 * The static server the browser tests load the widget from, on 127.0.0.1 and a free port:
 *
 *   /widget/   packages/widget/dist (support-bot.js, the two engine workers, ort/)
 *   /models/   the real models ($SUPPORT_BOT_MODELS, default ../shared/models)
 *   /bots/     examples/bots, plus bots a test registers with `bots.set(name, body)`
 *   /api/support   the escalation endpoint; a test decides what it answers with `escalation`
 *   (any path a test adds to `proxies` is forwarded to a real server, e.g. the adapter)
 *   /          tests/e2e/fixtures (page.html + page.js build widgets from the query string)
 *
 * Every response carries the strict Content-Security-Policy the widget is built for, and the
 * widget's files and models are cacheable (so a second visit works offline). Every request is
 * logged with its body, so tests can prove what left the browser.
 */
import { createReadStream, existsSync, readdirSync, statSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import path from 'node:path';
import { modelsDir, repoPath } from '../support/models.js';

export const CSP = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "worker-src 'self'",
  "connect-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'self'",
].join('; ');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};

export interface LoggedRequest {
  method: string;
  url: string;
  body: string;
}

export type EscalationHandler = (
  body: unknown,
  response: ServerResponse,
  request: IncomingMessage,
) => void | Promise<void>;

export interface TestServer {
  url: string;
  /** Every request so far (method, path with query, body as text). */
  log: LoggedRequest[];
  /** Extra bot files served under /bots/ (JSON text or compiled index bytes). */
  bots: Map<string, string | Uint8Array>;
  /** What /api/support does; default 404. */
  escalation?: EscalationHandler;
  /**
   * Paths forwarded over HTTP to another server, like a site's reverse proxy in front of the
   * adapter: `proxies.set('/api/feedback', 'http://127.0.0.1:<port>/api/feedback')`.
   */
  proxies: Map<string, string>;
  close(): Promise<void>;
}

/** Writes an escalation answer as server-sent events, one `delta` per piece. */
export async function streamAnswer(
  response: ServerResponse,
  pieces: string[],
  delayMs = 15,
): Promise<void> {
  response.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-store',
    'content-security-policy': CSP,
  });
  for (const text of pieces) {
    response.write(`event: delta\ndata: ${JSON.stringify({ text })}\n\n`);
    await new Promise((r) => setTimeout(r, delayMs));
  }
  response.end(
    `event: done\ndata: ${JSON.stringify({ finishReason: 'stop', usage: { inputTokens: 1, outputTokens: pieces.length } })}\n\n`,
  );
}

export function assertWidgetBuilt(): void {
  const dist = repoPath('packages/widget/dist');
  const bundle = path.join(dist, 'support-bot.js');
  if (!existsSync(bundle) || !existsSync(path.join(dist, 'engine-wasm.worker.js'))) {
    throw new Error(
      '[support-bot tests] The widget is not built. Please run `pnpm --filter @support-bot/widget run build` (npm test does it).',
    );
  }
  // A stale bundle would test old code: compare with the newest source file.
  const built = statSync(bundle).mtimeMs;
  const newest = (dir: string): number =>
    Math.max(
      0,
      ...readdirSync(dir, { withFileTypes: true }).map((e) =>
        e.isDirectory() ? newest(path.join(dir, e.name)) : statSync(path.join(dir, e.name)).mtimeMs,
      ),
    );
  const source = newest(repoPath('packages/widget/src'));
  if (source > built + 1000) {
    throw new Error(
      '[support-bot tests] packages/widget/dist is older than packages/widget/src. Please rebuild: `pnpm --filter @support-bot/widget run build`.',
    );
  }
}

/** Starts the server; models must exist (tests fail loudly otherwise, never skip). */
export async function startTestServer(): Promise<TestServer> {
  assertWidgetBuilt();
  const models = modelsDir('Xenova/all-MiniLM-L6-v2');
  modelsDir('Xenova/bge-small-zh-v1.5');
  const routes: [string, string, string][] = [
    ['/widget/', repoPath('packages/widget/dist'), 'public, max-age=3600'],
    ['/models/', models, 'public, max-age=86400'],
    ['/bots/', repoPath('examples/bots'), 'no-cache'],
    ['/', repoPath('tests/e2e/fixtures'), 'no-cache'],
  ];
  const state: TestServer = {
    url: '',
    log: [],
    bots: new Map(),
    proxies: new Map(),
    close: async () => undefined,
  };

  const server: Server = createServer(async (request, response) => {
    const chunks: Buffer[] = [];
    for await (const chunk of request) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    const url = new URL(request.url ?? '/', 'http://127.0.0.1');
    state.log.push({ method: request.method ?? 'GET', url: `${url.pathname}${url.search}`, body });
    const pathname = decodeURIComponent(url.pathname);

    const target = state.proxies.get(pathname);
    if (target) return proxy(target, request, body, response);
    if (pathname === '/api/support') {
      if (!state.escalation) return send(response, 404, 'No escalation endpoint in this test.');
      let parsed: unknown;
      try {
        parsed = JSON.parse(body);
      } catch {
        return send(response, 400, 'Not JSON.');
      }
      return state.escalation(parsed, response, request);
    }
    const extra = pathname.startsWith('/bots/') && state.bots.get(pathname.slice('/bots/'.length));
    if (extra) {
      const bytes = typeof extra === 'string' ? Buffer.from(extra) : Buffer.from(extra);
      response.writeHead(200, {
        'content-type': pathname.endsWith('.json') ? TYPES['.json']! : 'application/octet-stream',
        'content-length': bytes.length,
        'cache-control': 'no-cache',
        'content-security-policy': CSP,
      });
      return response.end(bytes);
    }
    const route = routes.find(([prefix]) => pathname.startsWith(prefix))!;
    const [prefix, root, cache] = route;
    let file = path.join(root, pathname.slice(prefix.length));
    if (!file.startsWith(root)) return send(response, 403, 'Forbidden');
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'page.html');
    if (!existsSync(file)) return send(response, 404, 'Not found');
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': cache,
      'content-security-policy': CSP,
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  state.url = `http://127.0.0.1:${port}/`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}

/** Forwards one request (method, content headers, Origin, body) and relays the answer. */
async function proxy(
  target: string,
  request: IncomingMessage,
  body: string,
  response: ServerResponse,
): Promise<void> {
  const headers = new Headers();
  for (const name of ['content-type', 'origin', 'accept', 'access-control-request-method']) {
    const value = request.headers[name];
    if (typeof value === 'string') headers.set(name, value);
  }
  headers.set('x-forwarded-for', request.socket.remoteAddress ?? '127.0.0.1');
  try {
    const method = request.method ?? 'GET';
    const answer = await fetch(target, {
      method,
      headers,
      ...(method !== 'GET' && method !== 'HEAD' && { body }),
    });
    const relayed: Record<string, string> = { 'content-security-policy': CSP };
    answer.headers.forEach((value, name) => {
      if (name !== 'content-length' && name !== 'transfer-encoding' && name !== 'connection')
        relayed[name] = value;
    });
    response.writeHead(answer.status, relayed);
    response.end(Buffer.from(await answer.arrayBuffer()));
  } catch {
    send(response, 502, 'The proxied server did not answer.');
  }
}

function send(response: ServerResponse, status: number, text: string): void {
  response.writeHead(status, { 'content-type': 'text/plain', 'content-security-policy': CSP });
  response.end(text);
}

/** A plain static server for one folder (the built examples), with the same CSP. */
export async function startStaticServer(
  root: string,
): Promise<{ url: string; log: string[]; close(): Promise<void> }> {
  const log: string[] = [];
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    log.push(pathname);
    let file = path.join(root, pathname);
    if (!file.startsWith(root)) return send(response, 403, 'Forbidden');
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) return send(response, 404, 'Not found');
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'cache-control': 'no-cache',
      'content-security-policy': CSP,
    });
    createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/`,
    log,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
