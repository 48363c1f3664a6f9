#!/usr/bin/env node
/**
 * The widget on real networks (issue #15, item 6): what a visit costs and how soon the visitor is
 * answered, per network, bot form, loading policy, cold and cached.
 *
 * A static site like a customer's (assets from `support-bot-assets` with its pre-compressed `.br`
 * and `.gz` copies, a compiled index from the CLI, the site's own pages pre-compressed likewise)
 * served on 127.0.0.1 the way a server configured as in docs/deploy.md does: the `.br` copy to a
 * browser that accepts brotli (`Content-Encoding: br`, `Vary: Accept-Encoding`), long-lived
 * `Cache-Control` on the assets. Chromium's network is emulated with the Chrome
 * DevTools Protocol (`Network.emulateNetworkConditions`): fast (no throttling), "4G" (9 Mbit/s
 * down, 85 ms RTT) and "Fast 3G" (DevTools' preset: 1.44 Mbit/s down, 675 kbit/s up, 562.5 ms).
 *
 * Per row, times are from navigation start: launcher visible; then a visitor who opens the chat
 * 2 s after `load` (hover, click) and asks a question a word match answers for sure ("first
 * answer", ms after sending), then one only the model answers ("first model answer", ms after
 * sending it, right after the first answer). Bytes: a first visit that never opens the chat
 * (10 s after `load`, no interaction) and one that does (everything until the model answer),
 * counted as bytes the server wrote.
 *
 * Then, on the fast network, the bytes of first visits (never opened; opened and asked until the
 * model answers) by what the server sends: the .br copies, the .gz copies, or the files as they
 * are (a server without pre-compressed copies or compression), per bot form.
 *
 * Usage: pnpm --filter @support-bot/widget run build && node bench/widget-network.mjs
 *        [--networks fast,4g,fast3g] [--encodings br,gzip,identity] [--json out.json]
 *        (--networks '' prints only the encodings table, --encodings '' skips it)
 */
import {
  createReadStream,
  existsSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { createServer } from 'node:http';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { brotliCompressSync, constants, gzipSync } from 'node:zlib';
import {
  buildStoreSite,
  checkPrerequisites,
  launchChromium,
  progressLogger,
  writeDemoPages,
} from './browser/bench-site.mjs';

const SURE = 'what does delivery cost';
const UNSURE = 'my parcel was due on Friday and still is not here';

const NETWORKS = {
  fast: undefined,
  '4g': { latency: 85, downloadThroughput: (9e6 / 8) | 0, uploadThroughput: (9e6 / 8) | 0 },
  fast3g: {
    latency: 562.5,
    downloadThroughput: ((1.6e6 * 0.9) / 8) | 0,
    uploadThroughput: ((750e3 * 0.9) / 8) | 0,
  },
};
const LABEL = { fast: 'fast (localhost)', '4g': '4G 9 Mbit/s 85 ms', fast3g: 'Fast 3G' };

const { values: args } = parseArgs({
  options: {
    networks: { type: 'string', default: 'fast,4g,fast3g' },
    encodings: { type: 'string', default: 'br,gzip,identity' },
    json: { type: 'string' },
  },
});
const networks = args.networks.split(',').filter((n) => n in NETWORKS);
const ENCODINGS = args.encodings.split(',').filter((e) => ['br', 'gzip', 'identity'].includes(e));
const progress = progressLogger();
checkPrerequisites();

// The site: assets as support-bot-assets writes them (with their .br/.gz copies), the compiled
// index from the CLI, the demo page per bot form and loading policy.
const site = await buildStoreSite('support-bot-network-', { precompress: true });
writeDemoPages(
  site,
  ['json', 'index'].flatMap((bot) =>
    ['intent', 'idle'].map((policy) => [
      `${bot}-${policy}.html`,
      `acme-store.${bot}`,
      `device="wasm" preload="${policy}"`,
    ]),
  ),
);
// The site's own files, pre-compressed like the assets (a site's build step would do this).
for (const entry of readdirSync(site, { recursive: true, withFileTypes: true })) {
  const file = path.join(entry.parentPath, entry.name);
  if (!entry.isFile() || /\.(br|gz)$/.test(file) || existsSync(`${file}.br`)) continue;
  const bytes = readFileSync(file);
  if (bytes.length < 1024) continue;
  writeFileSync(
    `${file}.br`,
    brotliCompressSync(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11 } }),
  );
  writeFileSync(`${file}.gz`, gzipSync(bytes, { level: 9 }));
}
progress('site ready');

