/// <reference lib="webworker" />
/**
 * The engine worker: runs @support-bot/core (tokenizer, ONNX model, intent head, retrieval) off
 * the main thread so typing never janks. Rollup builds it twice — `engine-wasm.worker.js` on
 * onnxruntime-web's plain single-threaded WASM build and `engine-webgpu.worker.js` on its WebGPU
 * build — and the page starts the one that fits the device. Loaded from its own URL (never a
 * blob), so it works under `worker-src 'self'`.
 */
import { createSupportBot, isSupportBotError, type SupportBot } from '@support-bot/core';
import { handleDialogue } from './dialogue-handler.js';
import { botSummary } from './early-dialogue.js';
import { indexedDbEmbeddingCache } from './embedding-cache.js';
import type { FromWorker, ToWorker } from './messages.js';

declare const self: DedicatedWorkerGlobalScope;

let bot: SupportBot | undefined;
const WARM_UP = 'hello, where is my order?';
const pending = new Map<number, AbortController>();

function post(message: FromWorker): void {
  self.postMessage(message);
}

function fail(error: unknown, id?: number): void {
  const code = isSupportBotError(error)
    ? error.code
    : error instanceof DOMException
      ? error.name
      : 'INTERNAL';
  post({
    type: 'error',
    ...(id !== undefined && { id }),
    code,
    message: error instanceof Error ? error.message : String(error),
    retryable: isSupportBotError(error) ? error.retryable : false,
  });
}

async function init(message: Extract<ToWorker, { type: 'init' }>): Promise<void> {
  // Start-up steps as User Timing measures (`support-bot:<step>`, next to core's own): they show
  // in the browser's performance panel, and bench/engine-ready.mjs prints them.
  const measure = (step: string, start: number) => {
    try {
      performance.measure(`support-bot:${step}`, { start, end: performance.now() });
    } catch {
      // Diagnostics only.
    }
  };
  const started = performance.now();
  measure('worker-boot', 0);
  bot = createSupportBot({
    config: typeof message.config === 'string' ? message.config : new Uint8Array(message.config),
    source: message.source,
    ...(message.modelBaseUrl !== undefined && { modelBaseUrl: message.modelBaseUrl }),
    wasmPaths: message.wasmPaths,
    device: message.device,
    onModelError: message.onModelError,
    // A plain bot.json is embedded once per origin; later visits read the vectors back.
    embeddingCache: indexedDbEmbeddingCache(),
  });
  // The bot file is parsed: the page can send chips, sure word matches and, for a bot with
  // forms, dialogue steps now; they are answered before the model is ready where they can be.
  post({ type: 'booted', bot: botSummary(bot.config) });
  bot.on('model:progress', (e) => {
    // Per-file events carry NaN; only the aggregate over all files moves the bar.
    if (Number.isFinite(e.progress))
      post({ type: 'progress', phase: 'model', progress: e.progress });
  });
  bot.on('index:progress', (e) => {
    if (e.total > 0) post({ type: 'progress', phase: 'index', progress: e.done / e.total });
  });
  bot.on('model:error', (e) =>
    post({
      type: 'model-error',
      code: isSupportBotError(e.error) ? e.error.code : 'MODEL_LOAD_FAILED',
      message: e.error.message,
      degraded: e.degraded,
    }),
  );
  bot.on('model:ready', () => measure('model-ready', started));
  bot.on('index:ready', () => measure('knowledge-ready', started));
  const info = await bot.ready;
  measure('bot-ready', started);
  post({ type: 'ready', info, bot: botSummary(bot.config) });
  // The first inference of a fresh session is several times slower (WASM tier-up, WebGPU shader
  // compilation): pay it now, while the visitor reads or types, rather than on their question.
  // After `ready`, not before: ready comes that much sooner, and a question already waiting
  // queues behind this one run (the model runs one input at a time), as it did before ready.
  const warm = performance.now();
  await bot.reply(WARM_UP).catch(() => undefined);
  measure('warm-up', warm);
}

self.addEventListener('message', async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'init': {
      try {
        await init(message);
      } catch (error) {
        fail(error);
      }
      return;
    }
    case 'reply': {
      const controller = new AbortController();
      pending.set(message.id, controller);
      try {
        if (!bot) throw new Error('[support-bot] Failed to reply: the engine is not initialised.');
        const reply = await bot.reply(message.text, { signal: controller.signal });
        post({ type: 'reply', id: message.id, reply });
      } catch (error) {
        fail(error, message.id);
      } finally {
        pending.delete(message.id);
      }
      return;
    }
    case 'answer-with': {
      try {
        if (!bot) throw new Error('[support-bot] Failed to answer: the engine is not initialised.');
        // A chip with a target needs only the bot file: answered at once, model or not.
        post({ type: 'reply', id: message.id, reply: bot.answerWith(message.target) });
      } catch (error) {
        fail(error, message.id);
      }
      return;
    }
    case 'answer-early': {
      try {
        if (!bot) throw new Error('[support-bot] Failed to answer: the engine is not initialised.');
        const reply = bot.answerEarly(message.text);
        post({ type: 'early', id: message.id, ...(reply && { reply }) });
      } catch (error) {
        fail(error, message.id);
      }
      return;
    }
    case 'abort':
      pending.get(message.id)?.abort();
      return;
    case 'dialogue':
    case 'dialogue-resume': {
      const controller = new AbortController();
      pending.set(message.id, controller);
      try {
        if (!bot) throw new Error('[support-bot] Failed to reply: the engine is not initialised.');
        const answer = await handleDialogue(bot, message, controller.signal);
        post({ type: 'dialogue', id: message.id, answer });
      } catch (error) {
        fail(error, message.id);
      } finally {
        pending.delete(message.id);
      }
      return;
    }
  }
});
