#!/usr/bin/env node
/**
 * Runs after rollup (`pnpm run build`) and prepares what the npm package ships besides the code:
 *
 *   dist/ort/*.wasm.br          onnxruntime-web's WASM files, brotli-compressed: the package ships
 *                               these (7 MB instead of 41 MB) and support-bot-assets writes the
 *                               plain .wasm into the site's folder
 *   dist/engine-*.worker.js.br  the engine workers, likewise (1.2 MB -> 0.26 MB): nothing imports
 *                               them from the package, support-bot-assets copies them out
 *   THIRD-PARTY-NOTICES.md      the licence of every package bundled into dist/*.js, found from
 *                               the bundles' source maps (so it cannot miss one)
 *
 * Compression is skipped when a .br is newer than its source (a rebuild writes the source again).
 */
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { brotliCompressSync, constants } from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

/**
 * Writes `<file>.br`. Quality 9 for the WASM files: 41 MB -> 7.3 MB in ~15 s (11 saves another
 * 1 MB but takes ~2 min); 11 for the workers, which are small.
 */
function compress(from, quality) {
  const to = `${from}.br`;
  if (existsSync(to) && statSync(to).mtimeMs >= statSync(from).mtimeMs) return;
  const bytes = readFileSync(from);
  const packed = brotliCompressSync(bytes, {
    params: {
      [constants.BROTLI_PARAM_QUALITY]: quality,
      [constants.BROTLI_PARAM_LGWIN]: 24,
      [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
    },
  });
  writeFileSync(to, packed);
  console.log(
    `[support-bot] ${path.basename(from)}: ${mb(bytes.length)} -> ${mb(packed.length)} (brotli)`,
  );
}

function compressRuntime() {
  for (const file of readdirSync(path.join(dist, 'ort')))
    if (file.endsWith('.wasm')) compress(path.join(dist, 'ort', file), 9);
  for (const file of readdirSync(dist))
    if (/^engine-.*\.worker\.js$/.test(file)) compress(path.join(dist, file), 11);
}

const mb = (n) => `${(n / 1e6).toFixed(1)} MB`;

/** `node_modules/.pnpm/x@1/node_modules/@scope/name/...` -> the package folder. */
function packageDirOf(source) {
  const parts = source.split('/');
  const at = parts.lastIndexOf('node_modules');
  if (at < 0) return undefined;
  const scoped = parts[at + 1]?.startsWith('@');
  return parts.slice(0, at + (scoped ? 3 : 2)).join('/');
}

const LICENSE_FILES = /^(licen[cs]e|copying|notice)(\.(md|txt))?$/i;

/**
 * Packages published without a licence file: their licence as stated by the project's repository
 * (github.com/microsoft/onnxruntime, LICENSE: MIT, "Copyright (c) Microsoft Corporation").
 */
const KNOWN_LICENCES = {
  'onnxruntime-web': 'Microsoft Corporation',
  'onnxruntime-common': 'Microsoft Corporation',
};

const mitText = (holder) => `MIT License

Copyright (c) ${holder}

Permission is hereby granted, free of charge, to any person obtaining a copy
of this software and associated documentation files (the "Software"), to deal
in the Software without restriction, including without limitation the rights
to use, copy, modify, merge, publish, distribute, sublicense, and/or sell
copies of the Software, and to permit persons to whom the Software is
furnished to do so, subject to the following conditions:

The above copyright notice and this permission notice shall be included in all
copies or substantial portions of the Software.

THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING FROM,
OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS IN THE
SOFTWARE.`;

/** Every third-party package whose code ended up in a bundle, with its licence text. */
function thirdPartyNotices() {
  const packages = new Map();
  const maps = readdirSync(dist).filter((f) => f.endsWith('.js.map'));
  if (maps.length === 0)
    throw new Error('[support-bot] Failed to list bundled packages: dist has no source maps.');
  for (const map of maps) {
    const { sources } = JSON.parse(readFileSync(path.join(dist, map), 'utf8'));
    for (const source of sources) {
      const dir = packageDirOf(path.resolve(dist, source).split(path.sep).join('/'));
      if (!dir || packages.has(dir)) continue;
      const pkg = JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8'));
      const texts = readdirSync(dir)
        .filter((f) => LICENSE_FILES.test(f))
        .sort()
        .map((f) => readFileSync(path.join(dir, f), 'utf8').trim());
      if (texts.length === 0 && pkg.license === 'MIT' && KNOWN_LICENCES[pkg.name])
        texts.push(mitText(KNOWN_LICENCES[pkg.name]));
      packages.set(dir, { name: pkg.name, version: pkg.version, license: pkg.license, texts });
    }
  }
  // Our own workspace package bundled into the workers.
  const list = [...packages.values()]
    .filter((p) => !p.name.startsWith('@support-bot/'))
    .sort((a, b) => a.name.localeCompare(b.name));
  const missing = list.filter((p) => p.texts.length === 0);
  if (missing.length > 0)
    throw new Error(
      `[support-bot] Failed to write THIRD-PARTY-NOTICES.md: ${missing.map((p) => p.name).join(', ')} ship no licence file. Please add their licence text by hand.`,
    );
  const lines = [
    '# Third-party notices',
    '',
    "The files in `dist/` bundle the following packages (found from the bundles' source maps by",
    '`scripts/package-assets.mjs` at build time). Their licences follow.',
    '',
    '| package | version | licence |',
    '| --- | --- | --- |',
    ...list.map((p) => `| ${p.name} | ${p.version} | ${p.license} |`),
    '',
  ];
  for (const p of list) lines.push(`## ${p.name} ${p.version}`, '', '```', ...p.texts, '```', '');
  writeFileSync(path.join(root, 'THIRD-PARTY-NOTICES.md'), lines.join('\n'));
  console.log(`[support-bot] THIRD-PARTY-NOTICES.md: ${list.map((p) => p.name).join(', ')}`);
}

compressRuntime();
thirdPartyNotices();