/** What the server sends: `br` (the .br copy, else .gz), `gzip` (the .gz copy) or `identity`. */
let encoding = 'br';
const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.css': 'text/css; charset=utf-8',
};
let bytesSent = 0;
const server = createServer((request, response) => {
  const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
  const file = path.join(site, pathname);
  if (!file.startsWith(site) || !existsSync(file) || statSync(file).isDirectory()) {
    response.writeHead(404).end();
    return;
  }
  const headers = {
    'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
    'cache-control':
      pathname.startsWith('/public/') && !pathname.startsWith('/public/bots/')
        ? 'public, max-age=31536000, immutable'
        : 'no-cache',
    vary: 'accept-encoding',
  };
  const count = (chunk) => {
    bytesSent += chunk.length;
  };
  // transformers.js probes a model's size with `Range: bytes=0-0`; answer it like nginx does
  // (206, one byte), or the probe alone downloads the whole model.
  const range = /^bytes=(\d+)-(\d*)$/.exec(request.headers.range ?? '');
  if (range) {
    const size = statSync(file).size;
    const start = Number(range[1]);
    const end = Math.min(size - 1, range[2] ? Number(range[2]) : size - 1);
    response.writeHead(206, {
      ...headers,
      'content-range': `bytes ${start}-${end}/${size}`,
      'content-length': end - start + 1,
    });
    createReadStream(file, { start, end }).on('data', count).pipe(response);
    return;
  }
  // As nginx with brotli_static and gzip_static on: the copy the browser accepts, if it exists.
  const accepted = request.headers['accept-encoding'] ?? '';
  const offers = {
    br: [
      ['br', '.br'],
      ['gzip', '.gz'],
    ],
    gzip: [['gzip', '.gz']],
    identity: [],
  };
  for (const [token, extension] of offers[encoding]) {
    if (!new RegExp(`\\b${token}\\b`).test(accepted) || !existsSync(file + extension)) continue;
    response.writeHead(200, {
      ...headers,
      'content-encoding': token,
      'content-length': statSync(file + extension).size,
    });
    createReadStream(file + extension)
      .on('data', count)
      .pipe(response);
    return;
  }
  response.writeHead(200, { ...headers, 'content-length': statSync(file).size });
  createReadStream(file).on('data', count).pipe(response);
});
await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
const origin = `http://127.0.0.1:${server.address().port}/`;

const launch = () => launchChromium({ prefix: 'support-bot-network-profile-' });

/** Timestamps from navigation start, taken in the page on every animation frame. */
function instrument() {
  const t = { answers: [] };
  window.__t = t;
  document.addEventListener('sb-ready', () => {
    t.ready ??= performance.now();
  });
  const poll = () => {
    const root = document.querySelector('support-bot')?.shadowRoot;
    const launcher = root?.querySelector('.launcher');
    if (!t.launcher && launcher && launcher.getBoundingClientRect().width > 0)
      t.launcher = performance.now();
    const done = root?.querySelectorAll('li.bot[data-kind]:not(.greeting)[aria-busy="false"]');
    while (done && t.answers.length < done.length) t.answers.push(performance.now());
    requestAnimationFrame(poll);
  };
  requestAnimationFrame(poll);
}

async function throttle(tab, network) {
  const conditions = NETWORKS[network];
  if (!conditions) return;
  const cdp = await tab.context().newCDPSession(tab);
  await cdp.send('Network.enable');
  await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
}

/** A visit that never opens the chat: bytes written by the server in 10 s after `load`. */
async function idleVisit(context, file, network) {
  const tab = await context.newPage();
  await throttle(tab, network);
  const before = bytesSent;
  await tab.goto(origin + file, { waitUntil: 'load', timeout: 600_000 });
  await tab.waitForTimeout(10_000);
  const bytes = bytesSent - before;
  await tab.close();
  return bytes;
}

/** A visitor who opens the chat 2 s after `load` and asks a sure, then an unsure question. */
async function chatVisit(context, file, network) {
  const tab = await context.newPage();
  await tab.addInitScript(instrument);
  await throttle(tab, network);
  const before = bytesSent;
  await tab.goto(origin + file, { waitUntil: 'load', timeout: 600_000 });
  await tab.waitForTimeout(2_000);
  const launcher = tab.locator('support-bot .launcher');
  await launcher.hover();
  await launcher.click();
  const input = tab.locator('support-bot textarea');
  await input.fill(SURE);
  const sent1 = await tab.evaluate(() => performance.now());
  await input.press('Enter');
  await tab.waitForFunction(() => window.__t.answers.length >= 1, undefined, { timeout: 900_000 });
  await input.fill(UNSURE);
  const sent2 = await tab.evaluate(() => performance.now());
  await input.press('Enter');
  await tab.waitForFunction(() => window.__t.answers.length >= 2, undefined, { timeout: 900_000 });
  const t = await tab.evaluate(() => window.__t);
  const bytes = bytesSent - before;
  await tab.close();
  return {
    launcher: t.launcher,
    first: t.answers[0] - sent1,
    // Whether the sure question was asked while the engine loaded (then the early worker answers).
    loading: !(t.ready < sent1),
    model: t.answers[1] - sent2,
    ready: t.ready,
    bytes,
  };
}

