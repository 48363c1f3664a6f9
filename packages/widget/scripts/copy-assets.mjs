#!/usr/bin/env node
/**
 * support-bot-assets: copies what a site must self-host for <support-bot> into its public folder.
 *
 *   <out>/support-bot.js              the element (only needed for the script-tag distribution)
 *   <out>/support-bot-remote.js       its lazy escalation/feedback chunk (loaded only by bots using them)
 *   <out>/support-bot-action-runner.js  its lazy chunk for forms' actions (loaded on the first action)
 *   <out>/engine-wasm.worker.js       the engine workers, loaded from the page's origin
 *   <out>/engine-webgpu.worker.js
 *   <out>/engine-early.worker.js      answers from the bot file alone while an engine worker loads
 *   <out>/engine-{wasm,webgpu}-{chrono,en,zh}.js  the workers' lazy chrono-node chunks
 *   <out>/ort/                        onnxruntime-web's .mjs/.wasm pairs the workers load
 *   <out>/models/<id>/                the model: config, tokenizer, onnx/model_quantized.onnx
 *   <out>/bots/<file>                 bot files given with --bot
 *   <file>.br, <file>.gz              next to each of those files (1 KB or more): pre-compressed
 *                                     copies (brotli, gzip) for a server that sends them as they
 *                                     are (nginx `gzip_static`/`brotli_static`, Caddy
 *                                     `precompressed`, ...; see docs/deploy.md). --no-precompress
 *                                     skips them
 *
 * Usage:
 *   support-bot-assets --out public [--model Xenova/all-MiniLM-L6-v2]... [--models <dir> | --hub]
 *                      [--bot bot.json]... [--no-models] [--no-precompress]
 *
 * The npm package ships onnxruntime-web's .wasm files and the workers brotli-compressed (*.br);
 * they are written out as plain files (and those .br files reused as the pre-compressed copies).
 * It prints what it copied and exits non-zero when it cannot copy the widget (not built) or a
 * model.
 *
 * Models come from a local folder laid out as <dir>/<id>/... (--models, else $SUPPORT_BOT_MODELS,
 * else ../shared/models from the current directory), or from the Hugging Face Hub with --hub.
 */
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  realpathSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import { brotliCompress, brotliDecompressSync, constants, gzip } from 'node:zlib';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.resolve(here, '../dist');

/** The files transformers.js reads for a q8 feature-extraction model. */
export const MODEL_FILES = [
  'config.json',
  'tokenizer.json',
  'tokenizer_config.json',
  'special_tokens_map.json',
  'onnx/model_quantized.onnx',
];
/** Built next to support-bot.js by rollup (see rollup.config.js). */
export const WIDGET_FILES = [
  'support-bot.js',
  'support-bot-remote.js',
  'support-bot-action-runner.js',
  'engine-wasm.worker.js',
  'engine-webgpu.worker.js',
  'engine-early.worker.js',
  // The workers' lazy chrono-node chunks (fetched only by bots with date slots).
  ...['wasm', 'webgpu'].flatMap((b) => ['chrono', 'en', 'zh'].map((c) => `engine-${b}-${c}.js`)),
];

function fail(message) {
  console.error(`[support-bot] Failed to copy the assets: ${message}`);
  process.exit(1);
}

function copy(from, to) {
  mkdirSync(path.dirname(to), { recursive: true });
  copyFileSync(from, to);
  return statSync(to).size;
}

/** Writes `from` (a .br file) decompressed to `to` (the package ships 42 MB of runtime as 7.6 MB). */
function unbrotli(from, to) {
  const bytes = brotliDecompressSync(readFileSync(from));
  mkdirSync(path.dirname(to), { recursive: true });
  writeFileSync(to, bytes);
  return bytes.length;
}

const mb = (bytes) => `${(bytes / 1e6).toFixed(1)} MB`;

const brotli = promisify(brotliCompress);
const gzipAsync = promisify(gzip);
/** Below this, a compressed copy saves less than the headers cost (nginx's gzip_min_length idea). */
const MIN_COMPRESS_BYTES = 1024;

