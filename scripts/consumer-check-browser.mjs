/**
 * The browser half of the consumer check: serves a consumer's built site (a Vite app plus the
 * assets `support-bot-assets` copied) from a plain static server on 127.0.0.1 under a strict CSP,
 * and asks the widget a question in real headless Chromium (Debian's /usr/bin/chromium through
 * playwright-core): a Vite app importing the package, and the repository's demo page (script tag).
 */
import { createReadStream, existsSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { chromium } from 'playwright-core';

const CSP =
  "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; worker-src 'self'; connect-src 'self'; style-src 'self'; img-src 'self' data:";
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.wasm': 'application/wasm',
  '.css': 'text/css',
};

function serve(root) {
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://127.0.0.1').pathname);
    let file = path.join(root, pathname);
    if (existsSync(file) && statSync(file).isDirectory()) file = path.join(file, 'index.html');
    if (!file.startsWith(root) || !existsSync(file)) {
      response.writeHead(404).end('Not found');
      return;
    }
    response.writeHead(200, {
      'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
      'content-length': statSync(file).size,
      'content-security-policy': CSP,
    });
    createReadStream(file).pipe(response);
  });
  return new Promise((resolve) =>
    server.listen(0, '127.0.0.1', () =>
      resolve({ server, url: `http://127.0.0.1:${server.address().port}/` }),
    ),
  );
}

/** Opens the widget, sends `text` and returns the finished answer's kind and text. */
async function ask(page, text) {
  const widget = page.locator('support-bot');
  await widget.locator('.launcher').click();
  await widget.locator('textarea').fill(text);
  await widget.locator('textarea').press('Enter');
  await page.waitForFunction(
    () => {
      const root = document.querySelector('support-bot')?.shadowRoot;
      return (
        (root?.querySelectorAll('li.bot[data-kind]:not(.greeting)[aria-busy="false"]').length ??
          0) > 0 && !root?.querySelector('.typing .dot')
      );
    },
    undefined,
    { timeout: 240_000 },
  );
  const last = widget.locator('li.bot[data-kind]:not(.greeting)').last();
  return {
    kind: await last.getAttribute('data-kind'),
    text: ((await last.locator('.text').textContent()) ?? '').trim(),
  };
}

/**
 * Asks "do you price match?" on each site's index page; throws unless every one answers from the
 * FAQ on the WASM engine, loads the WASM runtime from the site itself, and reports no page error
 * or CSP violation.
 * @param {{ name: string, root: string }[]} sites
 */
export async function checkInBrowser(sites) {
  const executablePath = process.env.SUPPORT_BOT_CHROMIUM ?? '/usr/bin/chromium';
  if (!existsSync(executablePath))
    throw new Error(
      `[support-bot] Failed to find Chromium at ${executablePath}. Please apt-get install chromium.`,
    );
  const profile = mkdtempSync(path.join(tmpdir(), 'support-bot-consumer-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  const results = {};
  try {
    for (const { name, root } of sites) {
      const { server, url } = await serve(root);
      try {
        const page = await context.newPage();
        const problems = [];
        page.on('pageerror', (e) => problems.push(e.message));
        page.on(
          'console',
          (m) => /Content.Security.Policy|Refused to/i.test(m.text()) && problems.push(m.text()),
        );
        const requests = [];
        page.on('request', (r) => requests.push(new URL(r.url()).pathname));
        await page.goto(url);
        const reply = await ask(page, 'do you price match?');
        // A sure word match is answered before the model is ready (issue #15): the engine that
        // started when the chat opened must still come up on WASM.
        const device = await page
          .waitForFunction(() => document.querySelector('support-bot').engineDevice, undefined, {
            timeout: 240_000,
          })
          .then((handle) => handle.jsonValue());
        if (
          reply.kind !== 'faq' ||
          !/refund the difference/.test(reply.text) ||
          device !== 'wasm' ||
          problems.length > 0
        )
          throw new Error(
            `[support-bot] Failed the browser check on ${name}: ${JSON.stringify({ reply, device, problems })}`,
          );
        if (!requests.some((p) => p.endsWith('/ort/ort-wasm-simd-threaded.wasm')))
          throw new Error(
            `[support-bot] Failed the browser check on ${name}: the WASM runtime was not loaded from the copied assets.`,
          );
        results[name] = { kind: reply.kind, device };
        await page.close();
      } finally {
        server.closeAllConnections();
        server.close();
      }
    }
  } finally {
    await context.close().catch(() => undefined);
    rmSync(profile, { recursive: true, force: true });
  }
  return results;
}
