/**
 * Bench worker for browser-speed.mjs: the product's engine (`createSupportBot` + `bot.reply()`
 * from @support-bot/core, transformers.js, onnxruntime-web) and, in the same worker and on the
 * same onnxruntime-web module instance, a bare `InferenceSession` on the same model file with the
 * options transformers.js used, fed the exact tokens the product's tokenizer produces.
 *
 * browser-speed.mjs bundles this file with the widget's own rollup plugins (same module
 * resolution, same onnxruntime-web build per device as dist/engine-*.worker.js), so
 * `onnxruntime-web/webgpu` below is the plain WASM build in the wasm bundle, exactly as in
 * the shipped engine-wasm.worker.js.
 *
 * Messages: {type:'load'} -> 'loaded', {type:'speed'} -> 'speed', {type:'memory'} -> 'memory'.
 * Every loop is bounded by a count and a time budget.
 */
import { AutoTokenizer } from '@huggingface/transformers';
import { createSupportBot, getModelSpec } from '@support-bot/core';
import * as ort from 'onnxruntime-web/webgpu';

// WebAssembly memories ORT creates or exports, found by watching instantiation (the runtime keeps
// its module private). Only observed, never changed.
const memories = new Set();
const collect = (record) => {
  if (!record || typeof record !== 'object') return;
  for (const value of Object.values(record)) {
    if (value instanceof WebAssembly.Memory) memories.add(value);
    else if (value && typeof value === 'object' && !(value instanceof WebAssembly.Module))
      for (const inner of Object.values(value))
        if (inner instanceof WebAssembly.Memory) memories.add(inner);
  }
};
for (const name of ['instantiate', 'instantiateStreaming']) {
  const original = WebAssembly[name];
  WebAssembly[name] = async function (source, imports, ...rest) {
    const result = await original.call(this, source, imports, ...rest);
    collect(imports);
    collect((result.instance ?? result).exports);
    return result;
  };
}
const wasmBytes = () => [...memories].reduce((n, m) => n + m.buffer.byteLength, 0);

// The options transformers.js passes to InferenceSession.create, reused for the bare session.
const created = [];
const originalCreate = ort.InferenceSession.create;
ort.InferenceSession.create = function (model, options, ...rest) {
  created.push(options);
  return originalCreate.call(this, model, options, ...rest);
};

let bot;
let loadOptions;
const post = (message) => self.postMessage(message);
const normalize = (text) => text.normalize('NFKC').replace(/\s+/g, ' ').trim();

async function load(message) {
  loadOptions = message;
  const started = performance.now();
  bot = createSupportBot({
    config: typeof message.config === 'string' ? message.config : new Uint8Array(message.config),
    source: 'bench',
    modelBaseUrl: message.modelBaseUrl,
    wasmPaths: message.wasmPaths,
    device: message.device,
    onModelError: 'throw',
  });
  let modelMs = Number.NaN;
  let indexMs = Number.NaN;
  bot.on('model:ready', (e) => {
    modelMs = e.loadMs;
  });
  bot.on('index:ready', (e) => {
    indexMs = e.ms;
  });
  const info = await bot.ready;
  const readyMs = performance.now() - started;
  // The shipped worker warms the session up with one reply before announcing ready; time it.
  const t0 = performance.now();
  await bot.reply('hello, where is my order?');
  const firstReplyMs = performance.now() - t0;
  post({
    type: 'loaded',
    info,
    modelMs,
    indexMs,
    readyMs,
    firstReplyMs,
    wasmBytes: wasmBytes(),
    sessionOptions: created.at(-1),
  });
}

async function speed({ messages, runs, warmUp, budgetMs, bare: withBare }) {
  const spec = getModelSpec(bot.info.modelId);
  const texts = messages.map(normalize);
  const result = { bareMs: [], wallMs: [], timings: [], tokens: [] };
  let session;
  let feeds = [];
  if (withBare) {
    // transformers.js' env already points at the served models (core set it for the bot).
    const tokenizer = await AutoTokenizer.from_pretrained(spec.id);
    const modelUrl = `${loadOptions.modelBaseUrl}${spec.id}/onnx/model_quantized.onnx`;
    const bytes = new Uint8Array(await (await fetch(modelUrl)).arrayBuffer());
    result.sessionOptions = structuredClone(created.at(-1) ?? {});
    const t0 = performance.now();
    session = await ort.InferenceSession.create(bytes, structuredClone(result.sessionOptions));
    result.sessionCreateMs = performance.now() - t0;
    // The same call the encoder makes (create-encoder.ts) on the same normalised text.
    feeds = texts.map((text) => {
      const encoded = tokenizer([spec.prefix + text], {
        padding: true,
        truncation: true,
        max_length: spec.maxTokens,
      });
      return Object.fromEntries(
        session.inputNames.map((name) => [
          name,
          new ort.Tensor('int64', encoded[name].data, encoded[name].dims),
        ]),
      );
    });
  }
  const bare = async (k) => {
    const t = performance.now();
    const out = await session.run(feeds[k]);
    const ms = performance.now() - t;
    for (const tensor of Object.values(out)) tensor.dispose?.();
    return ms;
  };
  const e2e = async (k) => {
    const t = performance.now();
    const reply = await bot.reply(texts[k]);
    return { wall: performance.now() - t, timings: reply.timings };
  };
  for (let i = 0; i < warmUp; i++) {
    await e2e(i % texts.length);
    if (withBare) await bare(i % texts.length);
  }
  const started = performance.now();
  // Interleaved, alternating which goes first, so a noisy neighbour on the machine hits both.
  for (let i = 0; i < runs && performance.now() - started < budgetMs; i++) {
    const k = i % texts.length;
    let reply;
    if (!withBare) reply = await e2e(k);
    else if (i % 2 === 0) {
      reply = await e2e(k);
      result.bareMs.push(await bare(k));
    } else {
      result.bareMs.push(await bare(k));
      reply = await e2e(k);
    }
    result.wallMs.push(reply.wall);
    result.timings.push(reply.timings);
    if (withBare) result.tokens.push(feeds[k].input_ids.dims[1]);
  }
  result.elapsedMs = performance.now() - started;
  result.wasmBytes = wasmBytes();
  await session?.release();
  post({ type: 'speed', result });
}

self.addEventListener('message', async ({ data }) => {
  try {
    if (data.type === 'load') await load(data);
    else if (data.type === 'speed') await speed(data);
    else if (data.type === 'memory')
      post({
        type: 'memory',
        wasmBytes: wasmBytes(),
        memories: memories.size,
        crossOriginIsolated: self.crossOriginIsolated,
        measureApi: typeof performance.measureUserAgentSpecificMemory === 'function',
        performanceMemory: performance.memory?.usedJSHeapSize ?? null,
      });
  } catch (error) {
    post({ type: 'error', message: error?.stack ?? String(error) });
  }
});
post({ type: 'started', at: performance.timeOrigin + performance.now() });
