import type { BotReply, EscalationConfig, FeedbackConfig, SupportBotInfo } from '@support-bot/core';

/** What the page needs to know about the bot beyond {@link SupportBotInfo}. */
export interface BotSummary {
  name: string;
  language: string;
  greeting?: string;
  escalation: EscalationConfig;
  /** Opt-in feedback reporting (absent in indexes built before it existed). */
  feedback?: FeedbackConfig;
}

/** What the page reads from a JSON bot file before the worker has parsed it. */
export interface BotPreview {
  name: string;
  /** Empty when the file does not say (core's default then applies once parsed). */
  language: string;
  greeting?: string;
  escalation?: undefined;
  feedback?: undefined;
}

/** Messages from the page to the engine worker. */
export type ToWorker =
  | {
      type: 'init';
      /** bot.json text, or the bytes of a compiled index. */
      config: string | ArrayBuffer;
      source: string;
      modelBaseUrl?: string;
      wasmPaths: string;
      device: 'wasm' | 'webgpu';
      /** `throw` lets the page retry on another build; `lexical` carries on without the model. */
      onModelError: 'throw' | 'lexical';
    }
  | { type: 'reply'; id: number; text: string }
  | { type: 'answer-with'; id: number; target: { intent: string } | { faq: string } }
  /** Before the model is ready: a sure word-match answer, or none (`early` without `reply`). */
  | { type: 'answer-early'; id: number; text: string }
  | { type: 'abort'; id: number };

/** Messages from the engine worker to the page. */
export type FromWorker =
  | { type: 'progress'; phase: 'model' | 'index'; progress: number }
  | { type: 'ready'; info: SupportBotInfo; bot: BotSummary }
  | { type: 'model-error'; code: string; message: string; degraded: boolean }
  | { type: 'reply'; id: number; reply: BotReply }
  | { type: 'early'; id: number; reply?: BotReply }
  | { type: 'error'; id?: number; code: string; message: string; retryable: boolean };
