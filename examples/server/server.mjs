#!/usr/bin/env node
// A static site plus the escalation adapter on one origin (127.0.0.1):
//   /api/support   createEscalationHandler (LLM from the environment, see below)
//   /api/feedback  createFeedbackHandler: visitors' opt-in feedback, appended to a JSON-lines
//                  file (SUPPORT_BOT_FEEDBACK_FILE) for `support-bot review`
//   everything else: the static folder, by default the script-tag demo in examples/script-tag
//                    (its `assets` script fills public/ with the widget, models and bots)
//
// Bot files (JSON with intents or FAQ) are served with escalation turned on and pointed at
// /api/support, so the page escalates here when the in-browser model is unsure, and with feedback
// reporting on and pointed at /api/feedback; the bots in examples/bots ship with both off, as a
// site without an adapter needs.
//
// Configuration (all optional):
//   SUPPORT_BOT_LLM_PROVIDER  openai (any OpenAI-compatible API: OpenAI, Azure, Ollama, vLLM,
//                             llama.cpp) or anthropic. Default openai.
//   SUPPORT_BOT_LLM_BASE_URL  e.g. https://api.openai.com/v1, http://127.0.0.1:11434/v1 (Ollama),
//                             https://api.anthropic.com. Without it, escalations get the
//                             fallback reply and the log says why.
//   SUPPORT_BOT_LLM_MODEL     e.g. gpt-4o-mini, llama3.1:8b, claude-3-5-haiku-latest
//   SUPPORT_BOT_LLM_API_KEY   stays on this server
//   SUPPORT_BOT_SITE_DIR      the static folder. Default examples/script-tag.
//   SUPPORT_BOT_FEEDBACK_FILE where feedback reports go. Default examples/server/.data/feedback.jsonl
//   SUPPORT_BOT_TRUST_PROXY   the number of proxies in front of this server (e.g. 1 behind nginx),
//                             or a comma-separated list of their addresses/CIDR ranges; the
//                             client's address for rate limiting is then read from
//                             X-Forwarded-For by that rule. Default: none (the socket's peer).
//   PORT                      default 8080 (0 picks a free port)
import { createReadStream, existsSync, readFileSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const ENDPOINT = '/api/support';
const FEEDBACK_ENDPOINT = '/api/feedback';
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.map': 'application/json',
  '.txt': 'text/plain; charset=utf-8',
};
/** What the widget needs: its own scripts and workers, WebAssembly, and fetches to this origin. */
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

// The adapter is imported from its build (dist/); say how to make one instead of a bare
// ERR_MODULE_NOT_FOUND.
const adapter = await import('@support-bot/server-adapter').catch((error) => {
  if (error?.code !== 'ERR_MODULE_NOT_FOUND') throw error;
  throw new Error(
    `[support-bot] Failed to load @support-bot/server-adapter: ${error.message}. Please build the packages first (pnpm run build at the repository root).`,
  );
});

/** The LLM provider described by the environment, or undefined (fallback replies). */
export function providerFromEnv(env = process.env) {
  const baseURL = env.SUPPORT_BOT_LLM_BASE_URL;
  if (!baseURL) return undefined;
  const apiKey = env.SUPPORT_BOT_LLM_API_KEY;
  if (env.SUPPORT_BOT_LLM_PROVIDER === 'anthropic') {
    return adapter.anthropic({
      baseURL,
      model: env.SUPPORT_BOT_LLM_MODEL ?? 'claude-3-5-haiku-latest',
      apiKey: apiKey ?? '',
    });
  }
  if (env.SUPPORT_BOT_LLM_PROVIDER && env.SUPPORT_BOT_LLM_PROVIDER !== 'openai') {
    throw new Error(
      `[support-bot] Failed to configure the LLM: SUPPORT_BOT_LLM_PROVIDER is "${env.SUPPORT_BOT_LLM_PROVIDER}". Please set it to openai or anthropic.`,
    );
  }
  return adapter.openAICompatible({
    baseURL,
    model: env.SUPPORT_BOT_LLM_MODEL ?? 'gpt-4o-mini',
    ...(apiKey && { apiKey }),
  });
}

