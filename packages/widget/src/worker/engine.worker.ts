/// <reference lib="webworker" />
/**
 * The engine worker: runs @support-bot/core (tokenizer, ONNX model, classifier, retrieval) off the
 * main thread so typing never janks. Built twice by rollup: with onnxruntime-web's plain WASM
 * build (`engine-wasm.worker.js`) and with its WebGPU build (`engine-webgpu.worker.js`).
 */
import { createSupportBot, isSupportBotError, type SupportBot } from '@support-bot/core';
import type { FromWorker, ToWorker } from './messages.js';

declare const self: DedicatedWorkerGlobalScope;

let bot: SupportBot | undefined;
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
  });
}

self.addEventListener('message', async (event: MessageEvent<ToWorker>) => {
  const message = event.data;
  switch (message.type) {
    case 'init': {
      try {
        bot = createSupportBot({
          config:
            typeof message.config === 'string' ? message.config : new Uint8Array(message.config),
          source: message.source,
          ...(message.modelBaseUrl !== undefined && { modelBaseUrl: message.modelBaseUrl }),
          wasmPaths: message.wasmPaths,
          device: message.device,
          onModelError: 'lexical',
        });
        bot.on('model:progress', (e) => {
          if (!Number.isNaN(e.progress))
            post({ type: 'progress', progress: e.progress, loaded: e.loaded, total: e.total });
        });
        bot.on('model:error', (e) =>
          post({ type: 'model-error', message: e.error.message, degraded: e.degraded }),
        );
        post({ type: 'ready', info: await bot.ready });
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
        post({
          type: 'reply',
          id: message.id,
          reply: await bot.reply(message.text, { signal: controller.signal }),
        });
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
        await bot.ready;
        post({ type: 'reply', id: message.id, reply: bot.answerWith(message.target) });
      } catch (error) {
        fail(error, message.id);
      }
      return;
    }
    case 'abort':
      pending.get(message.id)?.abort();
      return;
  }
});
