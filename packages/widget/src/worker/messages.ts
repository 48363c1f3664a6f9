import type { BotReply, EscalationConfig, FeedbackConfig, SupportBotInfo } from '@support-bot/core';
import type { ActionOutcome, StepResult } from '@support-bot/core/dialogue';

/** What the page needs to know about the bot beyond {@link SupportBotInfo}. */
export interface BotSummary {
  name: string;
  language: string;
  greeting?: string;
  escalation: EscalationConfig;
  /** Opt-in feedback reporting (absent in indexes built before it existed). */
  feedback?: FeedbackConfig;
  /**
   * The bot has forms (intents with slots or an action): answers go through the dialogue. Known
   * from the worker's `booted` message, before the model is ready.
   */
  dialogue?: boolean;
  /** `slotRedactionPatterns(config)`: the bot's `regex` entities, redacted wherever they leave. */
  redact?: PatternData[];
}

/** What the page reads from a JSON bot file before the worker has parsed it. */
export interface BotPreview {
  name: string;
  /** Empty when the file does not say (core's default then applies once parsed). */
  language: string;
  greeting?: string;
  escalation?: undefined;
  feedback?: undefined;
  dialogue?: undefined;
  redact?: undefined;
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
  | { type: 'abort'; id: number }
  | DialogueToWorker;

/**
 * Dialogue messages (issue #13). `dialogue` understands and steps one visitor message (or a chip
 * naming an intent/FAQ entry) from `state`; `dialogue-resume` finishes a step whose action the
 * page ran. `state` is whatever the page holds: the worker restores it as untrusted data.
 */
export type DialogueToWorker =
  | {
      type: 'dialogue';
      id: number;
      text: string;
      state: unknown;
      target?: { intent: string } | { faq: string };
      /** The page's clock (ms since the epoch) for relative dates. */
      now: number;
    }
  | { type: 'dialogue-resume'; id: number; state: unknown; outcome: ActionOutcome };

/** A redaction pattern as plain data (a RegExp does not cross postMessage with its flags intact). */
export interface PatternData {
  kind: string;
  source: string;
  flags: string;
}

/** One dialogue step's answer: the step, the model's reply behind it, and redaction patterns. */
export interface DialogueAnswer {
  step: StepResult;
  /** The model's own reply to the message (absent for `dialogue-resume`). */
  reply?: BotReply;
  /** `slotRedactionPatterns(config, step.state)`: what escalation and feedback must redact. */
  redact: PatternData[];
}

/** Messages from the engine worker to the page. */
export type FromWorker =
  /** The bot file is parsed (long before the model is ready): what the page needs to know. */
  | { type: 'booted'; bot: BotSummary }
  | { type: 'progress'; phase: 'model' | 'index'; progress: number }
  | { type: 'ready'; info: SupportBotInfo; bot: BotSummary }
  | { type: 'model-error'; code: string; message: string; degraded: boolean }
  | { type: 'reply'; id: number; reply: BotReply }
  | { type: 'early'; id: number; reply?: BotReply }
  | { type: 'error'; id?: number; code: string; message: string; retryable: boolean }
  | { type: 'dialogue'; id: number; answer: DialogueAnswer };

/**
 * Messages from the page to the early-answer worker (`engine-early.worker.js`, no model), which
 * runs only while the engine worker loads: the bot file, then chips, sure word matches and the
 * dialogue steps those lead to.
 */
export type ToEarlyWorker =
  | { type: 'init'; config: string | ArrayBuffer; source: string }
  | { type: 'answer-with'; id: number; target: { intent: string } | { faq: string } }
  | { type: 'answer-early'; id: number; text: string }
  | DialogueToWorker;

/**
 * Messages from the early-answer worker: `early` without `reply` (for a dialogue message too)
 * means "not answerable without the model": the page then asks the engine once it is ready.
 */
export type FromEarlyWorker =
  | { type: 'booted'; bot: BotSummary }
  | { type: 'reply'; id: number; reply: BotReply }
  | { type: 'early'; id: number; reply?: BotReply }
  | { type: 'dialogue'; id: number; answer: DialogueAnswer }
  | { type: 'error'; id?: number; code: string; message: string; retryable: boolean };
