/**
 * Bundles bench/browser/speed.worker.mjs with the widget's own rollup plugins (those of
 * packages/widget/rollup.config.js for engine-wasm.worker.js / engine-webgpu.worker.js), so the
 * bench worker runs the same core, transformers.js and onnxruntime-web build as the shipped
 * worker, and its bare InferenceSession shares their onnxruntime-web module instance.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { rollup } from 'rollup';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const widget = path.join(repo, 'packages/widget');
const entry = path.join(repo, 'bench/browser/speed.worker.mjs');
/** Importers whose dependencies the bench worker must share (no second copy of anything). */
const AS_IF_FROM = {
  '@support-bot/core': path.join(widget, 'src/worker/engine.worker.ts'),
  '@huggingface/transformers': path.join(repo, 'packages/core/dist/encoder/create-encoder.js'),
};

/** Resolves the bench worker's bare imports from where the product imports them. */
const shareProductModules = () => ({
  name: 'share-product-modules',
  async resolveId(source, importer, options) {
    if (importer !== entry || source.startsWith('.') || source.startsWith('/')) return null;
    let from = AS_IF_FROM[source];
    if (source.startsWith('onnxruntime-web')) {
      // transformers.js imports 'onnxruntime-web/webgpu'; the widget's ort-build plugin maps it.
      const transformers = '@huggingface/transformers';
      from = (await this.resolve(transformers, AS_IF_FROM[transformers], { skipSelf: true }))?.id;
    }
    if (!from)
      throw new Error(`[support-bot bench] Failed to bundle: unexpected import ${source}.`);
    return this.resolve(source, from, { ...options, skipSelf: true });
  },
});

/**
 * Builds the bench worker for one shipped worker (`engine-wasm.worker.js` or
 * `engine-webgpu.worker.js`) into `outFile`; returns the bundled module ids of note.
 */
export async function buildBenchWorker(shipped, outFile) {
  const cwd = process.cwd();
  // The widget's config uses paths relative to its package (tsconfig, inputs).
  process.chdir(widget);
  try {
    const configs = (await import(path.join(widget, 'rollup.config.js'))).default;
    const config = configs.find(
      (c) => c.output.file === `dist/${shipped}` || c.output.entryFileNames === shipped,
    );
    if (!config)
      throw new Error(
        `[support-bot bench] Failed to bundle: no ${shipped} in the widget's rollup config.`,
      );
    const bundle = await rollup({
      input: entry,
      plugins: [shareProductModules(), ...config.plugins.filter((p) => p.name !== 'copy-ort')],
      onwarn: config.onwarn,
    });
    // One file: the shipped worker's lazy chunks (chrono-node) are inlined in the bench worker.
    const {
      dir: _dir,
      entryFileNames: _entry,
      chunkFileNames: _chunks,
      ...output_
    } = config.output;
    const { output } = await bundle.write({
      ...output_,
      file: outFile,
      sourcemap: false,
      inlineDynamicImports: true,
    });
    await bundle.close();
    const ids = Object.keys(output[0].modules);
    const pick = (re) => ids.filter((id) => re.test(id)).map((id) => path.relative(repo, id));
    const found = {
      ort: pick(/onnxruntime-web\/dist\/[^/]+$/),
      transformers: pick(/@huggingface\/transformers\/dist\//),
      core: pick(/packages\/core\/dist\/engine\/support-bot\.js$/),
    };
    for (const [what, list] of Object.entries(found))
      if (list.length !== 1)
        throw new Error(
          `[support-bot bench] Failed to bundle: expected one copy of ${what}, found ${list.join(', ') || 'none'}.`,
        );
    return found;
  } finally {
    process.chdir(cwd);
  }
}
