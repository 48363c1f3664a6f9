/**
 * Worker for bench/ort-session.mjs: onnxruntime-web's plain WASM build (what engine-wasm.worker.js
 * runs) on its own, creating sessions for model variants with given options. The first session
 * of the worker also starts the runtime (fetch, compile, instantiate, init), so it is timed apart.
 * Every loop is bounded by the variant list and RUNS.
 */
import * as ort from './ort.wasm.min.mjs';

ort.env.wasm.numThreads = 1;
ort.env.wasm.wasmPaths = new URL('./', import.meta.url).href;
const RUNS = 15;
const N = 16;
const ids = BigInt64Array.from({ length: N }, (_, i) =>
  i === 0 ? 101n : i === N - 1 ? 102n : BigInt(2000 + i * 37),
);
const feeds = () => ({
  input_ids: new ort.Tensor('int64', ids, [1, N]),
  attention_mask: new ort.Tensor('int64', new BigInt64Array(N).fill(1n), [1, N]),
  token_type_ids: new ort.Tensor('int64', new BigInt64Array(N), [1, N]),
});

self.onmessage = async ({ data: variants }) => {
  const out = [];
  let reference;
  for (const { file, options } of variants) {
    const bytes = new Uint8Array(await (await fetch(file)).arrayBuffer());
    const t0 = performance.now();
    let session;
    try {
      session = await ort.InferenceSession.create(bytes, {
        executionProviders: ['wasm'],
        ...options,
      });
    } catch (error) {
      out.push({ file, options, error: String(error) });
      continue;
    }
    const create = performance.now() - t0;
    const t1 = performance.now();
    const first = await session.run(feeds());
    const firstRun = performance.now() - t1;
    const runs = [];
    for (let k = 0; k < RUNS; k++) {
      const t = performance.now();
      await session.run(feeds());
      runs.push(performance.now() - t);
    }
    runs.sort((a, b) => a - b);
    const values = first.last_hidden_state.data;
    reference ??= values;
    let diff = 0;
    for (let i = 0; i < values.length; i++)
      diff = Math.max(diff, Math.abs(values[i] - reference[i]));
    out.push({ file, options, create, firstRun, p50: runs[RUNS >> 1], diff });
    await session.release();
  }
  self.postMessage(out);
};