/**
 * Writes `<file>.br` and `<file>.gz` next to `file`, byte for byte what a server would send with
 * `Content-Encoding: br` / `gzip`. Brotli quality 11 up to 1 MB, 5 above: on the 23 MB int8
 * model, quality 5 takes 2 s for 15.72 MB and 9 takes 28 s for 15.86 MB (measured); gzip level 9.
 * `reuseBr` is a .br of the same bytes made at build time (the package's onnxruntime .wasm.br,
 * quality 9: 2.68 MB where 5 gives 2.87 MB), copied instead of recompressing. Runs on libuv's
 * thread pool, so files compress in parallel.
 * @returns {Promise<{ raw: number, br: number, gz: number }>}
 */
async function precompress(file, reuseBr) {
  const bytes = readFileSync(file);
  const big = bytes.length > 2 ** 20;
  const [br, gz] = await Promise.all([
    reuseBr
      ? readFileSync(reuseBr)
      : brotli(bytes, {
          params: {
            [constants.BROTLI_PARAM_QUALITY]: big ? 5 : 11,
            [constants.BROTLI_PARAM_LGWIN]: 24,
            [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length,
          },
        }),
    gzipAsync(bytes, { level: 9 }),
  ]);
  writeFileSync(`${file}.br`, br);
  writeFileSync(`${file}.gz`, gz);
  return { raw: bytes.length, br: br.length, gz: gz.length };
}

async function download(url, to) {
  const response = await fetch(url);
  if (!response.ok) throw new Error(`${url} answered HTTP ${response.status}`);
  const bytes = new Uint8Array(await response.arrayBuffer());
  mkdirSync(path.dirname(to), { recursive: true });
  writeFileSync(to, bytes);
  return bytes.length;
}

/**
 * Copies the widget's workers, onnxruntime-web files, models and bots into `out`, each with
 * pre-compressed `.br` and `.gz` copies unless `precompress` is false.
 * @returns {Promise<{ files: number, bytes: number, compressed?: { files: number, br: number, gz: number } }>}
 */
export async function copyAssets({
  out,
  models = ['Xenova/all-MiniLM-L6-v2'],
  modelsDir,
  hub = false,
  bots = [],
  precompress: compress = true,
  log = console.log,
}) {
  const packed = (file) =>
    existsSync(path.join(dist, file)) || existsSync(path.join(dist, `${file}.br`));
  if (!packed('engine-wasm.worker.js'))
    fail(
      `the widget is not built (${dist} has no workers). Please run \`pnpm --filter @support-bot/widget run build\` first.`,
    );
  let files = 0;
  let bytes = 0;
  let groupBytes = 0;
  /** Every file written, with a .br of its bytes already at hand (or undefined). */
  const written = [];
  const add = (size, to, reuseBr) => {
    files++;
    bytes += size;
    groupBytes += size;
    written.push({ file: to, reuseBr });
  };
  const group = (label) => {
    log(`  ${label} (${mb(groupBytes)})`);
    groupBytes = 0;
  };
  // The npm package ships the workers as .js.br (like the .wasm files); the repository's dist has both.
  for (const file of WIDGET_FILES) {
    const from = path.join(dist, file);
    const to = path.join(out, file);
    // A worker's .br in dist may be older than a rebuilt worker: reuse it only when newer.
    const br = fresh(`${from}.br`, from);
    add(existsSync(from) ? copy(from, to) : unbrotli(`${from}.br`, to), to, br);
  }
  group(WIDGET_FILES.join(', '));
  const ort = readdirSync(path.join(dist, 'ort'));
  for (const file of ort) {
    const from = path.join(dist, 'ort', file);
    if (file.endsWith('.wasm.br')) {
      const wasm = file.slice(0, -'.br'.length);
      const to = path.join(out, 'ort', wasm);
      if (!ort.includes(wasm)) add(unbrotli(from, to), to, from);
    } else if (file.endsWith('.wasm')) {
      const to = path.join(out, 'ort', file);
      add(copy(from, to), to, fresh(`${from}.br`, from));
    } else {
      const to = path.join(out, 'ort', file);
      add(copy(from, to), to);
    }
  }
  group('ort/ (onnxruntime-web WASM builds)');
  for (const id of models) {
    if (!/^[\w.-]+\/[\w.-]+$/.test(id))
      fail(`"${id}" is not a model id like Xenova/all-MiniLM-L6-v2.`);
    for (const file of MODEL_FILES) {
      const to = path.join(out, 'models', id, file);
      if (hub) {
        add(await download(`https://huggingface.co/${id}/resolve/main/${file}`, to), to);
      } else {
        const from = path.join(modelsDir, id, file);
        if (!existsSync(from))
          fail(
            `${from} does not exist. Please pass --models <dir> with <dir>/${id}/, or --hub to download it.`,
          );
        add(copy(from, to), to);
      }
    }
    group(`models/${id}/`);
  }
  for (const bot of bots) {
    if (!existsSync(bot)) fail(`the bot file ${bot} does not exist.`);
    const to = path.join(out, 'bots', path.basename(bot));
    add(copy(bot, to), to);
    group(`bots/${path.basename(bot)}`);
  }
  if (!compress) return { files, bytes };
  const sizes = await Promise.all(
    written
      .filter(({ file }) => statSync(file).size >= MIN_COMPRESS_BYTES)
      .map(({ file, reuseBr }) => precompress(file, reuseBr)),
  );
  const compressed = {
    files: sizes.length,
    raw: sizes.reduce((n, s) => n + s.raw, 0),
    br: sizes.reduce((n, s) => n + s.br, 0),
    gz: sizes.reduce((n, s) => n + s.gz, 0),
  };
  log(
    `  pre-compressed copies of ${compressed.files} files (.br ${mb(compressed.br)}, .gz ${mb(compressed.gz)}, from ${mb(compressed.raw)})`,
  );
  return { files, bytes, compressed };
}

/** `br` if it exists and is at least as new as `source` (the same bytes, compressed), else undefined. */
function fresh(br, source) {
  if (!existsSync(br)) return undefined;
  return !existsSync(source) || statSync(br).mtimeMs >= statSync(source).mtimeMs ? br : undefined;
}

/**
 * Whether this file is the program being run. npm, pnpm and yarn start a bin through a symlink
 * (node_modules/.bin/support-bot-assets) or a shim, so compare real paths, not argv[1] as given.
 */
function isMain() {
  if (!process.argv[1]) return false;
  try {
    return realpathSync(process.argv[1]) === realpathSync(fileURLToPath(import.meta.url));
  } catch {
    return false;
  }
}

if (isMain()) {
  let values;
  try {
    ({ values } = parseArgs({
      options: {
        out: { type: 'string', short: 'o' },
        model: { type: 'string', short: 'm', multiple: true },
        models: { type: 'string' },
        hub: { type: 'boolean', default: false },
        bot: { type: 'string', multiple: true },
        'no-models': { type: 'boolean', default: false },
        'no-precompress': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }));
  } catch (error) {
    fail(`${error.message}. Please see --help.`);
  }
  if (values.help || !values.out) {
    console.log(
      'Usage: support-bot-assets --out <public dir> [--model <id>]... [--models <dir> | --hub] [--bot <file>]... [--no-models] [--no-precompress]',
    );
    process.exit(values.help ? 0 : 2);
  }
  const modelsDir = path.resolve(
    values.models ?? process.env.SUPPORT_BOT_MODELS ?? path.join(process.cwd(), '../shared/models'),
  );
  const out = path.resolve(values.out);
  const started = performance.now();
  console.log(`[support-bot] Copying the widget's assets into ${out}:`);
  const { files, bytes } = await copyAssets({
    out,
    models: values['no-models'] ? [] : (values.model ?? ['Xenova/all-MiniLM-L6-v2']),
    modelsDir,
    hub: values.hub,
    bots: values.bot ?? [],
    precompress: !values['no-precompress'],
  });
  console.log(
    `[support-bot] Copied ${files} files (${(bytes / 1e6).toFixed(1)} MB) into ${out} in ${Math.round(performance.now() - started)} ms.`,
  );
}
