/**
 * `support-bot-assets` writes pre-compressed copies (`.br`, `.gz`) next to what it copies, for a
 * server that sends them as they are (nginx `gzip_static`/`brotli_static`, Caddy `precompressed`).
 * Each copy must decompress to exactly the file beside it (a stale or truncated copy would be
 * served as that file), be smaller, and `--no-precompress` must write none. Runs the real bin
 * (a child process) on the real model into a temp folder.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { brotliDecompressSync, gunzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertWidgetBuilt } from '../e2e/server.js';
import { modelsDir, repoPath } from '../support/models.js';

const MODEL = 'Xenova/all-MiniLM-L6-v2';
const BIN = repoPath('packages/widget/scripts/copy-assets.mjs');
let work: string;

beforeAll(() => {
  assertWidgetBuilt();
  work = mkdtempSync(path.join(tmpdir(), 'support-bot-precompressed-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(process.execPath, [BIN, ...args], { timeout: 170_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr }),
    );
  });
}

/** Every file under `dir`, relative to it. */
function list(dir: string): string[] {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => path.relative(dir, path.join(e.parentPath, e.name)))
    .sort();
}

describe('support-bot-assets pre-compressed copies', () => {
  it('writes a .br and a .gz beside the runtime, the model, the workers and the bot, each decompressing to the file', async () => {
    const out = path.join(work, 'with');
    const result = await run([
      '--out',
      out,
      '--models',
      modelsDir(MODEL),
      '--model',
      MODEL,
      '--bot',
      repoPath('examples/bots/acme-store.json'),
    ]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/pre-compressed copies of \d+ files \(\.br \d+\.\d MB, \.gz/);
    const files = list(out);
    const originals = files.filter((f) => !/\.(br|gz)$/.test(f));
    for (const file of [
      'ort/ort-wasm-simd-threaded.wasm',
      'ort/ort-wasm-simd-threaded.asyncify.wasm',
      `models/${MODEL}/onnx/model_quantized.onnx`,
      `models/${MODEL}/tokenizer.json`,
      'engine-wasm.worker.js',
      'engine-webgpu.worker.js',
      'support-bot.js',
      'bots/acme-store.json',
    ])
      expect(originals).toContain(file);
    // Every original of 1 KB or more has both copies; nothing else is compressed.
    for (const file of originals) {
      const size = statSync(path.join(out, file)).size;
      expect(existsSync(path.join(out, `${file}.br`)), `${file}.br`).toBe(size >= 1024);
      expect(existsSync(path.join(out, `${file}.gz`)), `${file}.gz`).toBe(size >= 1024);
    }
    let raw = 0;
    let br = 0;
    for (const file of originals.filter((f) => files.includes(`${f}.br`))) {
      const bytes = readFileSync(path.join(out, file));
      const brotli = readFileSync(path.join(out, `${file}.br`));
      const gzip = readFileSync(path.join(out, `${file}.gz`));
      expect(brotliDecompressSync(brotli).equals(bytes), `${file}.br decompresses to ${file}`).toBe(
        true,
      );
      expect(gunzipSync(gzip).equals(bytes), `${file}.gz decompresses to ${file}`).toBe(true);
      expect(brotli.length, `${file}.br is smaller`).toBeLessThan(bytes.length);
      expect(gzip.length, `${file}.gz is smaller`).toBeLessThan(bytes.length);
      raw += bytes.length;
      br += brotli.length;
    }
    // The runtime and model, 64 MB as files, are well under half of that as brotli.
    expect(br / raw).toBeLessThan(0.5);
  }, 180_000);

  it('writes no compressed copy with --no-precompress', async () => {
    const out = path.join(work, 'without');
    const result = await run(['--out', out, '--no-models', '--no-precompress']);
    expect(result.code, result.stderr).toBe(0);
    const files = list(out);
    expect(files).toContain('ort/ort-wasm-simd-threaded.wasm');
    expect(files.filter((f) => /\.(br|gz)$/.test(f))).toEqual([]);
  });
});