const rows = [];
const raw = [];
for (const network of networks) {
  for (const bot of ['json', 'index']) {
    for (const policy of ['intent', 'idle']) {
      const file = `${bot}-${policy}.html`;
      const browser = await launch();
      try {
        const neverOpened = await idleVisit(browser.context, file, network);
        // A fresh profile again for the cold chat visit: the idle visit may have cached things.
        await browser.close();
        const fresh = await launch();
        try {
          const cold = await chatVisit(fresh.context, file, network);
          const cached = await chatVisit(fresh.context, file, network);
          for (const [visit, r] of [
            ['cold', cold],
            ['cached', cached],
          ]) {
            raw.push({ network, bot, policy, visit, neverOpened, ...r });
            rows.push([
              LABEL[network],
              bot === 'json' ? 'bot.json' : 'compiled index',
              policy,
              visit,
              ms(r.launcher),
              `${ms(r.first)}${r.loading ? '' : ' ¹'}`,
              ms(r.model),
              ms(r.ready),
              visit === 'cold' ? kb(neverOpened) : '—',
              kb(r.bytes),
            ]);
          }
          progress(`${network} ${bot} ${policy}: first ${ms(cold.first)} / ${ms(cached.first)}`);
        } finally {
          await fresh.close();
        }
      } catch (error) {
        await browser.close().catch(() => undefined);
        throw error;
      }
    }
  }
}

function ms(x) {
  return Number.isFinite(x) ? `${Math.round(x)} ms` : '—';
}
function kb(x) {
  return x >= 1e6 ? `${(x / 1e6).toFixed(1)} MB` : `${(x / 1e3).toFixed(1)} KB`;
}
function table(headers, body) {
  const widths = headers.map((h, i) => Math.max(h.length, ...body.map((r) => String(r[i]).length)));
  const line = (cells) => `| ${cells.map((c, i) => String(c).padEnd(widths[i])).join(' | ')} |`;
  return [
    line(headers),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...body.map(line),
  ].join('\n');
}

if (rows.length > 0) {
  console.log(
    `\n## The widget on emulated networks (${new Date().toISOString().slice(0, 16)} UTC, ${cpus().length} cores ${cpus()[0]?.model ?? ''}, load ${loadavg()[0].toFixed(1)})\n`,
  );
  console.log(
    table(
      [
        'network',
        'bot',
        'policy',
        'visit',
        'launcher visible',
        'first answer (after send)',
        'first model answer (after send)',
        'engine ready',
        'never-opened visit bytes',
        'chat visit bytes',
      ],
      rows,
    ),
  );
  console.log(
    `\nFirst answer: "${SURE}" (a sure word match) asked 2 s after load (¹: the engine was already ready when it was asked; else the early-answer worker answered it); first model answer: "${UNSURE}" asked right after it. Times from navigation start except the answers (from sending). Bytes: what the server wrote (the .br copies), first visits in a fresh profile; "cached" is the second visit in the same profile.`,
  );
}

// Bytes of first visits by what the server sends (the network does not change them).
const encodingRows = [];
const ENCODING_LABEL = {
  br: '.br copies (brotli)',
  gzip: '.gz copies (gzip)',
  identity: 'files as they are',
};
for (const bot of ENCODINGS.length > 0 ? ['json', 'index'] : []) {
  for (const enc of ENCODINGS) {
    encoding = enc;
    const file = `${bot}-intent.html`;
    const first = await launch();
    let neverOpened;
    try {
      neverOpened = await idleVisit(first.context, file, 'fast');
    } finally {
      await first.close();
    }
    const second = await launch();
    let chat;
    try {
      chat = await chatVisit(second.context, file, 'fast');
    } finally {
      await second.close();
    }
    raw.push({ table: 'encodings', bot, encoding: enc, neverOpened, chat: chat.bytes });
    encodingRows.push([
      bot === 'json' ? 'bot.json' : 'compiled index',
      ENCODING_LABEL[enc],
      kb(neverOpened),
      kb(chat.bytes),
    ]);
    progress(`bytes with ${enc}, ${bot}: ${kb(neverOpened)} / ${kb(chat.bytes)}`);
  }
}
encoding = 'br';
if (encodingRows.length > 0) {
  console.log(
    `\n## Bytes of a first visit by what the server sends (fast network, preload="intent", ${new Date().toISOString().slice(0, 16)} UTC)\n`,
  );
  console.log(
    table(
      [
        'bot',
        'server sends',
        'visit that never opens the chat',
        'visit that chats until the model answers',
      ],
      encodingRows,
    ),
  );
}
if (args.json) writeFileSync(args.json, JSON.stringify(raw, null, 2));
server.close();
rmSync(site, { recursive: true, force: true });
