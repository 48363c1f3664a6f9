import type { BotReply, SupportBotInfo } from '@support-bot/core';

/** Messages from the page to the engine worker. */
export type ToWorker =
  | {
      type: 'init';
      /** bot.json text or compiled index bytes. */
      config: string | ArrayBuffer;
      source: string;
      modelBaseUrl?: string;
      wasmPaths: string;
      device: 'auto' | 'wasm' | 'webgpu';
    }
  | { type: 'reply'; id: number; text: string }
  | { type: 'answer-with'; id: number; target: { intent: string } | { faq: string } }
  | { type: 'abort'; id: number };

/** Messages from the engine worker to the page. */
export type FromWorker =
  | { type: 'progress'; progress: number; loaded: number; total: number }
  | { type: 'ready'; info: SupportBotInfo }
  | { type: 'model-error'; message: string; degraded: boolean }
  | { type: 'reply'; id: number; reply: BotReply }
  | { type: 'error'; id?: number; code: string; message: string };
