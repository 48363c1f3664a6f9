#!/usr/bin/env node
// Serves this folder on 127.0.0.1 with no dependencies, under the strict Content-Security-Policy
// the widget is built for. Any static server works as well; run
// `pnpm --filter @support-bot/widget run build:demo` first so public/ holds the widget, the
// onnxruntime-web files, the models and the bots.
// Usage: node serve.mjs [--port 8080]   (PORT works too; 0 picks a free port)
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.dirname(fileURLToPath(import.meta.url));
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
};
/** What the widget needs: its own scripts and workers, WebAssembly, and fetches to this origin. */
export const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'";

export function startServer(port = Number(process.env.PORT ?? 8080), dir = root) {
  if (!existsSync(path.join(dir, 'public/support-bot.js'))) {
    throw new Error(
      `[support-bot] Failed to start the demo: ${dir}/public has no widget. Please run \`pnpm --filter @support-bot/widget run build:demo\` first.`,
    );
  }
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    let file = path.join(dir, pathname);
    if (!file.startsWith(dir)) return send(response, 403, 'Forbidden');
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) return send(response, 404, 'Not found');
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'content-security-policy': CSP,
      // The model, runtime and workers are cached so a second visit works offline.
      'cache-control': pathname.startsWith('/public/') ? 'public, max-age=86400' : 'no-cache',
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

function send(response, status, text) {
  response.writeHead(status, { 'content-type': 'text/plain', 'content-security-policy': CSP });
  response.end(text);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf('--port');
  try {
    const server = await startServer(flag > 0 ? Number(process.argv[flag + 1]) : undefined);
    const { port } = server.address();
    console.log(
      `support-bot demo: http://127.0.0.1:${port}/  (Chinese bot: http://127.0.0.1:${port}/zh.html)  Ctrl+C stops it`,
    );
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
