/**
 * Compiled bot indexes for browser tests where the raw bot is not the point. A raw `bot.json`
 * makes the widget embed every example with the real model on WASM at page load (seconds per
 * page); a compiled index (what `support-bot build` writes) loads the model and embeds nothing.
 *
 * Each index is built once with the real model in Node (core's `loadSupportBot` + `encodeBotIndex`)
 * and cached on disk, so the test files of one run (separate vitest workers) share it. The cache
 * key covers the bot text, the model file and every source file of packages/core, so a change to
 * the engine, the index format or the bot rebuilds it; nothing stale is ever served. Within one
 * test file, one real encoder per model is loaded and remembers each text's embedding, so variants
 * of a bot (escalation on, feedback on, a changed answer) embed only the texts that differ.
 */
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  createEncoder,
  defaultModelFor,
  type Embeddings,
  type Encoder,
  encodeBotIndex,
  loadSupportBot,
} from '@support-bot/core';
import { modelsDir, repoPath } from './models.js';

/** Where indexes are cached: `$SUPPORT_BOT_TEST_CACHE`, else a folder in the system temp dir. */
export const INDEX_CACHE_DIR =
  process.env.SUPPORT_BOT_TEST_CACHE ?? path.join(tmpdir(), 'support-bot-test-indexes');

let coreDigest: string | undefined;

/** Size and time of every model file (the bot's language picks which one it uses). */
function modelsDigest(models: string): string {
  return readdirSync(models, { recursive: true, encoding: 'utf8' })
    .filter((file) => file.endsWith('.onnx'))
    .sort()
    .map((file) => {
      const stat = statSync(path.join(models, file));
      return `${file}:${stat.size}:${stat.mtimeMs}`;
    })
    .join('\n');
}

/** A digest of every file under packages/core/src (paths and contents). */
function coreSourceDigest(): string {
  if (coreDigest) return coreDigest;
  const hash = createHash('sha256');
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) =>
      a.name.localeCompare(b.name),
    )) {
      const file = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(file);
      else hash.update(file).update(readFileSync(file));
    }
  };
  walk(repoPath('packages/core/src'));
  coreDigest = hash.digest('hex');
  return coreDigest;
}

const encoders = new Map<string, Promise<Encoder>>();

/**
 * The real encoder for `modelId`, loaded once per process, that embeds each distinct text once
 * (same model, same text: the same vector) and passes everything else through.
 */
function sharedEncoder(modelId: string, modelBaseUrl: string): Promise<Encoder> {
  let shared = encoders.get(modelId);
  if (!shared) {
    shared = createEncoder({ model: modelId, modelBaseUrl }).then((real) => memoizing(real));
    encoders.set(modelId, shared);
  }
  return shared;
}

function memoizing(real: Encoder): Encoder {
  const rows = new Map<string, { vector: Float32Array; known?: number }>();
  return {
    model: real.model,
    device: real.device,
    dtype: real.dtype,
    loadMs: real.loadMs,
    async embed(texts, options): Promise<Embeddings> {
      const missing = [...new Set(texts.filter((t) => !rows.has(t)))];
      let tokenizeMs = 0;
      let inferenceMs = 0;
      if (missing.length > 0) {
        const fresh = await real.embed(missing, options);
        ({ tokenizeMs, inferenceMs } = fresh);
        for (const [i, t] of missing.entries()) {
          rows.set(t, {
            vector: fresh.data.slice(i * fresh.dimension, (i + 1) * fresh.dimension),
            ...(fresh.knownTokens && { known: fresh.knownTokens[i] }),
          });
        }
      }
      const dimension = real.model.dimension;
      const data = new Float32Array(texts.length * dimension);
      const hits = texts.map((t) => rows.get(t)!);
      for (const [i, row] of hits.entries()) data.set(row.vector, i * dimension);
      return {
        data,
        count: texts.length,
        dimension,
        tokenizeMs,
        inferenceMs,
        ...(hits.every((h) => h.known !== undefined) && {
          knownTokens: Int32Array.from(hits, (h) => h.known!),
        }),
      };
    },
    // Shared for the whole test process; the worker's exit frees it.
    dispose: async () => undefined,
  };
}

/**
 * The compiled index of a bot, built with the real model from {@link modelsDir}. `bot` is a path
 * inside the repository (`examples/bots/acme-store.json`) or a bot object (e.g. an example bot
 * with a field changed). Built once per distinct bot and engine source, then read from the cache.
 */
export async function compiledBotIndex(bot: string | object): Promise<Uint8Array> {
  const text = typeof bot === 'string' ? readFileSync(repoPath(bot), 'utf8') : JSON.stringify(bot);
  const models = modelsDir();
  const key = createHash('sha256')
    .update(text)
    .update(modelsDigest(models))
    .update(coreSourceDigest())
    .digest('hex')
    .slice(0, 32);
  const file = path.join(INDEX_CACHE_DIR, `${key}.index`);
  if (existsSync(file)) return new Uint8Array(readFileSync(file));

  const { model, language } = JSON.parse(text) as { model?: string; language?: string };
  const encoder = await sharedEncoder(model ?? defaultModelFor(language ?? 'en'), models);
  const loaded = await loadSupportBot({ config: text, modelBaseUrl: models, encoder });
  let bytes: Uint8Array;
  try {
    bytes = encodeBotIndex(await loaded.toIndex());
  } finally {
    await loaded.dispose();
  }
  // Write then rename: a worker building the same index at the same time never reads half a file.
  mkdirSync(INDEX_CACHE_DIR, { recursive: true });
  const partial = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(partial, bytes);
  renameSync(partial, file);
  return bytes;
}

/**
 * Registers compiled indexes on a test server's `bots` map (served under /bots/), e.g.
 * `{ 'acme-store.index': 'examples/bots/acme-store.json', 'escalating.index': botObject }`.
 * Built one after another: two real models loading at once only compete for the same cores.
 */
export async function serveCompiledBots(
  server: { bots: Map<string, string | Uint8Array> },
  bots: Record<string, string | object>,
): Promise<void> {
  for (const [name, bot] of Object.entries(bots))
    server.bots.set(name, await compiledBotIndex(bot));
}
