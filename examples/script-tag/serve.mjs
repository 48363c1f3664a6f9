#!/usr/bin/env node
// Serves the demo on 127.0.0.1 with no dependencies:
//   /                 this folder (index.html, zh.html)
//   /support-bot/     the built widget (packages/widget/dist: support-bot.js, workers, ort/)
//   /models/          the model folders ($SUPPORT_BOT_MODELS, default ../shared/models)
//   /bots/            the example bot files (examples/bots)
// Usage: node serve.mjs [--port 8080]   (PORT works too; 0 picks a free port)
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../..');
// Resolved, so the containment check below compares normalised paths (the variable may hold '..').
const models = path.resolve(process.env.SUPPORT_BOT_MODELS ?? path.join(repo, '../shared/models'));
const routes = [
  ['/support-bot/', path.join(repo, 'packages/widget/dist')],
  ['/models/', models],
  ['/bots/', path.join(repo, 'examples/bots')],
  ['/', here],
];
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.onnx': 'application/octet-stream',
  '.index': 'application/octet-stream',
  '.map': 'application/json',
  '.css': 'text/css',
};

if (!existsSync(path.join(repo, 'packages/widget/dist/support-bot.js'))) {
  console.error(
    '[support-bot] Failed to start the demo: the widget is not built. Please run `pnpm run build` first (npm run demo does it).',
  );
  process.exit(1);
}

export function startServer(port = Number(process.env.PORT ?? 8080)) {
  const server = createServer((request, response) => {
    const url = new URL(request.url ?? '/', 'http://localhost');
    const pathname = decodeURIComponent(url.pathname);
    if (process.env.DEMO_LOG) console.log(request.method, pathname);
    const route = routes.find(([prefix]) => pathname.startsWith(prefix));
    const [prefix, root] = route;
    let file = path.join(root, pathname.slice(prefix.length));
    // Never serve outside the mapped folder.
    if (file !== root && !file.startsWith(root + path.sep)) return send(response, 403, 'Forbidden');
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!existsSync(file)) return send(response, 404, 'Not found');
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      // The strict policy the widget is built for: no inline script, no eval, workers from self.
      'content-security-policy':
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:",
      'cache-control':
        pathname.startsWith('/models/') || pathname.startsWith('/support-bot/ort/')
          ? 'public, max-age=86400'
          : 'no-cache',
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) => server.listen(port, '127.0.0.1', () => resolve(server)));
}

function send(response, status, text) {
  response.writeHead(status, { 'content-type': 'text/plain' });
  response.end(text);
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const flag = process.argv.indexOf('--port');
  const server = await startServer(flag > 0 ? Number(process.argv[flag + 1]) : undefined);
  const { port } = server.address();
  console.log(
    `support-bot demo: http://127.0.0.1:${port}/  (Chinese bot: http://127.0.0.1:${port}/zh.html)  Ctrl+C stops it`,
  );
}
