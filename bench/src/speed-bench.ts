import path from 'node:path';
import { AutoTokenizer } from '@huggingface/transformers';
import {
  botConfigFromLabelledRows,
  createEncoder,
  createSupportBot,
  decodeBotIndex,
  encodeBotIndex,
} from '@support-bot/core';
import * as ort from 'onnxruntime-node';
import type { CachedEncoder } from './cached-encoder.js';
import { banking77, MODELS_DIR } from './datasets.js';
import { printTable, quantileOf } from './table.js';

const MESSAGE = 'I am still waiting on my new card, when will it finally arrive?';
const RUNS = 200;

async function timeIt(runs: number, fn: () => Promise<unknown>): Promise<number[]> {
  for (let i = 0; i < 10; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    await fn();
    times.push(performance.now() - t0);
  }
  return times;
}

const ms = (values: number[]) =>
  `${quantileOf(values, 0.5).toFixed(2)} / ${quantileOf(values, 0.95).toFixed(2)}`;

/**
 * Per-message latency in Node: the bare onnxruntime session on the same tokens (the floor), and
 * the product's `bot.reply()` end to end with its stages; model load; memory; and a compiled
 * index for a 10,000-example bot (BANKING77's training set).
 */
export async function speedBench(encoders: CachedEncoder[]): Promise<string[]> {
  const rows: (string | number)[][] = [];
  const { train } = banking77();
  for (const cached of encoders) {
    const id = cached.model.id;
    process.stderr.write(`[bench] speed, ${id}\n`);
    // A joined model has no session of its own (its parts run one after the other): only the
    // product row, with the first part's token count.
    const joined = cached.model.parts !== undefined;
    const tokenizer = await AutoTokenizer.from_pretrained(cached.model.parts?.[0] ?? id);
    const encoded = tokenizer([cached.model.prefix + MESSAGE], {
      padding: true,
      truncation: true,
    }) as unknown as Record<string, { data: BigInt64Array; dims: number[] }>;
    const tokens = encoded.input_ids!.dims[1]!;
    const feeds = Object.fromEntries(
      ['input_ids', 'attention_mask', 'token_type_ids'].map((name) => [
        name,
        new ort.Tensor('int64', encoded[name]!.data, encoded[name]!.dims),
      ]),
    );
    const file = path.join(MODELS_DIR, id, 'onnx', 'model_quantized.onnx');
    for (const threads of joined ? [] : [1, 2]) {
      const session = await ort.InferenceSession.create(file, {
        intraOpNumThreads: threads,
        interOpNumThreads: 1,
      });
      const bare = await timeIt(RUNS, () => session.run(feeds));
      await session.release();
      rows.push([
        id,
        `bare onnxruntime-node session.run, ${threads} thread${threads > 1 ? 's' : ''}`,
        tokens,
        ms(bare),
        '—',
      ]);
    }
    // The product: a real (uncached) encoder, a 77-intent 10-shot bot, bot.reply() end to end.
    const encoder = await createEncoder({ model: id, modelBaseUrl: MODELS_DIR });
    const config = botConfigFromLabelledRows(train, { shots: 10, seed: 1 }).config;
    const bot = createSupportBot({
      config: encodeBotIndex(await buildIndex(cached, config)),
      encoder,
    });
    await bot.ready;
    const stages: Record<string, number[]> = {
      tokenize: [],
      embed: [],
      classify: [],
      retrieve: [],
    };
    const total = await timeIt(RUNS, async () => {
      const r = await bot.reply(MESSAGE);
      for (const k of Object.keys(stages)) stages[k]!.push(r.timings[k as keyof typeof r.timings]);
    });
    rows.push([
      id,
      'bot.reply() end to end (onnxruntime-node, default threads)',
      tokens,
      ms(total),
      Object.entries(stages)
        .map(([k, v]) => `${k} ${quantileOf(v, 0.5).toFixed(2)}`)
        .join(', '),
    ]);
    await bot.dispose();
    await encoder.dispose();
  }
  const out = [
    printTable(
      `Per-message latency in Node (${RUNS} runs after 10 warm-up, one message "${MESSAGE}"; ms p50 / p95)`,
      ['model', 'what', 'tokens', 'ms p50 / p95', 'stages p50 (ms)'],
      rows,
    ),
  ];

  // Model load and a 10,000-example compiled index.
  const first = encoders[0]!;
  const loads: number[] = [];
  for (let i = 0; i < 3; i++) {
    const e = await createEncoder({ model: first.model.id, modelBaseUrl: MODELS_DIR });
    loads.push(e.loadMs);
    await e.dispose();
  }
  const big = botConfigFromLabelledRows(train).config;
  const t0 = performance.now();
  const index = await buildIndex(first, big);
  const buildMs = performance.now() - t0;
  const bytes = encodeBotIndex(index);
  const json = Buffer.byteLength(JSON.stringify(big));
  const t1 = performance.now();
  decodeBotIndex(bytes);
  const decodeMs = performance.now() - t1;
  const t2 = performance.now();
  const bot = createSupportBot({ config: bytes, encoder: first });
  await bot.ready;
  const readyMs = performance.now() - t2;
  await bot.dispose();
  out.push(
    printTable(
      'Load, index and memory (Node)',
      ['what', 'value'],
      [
        [
          `${first.model.id} load from disk (tokenizer + ONNX session), 3 loads`,
          loads.map((l) => `${l.toFixed(0)} ms`).join(', '),
        ],
        [
          `compiled index for ${index.intent!.examples.labels.length} examples / 77 intents: size`,
          `${(bytes.byteLength / 1024 / 1024).toFixed(2)} MiB (bot JSON ${(json / 1024).toFixed(0)} KiB)`,
        ],
        [
          '... build from cached embeddings (train head + cross-validated calibration)',
          `${(buildMs / 1000).toFixed(1)} s`,
        ],
        ['... decode', `${decodeMs.toFixed(1)} ms`],
        ['... createSupportBot(index) to ready (model already loaded)', `${readyMs.toFixed(1)} ms`],
        [
          'process RSS after the benchmark',
          `${(process.memoryUsage().rss / 1024 / 1024).toFixed(0)} MiB`,
        ],
      ],
    ),
  );
  return out;
}

async function buildIndex(encoder: CachedEncoder, config: object) {
  const bot = createSupportBot({ config, encoder });
  const index = await bot.toIndex();
  await bot.dispose();
  return index;
}
