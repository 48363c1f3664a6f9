#!/usr/bin/env node
// The script-tag demo plus the escalation adapter on one origin (127.0.0.1):
//   /api/support   createEscalationHandler (LLM from the environment, see below)
//   everything else: the static demo in examples/script-tag (run its `assets` script first)
//
// LLM configuration (all optional; without a base URL, escalation answers with the fallback
// reply and the log says why):
//   SUPPORT_BOT_LLM_PROVIDER  openai (any OpenAI-compatible API: OpenAI, Azure, Ollama, vLLM,
//                             llama.cpp) or anthropic. Default openai.
//   SUPPORT_BOT_LLM_BASE_URL  e.g. https://api.openai.com/v1 or http://127.0.0.1:11434/v1
//   SUPPORT_BOT_LLM_MODEL     e.g. gpt-4o-mini, llama3.1:8b, claude-3-5-haiku-latest
//   SUPPORT_BOT_LLM_API_KEY   stays on this server
//   PORT                      default 8080 (0 picks a free port)
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  anthropic,
  createEscalationHandler,
  openAICompatible,
  toNodeHandler,
} from '@support-bot/server-adapter';

const site = path.resolve(fileURLToPath(import.meta.url), '../../script-tag');
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
};
const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

/** The LLM provider described by the environment, or undefined (fallback replies). */
export function providerFromEnv(env = process.env) {
  const baseURL = env.SUPPORT_BOT_LLM_BASE_URL;
  if (!baseURL) return undefined;
  const model = env.SUPPORT_BOT_LLM_MODEL ?? 'gpt-4o-mini';
  const apiKey = env.SUPPORT_BOT_LLM_API_KEY;
  return env.SUPPORT_BOT_LLM_PROVIDER === 'anthropic'
    ? anthropic({ baseURL, model, apiKey: apiKey ?? '' })
    : openAICompatible({ baseURL, model, ...(apiKey && { apiKey }) });
}

/** Starts the server; resolves with it once listening on 127.0.0.1. */
export function startExampleServer({
  port = Number(process.env.PORT ?? 8080),
  env = process.env,
  log = console,
} = {}) {
  const provider = providerFromEnv(env);
  if (!provider)
    log.warn('[support-bot] No SUPPORT_BOT_LLM_BASE_URL: escalations will get the fallback reply.');
  const escalate = toNodeHandler(
    createEscalationHandler({
      ...(provider && { provider }),
      // Same origin as the page; the browser sends Origin on POST.
      allowedOrigins: (origin) => /^http:\/\/(127\.0\.0\.1|localhost)(:\d+)?$/.test(origin),
      logger: { warn: (m) => log.warn(m) },
    }),
  );
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    if (pathname === '/api/support') return void escalate(request, response);
    let file = path.join(site, pathname);
    if (file !== site && !file.startsWith(site + path.sep))
      return void response.writeHead(403).end('Forbidden');
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file))
      return void response.writeHead(404, { 'content-type': 'text/plain' }).end('Not found');
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-security-policy': CSP,
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const server = await startExampleServer();
  console.log(
    `support-bot demo with escalation: http://127.0.0.1:${server.address().port}/  (API: /api/support)`,
  );
}
