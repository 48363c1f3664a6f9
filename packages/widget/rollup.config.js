// Builds the script-tag distribution into dist/ (tsc builds the npm ESM into dist/lib):
//   support-bot.js             the element with Lit bundled: small, shows the launcher at once
//   support-bot-remote.js      escalation streaming, feedback reporting and PII redaction: imported
//                              only by bots that escalate or report feedback
//   support-bot-action-runner.js  core's runAction (page handlers, webhooks): imported on a form's
//                              first action (rollup splits it off the dynamic import by itself)
//   engine-wasm.worker.js      core + transformers.js on onnxruntime-web's plain WASM build
//   engine-webgpu.worker.js    the same on onnxruntime-web's WebGPU build (only run when an adapter exists)
//   engine-{wasm,webgpu}-{chrono,en,zh}.js  the workers' lazy chrono-node chunks (date slots only)
//   engine-early.worker.js     core's model-free `/early` entry: chips and sure word matches while
//                              the engine worker loads (no transformers.js, no onnxruntime)
//   ort/                       the two .mjs/.wasm pairs those builds load at run time (never from a CDN)
import { copyFileSync, mkdirSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

const require = createRequire(import.meta.url);
// The package's exports hide package.json; its .wasm files are exported, so locate dist through one.
const ortDist = path.dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));
/** What each build fetches: ort.wasm.min.mjs the plain pair, ort.webgpu.min.mjs the asyncify pair. */
const ORT_FILES = [
  'ort-wasm-simd-threaded.mjs',
  'ort-wasm-simd-threaded.wasm',
  'ort-wasm-simd-threaded.asyncify.mjs',
  'ort-wasm-simd-threaded.asyncify.wasm',
];

const resolve = () =>
  nodeResolve({
    browser: true,
    // Keep ort's .wasm out of the JS bundle: the worker fetches it from wasmPaths.
    exportConditions: ['onnxruntime-web-use-extern-wasm', 'browser', 'import', 'default'],
    preferBuiltins: false,
  });

/** Points transformers.js' `onnxruntime-web/webgpu` import at another onnxruntime-web build. */
const ortBuild = (target) => ({
  name: 'ort-build',
  async resolveId(source, importer, options) {
    if (source === 'onnxruntime-web/webgpu' && target !== 'onnxruntime-web/webgpu') {
      return this.resolve(target, importer, { ...options, skipSelf: true });
    }
    return null;
  },
});

const copyOrt = () => ({
  name: 'copy-ort',
  writeBundle() {
    rmSync('dist/ort', { recursive: true, force: true });
    mkdirSync('dist/ort', { recursive: true });
    for (const file of ORT_FILES) copyFileSync(`${ortDist}/${file}`, `dist/ort/${file}`);
  },
});

/** Collapses the whitespace and comments of Lit `css` literals (esbuild leaves template text alone). */
const minifyCss = () => ({
  name: 'minify-css',
  transform(code, id) {
    if (!id.endsWith('.styles.ts')) return null;
    return {
      code: code.replace(/css`([^`]*)`/g, (_, body) => {
        const min = body
          .replace(/\/\*[\s\S]*?\*\//g, '')
          .replace(/\s+/g, ' ')
          .replace(/\s*([{};,>])\s*/g, '$1')
          .replace(/;}/g, '}')
          .trim();
        return `css\`${min}\``;
      }),
      map: null,
    };
  },
});

const plugins = (extra = []) => [
  ...extra,
  minifyCss(),
  resolve(),
  esbuild({
    target: 'es2022',
    minify: true,
    // Keeps third-party licence comments (@license, /*! */) at the end of each file.
    legalComments: 'eof',
    tsconfig: 'tsconfig.json',
    exclude: [/node_modules\/(?!.*\.ts$)/],
    loaders: { '.json': 'json' },
  }),
];

/** Names the bundled third-party licences; a `/*!` comment survives minification. */
const banner =
  '/*! @support-bot/widget | Apache-2.0 | bundles third-party code under its own licences: see THIRD-PARTY-NOTICES.md in the package */';

const onwarn = (warning, warn) => {
  // transformers.js and onnxruntime-web use `this` at top level and have import cycles.
  if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
  warn(warning);
};

/**
 * Dynamic imports inside the worker become chunks next to it (it is a module worker, so they load
 * from its own URL): today chrono-node, which only bots with `date` slots fetch
 * (`engine-wasm-chrono.js` + `engine-wasm-en.js` or `engine-wasm-zh.js`; see WORKER_CHUNKS).
 */
const worker = (name, ort, extra = []) => ({
  input: 'src/worker/engine.worker.ts',
  // 'hidden': the 2.5 MB maps stay in dist for debugging here, unreferenced and not packed.
  output: {
    dir: 'dist',
    entryFileNames: name,
    chunkFileNames: `${name.replace(/\.worker\.js$/, '')}-[name].js`,
    format: 'es',
    sourcemap: 'hidden',
    banner,
  },
  plugins: [...plugins([ortBuild(ort)]), ...extra],
  onwarn,
});

/** What goes into the lazy support-bot-remote.js chunk (everything that talks to a server). */
const REMOTE = [
  /\/controllers\/escalation-client\.ts$/,
  /\/controllers\/feedback-reporter\.ts$/,
  /\/controllers\/feedback-client\.ts$/,
  /\/core\/src\/protocol\//,
  /\/core\/src\/redact\//,
  /\/core\/dist\/protocol\//,
  /\/core\/dist\/redact\//,
  /\/eventsource-parser\//,
];

export default [
  {
    input: 'src/support-bot.ts',
    output: {
      dir: 'dist',
      format: 'es',
      sourcemap: true,
      banner,
      entryFileNames: 'support-bot.js',
      // A fixed name, like the workers': support-bot-assets copies it with the rest.
      chunkFileNames: 'support-bot-[name].js',
      manualChunks: (id) => (REMOTE.some((r) => r.test(id)) ? 'remote' : undefined),
    },
    plugins: plugins(),
    onwarn,
  },
  {
    input: 'src/worker/engine-early.worker.ts',
    output: { file: 'dist/engine-early.worker.js', format: 'es', sourcemap: 'hidden', banner },
    plugins: plugins(),
    onwarn,
  },
  worker('engine-wasm.worker.js', 'onnxruntime-web/wasm'),
  worker('engine-webgpu.worker.js', 'onnxruntime-web/webgpu', [copyOrt()]),
];
