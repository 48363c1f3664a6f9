/**
 * `support-bot-assets` as package managers run it: through a symlink in node_modules/.bin (npm,
 * pnpm and yarn all link bins that way on Linux). It must copy, say what it copied, and exit
 * non-zero when there is nothing to copy. The packed layout (onnxruntime-web's .wasm shipped as
 * .wasm.br) is written out byte for byte. The full npm round trip, with the demo answering in
 * Chromium from the copied files, is scripts/consumer-check.mjs.
 */
import { execFile } from 'node:child_process';
import {
  copyFileSync,
  cpSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  symlinkSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { modelsDir, repoPath } from '../support/models.js';
import { assertWidgetBuilt } from './server.js';

const MODEL = 'Xenova/all-MiniLM-L6-v2';
let work: string;

beforeAll(() => {
  assertWidgetBuilt();
  work = mkdtempSync(path.join(tmpdir(), 'support-bot-assets-bin-'));
});
afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** Links `script` as node_modules/.bin/support-bot-assets in a fresh project and runs it. */
function runLinked(script: string, args: string[]): Promise<Run> {
  const project = mkdtempSync(path.join(work, 'project-'));
  mkdirSync(path.join(project, 'node_modules/.bin'), { recursive: true });
  const bin = path.join(project, 'node_modules/.bin/support-bot-assets');
  symlinkSync(path.relative(path.dirname(bin), script), bin);
  return new Promise((resolve) => {
    execFile(bin, args, { cwd: project, timeout: 120_000 }, (error, stdout, stderr) => {
      resolve({ code: error ? Number(error.code ?? 1) : 0, stdout, stderr });
    });
  }).then((r) => ({ ...(r as Run), project }) as Run & { project: string });
}

describe('support-bot-assets through a symlinked bin', () => {
  it('copies the runtime and a model and lists what it copied', async () => {
    const run = (await runLinked(repoPath('packages/widget/scripts/copy-assets.mjs'), [
      '--out',
      'public',
      '--models',
      modelsDir(MODEL),
      '--model',
      MODEL,
    ])) as Run & { project: string };
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(
      /support-bot\.js, support-bot-remote\.js, support-bot-action-runner\.js, engine-wasm\.worker\.js, engine-webgpu\.worker\.js, engine-early\.worker\.js, engine-wasm-chrono\.js/,
    );
    expect(run.stdout).toMatch(/ort\/ \(onnxruntime-web WASM builds\) \(\d+\.\d MB\)/);
    expect(run.stdout).toContain(`models/${MODEL}/`);
    // 12 widget files (3 scripts, 3 workers, 6 lazy chrono-node chunks), 4 ort files, 5 model files.
    expect(run.stdout).toMatch(/Copied 21 files \(\d+\.\d MB\)/);
    const model = path.join(run.project, 'public/models', MODEL, 'onnx/model_quantized.onnx');
    expect(
      readFileSync(model).equals(
        readFileSync(path.join(modelsDir(MODEL), MODEL, 'onnx/model_quantized.onnx')),
      ),
    ).toBe(true);
  });

  it('exits non-zero and says why when the model is not there', async () => {
    const empty = mkdtempSync(path.join(work, 'no-models-'));
    const run = await runLinked(repoPath('packages/widget/scripts/copy-assets.mjs'), [
      '--out',
      'public',
      '--models',
      empty,
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(
      /\[support-bot\] Failed to copy the assets: .*does not exist\. Please pass --models/,
    );
  });

  it('exits non-zero when the widget it belongs to has no built files', async () => {
    const pkg = path.join(work, 'unbuilt/scripts');
    mkdirSync(pkg, { recursive: true });
    copyFileSync(
      repoPath('packages/widget/scripts/copy-assets.mjs'),
      path.join(pkg, 'copy-assets.mjs'),
    );
    const run = await runLinked(path.join(pkg, 'copy-assets.mjs'), [
      '--out',
      'public',
      '--no-models',
    ]);
    expect(run.code).not.toBe(0);
    expect(run.stderr).toMatch(/the widget is not built/);
  });

  it('writes the packed .br files out as the original workers and .wasm', async () => {
    // The npm tarball's layout: the workers as .js.br, dist/ort with the .mjs files and .wasm.br.
    const dist = repoPath('packages/widget/dist');
    const pkg = path.join(work, 'packed');
    mkdirSync(path.join(pkg, 'scripts'), { recursive: true });
    copyFileSync(
      repoPath('packages/widget/scripts/copy-assets.mjs'),
      path.join(pkg, 'scripts/copy-assets.mjs'),
    );
    cpSync(dist, path.join(pkg, 'dist'), {
      recursive: true,
      filter: (source) =>
        !source.endsWith('.wasm') &&
        !/engine-\w+\.worker\.js$/.test(source) &&
        !source.includes(`${path.sep}lib`),
    });
    expect(
      readdirSync(path.join(pkg, 'dist'))
        .filter((f) => f.startsWith('engine-'))
        .sort(),
    ).toEqual([
      'engine-early.worker.js.br',
      'engine-early.worker.js.map',
      // The workers' lazy chrono-node chunks ship as they are (small).
      ...['chrono', 'en', 'zh'].flatMap((c) => [`engine-wasm-${c}.js`, `engine-wasm-${c}.js.map`]),
      'engine-wasm.worker.js.br',
      'engine-wasm.worker.js.map',
      ...['chrono', 'en', 'zh'].flatMap((c) => [
        `engine-webgpu-${c}.js`,
        `engine-webgpu-${c}.js.map`,
      ]),
      'engine-webgpu.worker.js.br',
      'engine-webgpu.worker.js.map',
    ]);
    expect(readdirSync(path.join(pkg, 'dist/ort')).sort()).toEqual([
      'ort-wasm-simd-threaded.asyncify.mjs',
      'ort-wasm-simd-threaded.asyncify.wasm.br',
      'ort-wasm-simd-threaded.mjs',
      'ort-wasm-simd-threaded.wasm.br',
    ]);
    const run = (await runLinked(path.join(pkg, 'scripts/copy-assets.mjs'), [
      '--out',
      'public',
      '--no-models',
    ])) as Run & { project: string };
    expect(run.code, run.stderr).toBe(0);
    const out = path.join(run.project, 'public/ort');
    // Beside each: its pre-compressed .br/.gz copies (tests/integration/assets-precompressed.test.ts).
    expect(
      readdirSync(out)
        .filter((f) => !/\.(br|gz)$/.test(f))
        .sort(),
    ).toEqual([
      'ort-wasm-simd-threaded.asyncify.mjs',
      'ort-wasm-simd-threaded.asyncify.wasm',
      'ort-wasm-simd-threaded.mjs',
      'ort-wasm-simd-threaded.wasm',
    ]);
    for (const file of ['ort-wasm-simd-threaded.wasm', 'ort-wasm-simd-threaded.asyncify.wasm'])
      expect(
        readFileSync(path.join(out, file)).equals(readFileSync(path.join(dist, 'ort', file))),
      ).toBe(true);
    for (const file of [
      'support-bot.js',
      'engine-wasm.worker.js',
      'engine-webgpu.worker.js',
      'engine-early.worker.js',
    ])
      expect(
        readFileSync(path.join(run.project, 'public', file)).equals(
          readFileSync(path.join(dist, file)),
        ),
      ).toBe(true);
  });
});
