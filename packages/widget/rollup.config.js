// Builds the script-tag distribution into dist/:
//   support-bot.js              the element (Lit included): small, shows the launcher at once
//   engine-wasm.worker.js       core + transformers.js on onnxruntime-web's plain WASM build
//   engine-webgpu.worker.js     the same on onnxruntime-web's WebGPU build (used when an adapter exists)
//   ort/                        onnxruntime-web's .mjs/.wasm pairs, loaded at run time (never a CDN)
import { copyFileSync, mkdirSync, readdirSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import nodeResolve from '@rollup/plugin-node-resolve';
import esbuild from 'rollup-plugin-esbuild';

const require = createRequire(import.meta.url);
// The package's exports hide package.json; its .wasm files are exported, so locate dist through one.
const ortDist = path.dirname(require.resolve('onnxruntime-web/ort-wasm-simd-threaded.wasm'));

const resolve = () =>
  nodeResolve({
    browser: true,
    // Keep ort's .wasm out of the JS bundle: it is fetched from wasmPaths.
    exportConditions: ['onnxruntime-web-use-extern-wasm', 'browser', 'import', 'default'],
    preferBuiltins: false,
  });

/** Points transformers.js' `onnxruntime-web/webgpu` import at another build. */
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
    mkdirSync('dist/ort', { recursive: true });
    for (const file of readdirSync(ortDist)) {
      if (/^ort-wasm-simd-threaded\.(jsep\.|asyncify\.)?(mjs|wasm)$/.test(file))
        copyFileSync(`${ortDist}/${file}`, `dist/ort/${file}`);
    }
  },
});

const plugins = (extra = []) => [
  ...extra,
  resolve(),
  esbuild({
    target: 'es2022',
    minify: true,
    tsconfig: 'tsconfig.json',
    exclude: [/node_modules\/(?!.*\.ts$)/],
    loaders: { '.json': 'json' },
  }),
];

const onwarn = (warning, warn) => {
  // transformers.js and onnxruntime-web use eval-free dynamic imports and `this` at top level.
  if (warning.code === 'THIS_IS_UNDEFINED' || warning.code === 'CIRCULAR_DEPENDENCY') return;
  warn(warning);
};

export default [
  {
    input: 'src/support-bot.ts',
    output: { file: 'dist/support-bot.js', format: 'es', sourcemap: true },
    plugins: plugins(),
    onwarn,
  },
  {
    input: 'src/worker/engine.worker.ts',
    output: {
      file: 'dist/engine-wasm.worker.js',
      format: 'es',
      sourcemap: true,
      inlineDynamicImports: true,
    },
    plugins: plugins([ortBuild('onnxruntime-web/wasm')]),
    onwarn,
  },
  {
    input: 'src/worker/engine.worker.ts',
    output: {
      file: 'dist/engine-webgpu.worker.js',
      format: 'es',
      sourcemap: true,
      inlineDynamicImports: true,
    },
    plugins: [...plugins([ortBuild('onnxruntime-web/webgpu')]), copyOrt()],
    onwarn,
  },
];