/** The rateLimit.trustProxy setting from SUPPORT_BOT_TRUST_PROXY ("1", "10.0.0.0/8,::1"), or false. */
export function trustProxyFromEnv(env = process.env) {
  const value = env.SUPPORT_BOT_TRUST_PROXY?.trim();
  if (!value) return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** A bot file (a name, and intents or FAQ) with escalation and feedback on and pointed at this server, else undefined. */
function withEscalation(file) {
  let bot;
  try {
    bot = JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return undefined;
  }
  if (typeof bot?.name !== 'string' || !(bot.intents || bot.faq)) return undefined;
  bot.escalation = { ...bot.escalation, enabled: true, endpoint: ENDPOINT };
  bot.feedback = { ...bot.feedback, enabled: true, endpoint: FEEDBACK_ENDPOINT };
  return JSON.stringify(bot);
}

/**
 * Starts the server on 127.0.0.1; resolves with it once listening.
 * @param {{ port?: number, site?: string, env?: NodeJS.ProcessEnv, log?: { warn(m: string): void } }} [options]
 */
export function startExampleServer({
  port = Number(process.env.PORT ?? 8080),
  env = process.env,
  site = path.resolve(env.SUPPORT_BOT_SITE_DIR ?? path.join(here, '../script-tag')),
  log = console,
} = {}) {
  const provider = providerFromEnv(env);
  const trustProxy = trustProxyFromEnv(env);
  if (!provider) {
    log.warn(
      '[support-bot] No SUPPORT_BOT_LLM_BASE_URL is set: escalations will get the fallback reply. Set SUPPORT_BOT_LLM_BASE_URL, SUPPORT_BOT_LLM_MODEL and SUPPORT_BOT_LLM_API_KEY to use an LLM.',
    );
  }
  if (!existsSync(path.join(site, 'index.html'))) {
    log.warn(
      `[support-bot] ${site} has no index.html yet. Please fill it (for the script-tag demo: pnpm --filter @support-bot/example-script-tag run assets).`,
    );
  }
  const escalate = adapter.toNodeHandler(
    adapter.createEscalationHandler({
      ...(provider && { provider }),
      // The page is served from this same origin; the browser sends Origin on every POST.
      allowedOrigins: (origin) => /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin),
      rateLimit: { trustProxy },
      logger: { warn: (m) => log.warn(m) },
    }),
  );
  const feedback = adapter.toNodeHandler(
    adapter.createFeedbackHandler({
      allowedOrigins: (origin) => /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin),
      rateLimit: { trustProxy },
      store: adapter.createJsonLinesFeedbackStore({
        path: path.resolve(
          env.SUPPORT_BOT_FEEDBACK_FILE ?? path.join(here, '.data/feedback.jsonl'),
        ),
      }),
      logger: { warn: (m) => log.warn(m) },
    }),
  );
  // An error answered before the request's body was read: read (and drop) up to 1 MiB of it
  // first, so the client receives the answer instead of a TCP reset from closing on unread data.
  const send = (response, status, text) => {
    const request = response.req;
    const respond = () => {
      if (response.headersSent || response.destroyed) return;
      response
        .writeHead(status, {
          'content-type': 'text/plain; charset=utf-8',
          'content-security-policy': CSP,
        })
        .end(text);
    };
    if (request.complete || request.readableEnded) return respond();
    let seen = 0;
    request.on('data', (chunk) => {
      seen += chunk.length;
      if (seen > 1024 * 1024) request.destroy();
    });
    request.once('end', respond);
    request.once('error', () => response.destroy());
  };

  const server = createServer((request, response) => {
    let pathname;
    try {
      pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    } catch {
      return send(response, 400, 'Bad request');
    }
    if (pathname === ENDPOINT) return void escalate(request, response);
    if (pathname === FEEDBACK_ENDPOINT) return void feedback(request, response);
    if (request.method !== 'GET' && request.method !== 'HEAD')
      return send(response, 405, 'Method not allowed');
    // Only the site's own files: no way out of the folder, no dot-files, no node_modules.
    const parts = pathname.split('/').filter(Boolean);
    if (parts.some((p) => p.startsWith('.') || p === 'node_modules' || p.includes('\0'))) {
      return send(response, 403, 'Forbidden');
    }
    let file = path.join(site, ...parts);
    if (file !== site && !file.startsWith(site + path.sep)) return send(response, 403, 'Forbidden');
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file) || !statSync(file).isFile()) return send(response, 404, 'Not found');
    const headers = {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
      'cache-control': 'no-cache',
    };
    const bot = path.extname(file) === '.json' ? withEscalation(file) : undefined;
    if (bot !== undefined) {
      response.writeHead(200, { ...headers, 'content-length': Buffer.byteLength(bot) });
      return void response.end(request.method === 'HEAD' ? undefined : bot);
    }
    response.writeHead(200, { ...headers, 'content-length': statSync(file).size });
    if (request.method === 'HEAD') return void response.end();
    createReadStream(file).pipe(response);
  });
  // Requests Node's HTTP parser refuses (an invalid method or header, a bad Content-Length, a
  // header over 16 KiB) never reach the handlers: answer them and close gently, reading what the
  // client still sends so it receives the answer (an abrupt close with unread data is a TCP reset).
  const refuse = (socket, status, reason) => {
    if (socket.writable && socket.bytesWritten === 0) {
      socket.end(`HTTP/1.1 ${status} ${reason}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
    } else socket.end();
    socket.resume();
    setTimeout(() => socket.destroy(), 2000).unref();
  };
  // A client that trickles its body does not hold a connection for Node's default 300 s.
  server.requestTimeout = 30_000;
  server.on('clientError', (error, socket) => {
    if (error.code === 'ECONNRESET' || !socket.writable) return void socket.destroy();
    if (error.code === 'HPE_HEADER_OVERFLOW')
      return refuse(socket, 431, 'Request Header Fields Too Large');
    refuse(socket, 400, 'Bad Request');
  });
  // CONNECT (a proxy tunnel request) is not served here.
  server.on('connect', (_request, socket) => refuse(socket, 405, 'Method Not Allowed'));
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', () => resolve(server));
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await startExampleServer();
  const url = `http://127.0.0.1:${server.address().port}/`;
  console.log(
    `support-bot demo with escalation: ${url}  (escalation endpoint: ${url.slice(0, -1)}${ENDPOINT})`,
  );
  const stop = () => {
    server.closeAllConnections();
    server.close(() => process.exit(0));
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
