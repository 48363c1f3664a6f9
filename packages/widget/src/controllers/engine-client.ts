import type { BotReply, SupportBotInfo } from '@support-bot/core';
import type {
  BotPreview,
  BotSummary,
  DialogueAnswer,
  DialogueToWorker,
  FromWorker,
  ToWorker,
} from '../worker/messages.js';
import { EarlyAnswerWorker, type EarlyQuestion } from './early-answer-worker.js';

/** Where the engine comes from; equal `key`s share one worker. */
export interface EngineOptions {
  key: string;
  /** The bot file: JSON text, or bytes of JSON or of a compiled index. */
  loadConfig(): Promise<{ config: string | ArrayBuffer; source: string }>;
  modelBaseUrl?: string;
  /** Directory with `engine-wasm.worker.js`, `engine-webgpu.worker.js`, `engine-early.worker.js`. */
  assetsUrl: string;
  /** Directory with onnxruntime-web's `.wasm`/`.mjs` files. */
  wasmPaths: string;
  device: 'auto' | 'wasm' | 'webgpu';
}

/** What every widget sharing the engine renders from. */
export interface EngineState {
  status: 'loading' | 'ready' | 'failed';
  /** `model` while the model downloads, `index` while the bot's examples are embedded. */
  phase: 'model' | 'index';
  /** 0..1 within the phase; NaN while unknown. */
  progress: number;
  /** The worker build that runs: `webgpu` or `wasm`. */
  device?: 'webgpu' | 'wasm';
  info?: SupportBotInfo;
  /** What the bot file says about itself: a preview read on the page, then core's parsed summary. */
  bot?: BotSummary | BotPreview;
  /** The model could not load: answers are lexical only. */
  degraded: boolean;
  error?: { code: string; message: string };
}

// biome-ignore lint/suspicious/noExplicitAny: a call resolves with its message's answer type.
type Call = { resolve(value: any): void; reject(error: Error): void };
type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/**
 * The main-thread side of the engine: loads the bot file, starts the worker that fits the device
 * (the WebGPU build only when `navigator.gpu.requestAdapter()` grants an adapter, falling back to
 * the WASM build if WebGPU then fails), and turns worker messages into promises and state.
 */
export class EngineClient {
  readonly ready: Promise<SupportBotInfo>;
  state: EngineState = { status: 'loading', phase: 'model', progress: Number.NaN, degraded: false };
  private _worker?: Worker;
  /** The early-answer worker, while the engine loads (see `_ask`). */
  private _early?: EarlyAnswerWorker;
  private _nextId = 1;
  private readonly _calls = new Map<number, Call>();
  private readonly _listeners = new Set<(state: EngineState) => void>();
  private _disposed = false;
  /**
   * Resolves once a worker has parsed the bot file, long before the model is ready: by then
   * `state.bot` is core's summary (whether the bot has forms, too), and the worker answers chips,
   * sure word matches and, for a bot with forms, dialogue steps that need no model. Rejects when
   * the engine fails to start.
   */
  readonly booted: Promise<void>;
  private _onBooted!: { resolve(): void; reject(error: unknown): void };

  constructor(readonly options: EngineOptions) {
    this.booted = new Promise<void>((resolve, reject) => {
      this._onBooted = { resolve, reject };
    });
    this.booted.catch(() => undefined);
    this.ready = this._start();
    this.ready.catch((error) => this._onBooted.reject(error));
  }

  /** Calls `listener` on every state change; returns the unsubscribe function. */
  subscribe(listener: (state: EngineState) => void): () => void {
    this._listeners.add(listener);
    return () => this._listeners.delete(listener);
  }

  /**
   * Answers a message. Before the model is ready, a sure word match (core's `answerEarly`) is
   * answered at once, by the early-answer worker; any other message waits for the model and is
   * answered by it, once.
   */
  async reply(text: string, signal?: AbortSignal): Promise<BotReply> {
    if (this.state.status === 'loading') {
      try {
        await this.booted;
        if (this.state.status === 'loading') {
          const early = await this._ask<BotReply>({ type: 'answer-early', text });
          if (early) return early;
        }
      } catch (error) {
        if (signal?.aborted) throw error;
        // No early answer (the worker was replaced or failed): the model path decides.
      }
    }
    return this._call({ type: 'reply', text }, signal);
  }

  /** Answers with a chip's target: needs only the bot file, so it does not wait for the model. */
  async answerWith(target: { intent: string } | { faq: string }): Promise<BotReply> {
    if (this.state.status === 'loading') {
      try {
        await this.booted;
        const reply = await this._ask<BotReply>({ type: 'answer-with', target });
        if (reply) return reply;
      } catch {
        // The worker was replaced while loading: ask the one that ends up ready.
      }
    }
    return this._call({ type: 'answer-with', target });
  }

  /**
   * One dialogue step in the worker (understand + step, or resume after an action). Sent as soon
   * as the worker has the bot: it answers a chip, a resume, or a sure word match while no form is
   * open at once, and any other message (a slot value, say) once the model is ready, once.
   */
  async dialogue(
    message: WithoutId<DialogueToWorker>,
    signal?: AbortSignal,
  ): Promise<DialogueAnswer> {
    if (this.state.status === 'loading') {
      try {
        await this.booted;
        const answer = await this._ask<DialogueAnswer>(message, signal);
        if (answer) return answer;
      } catch (error) {
        if (signal?.aborted || (error as Error).name === 'AbortError') throw error;
        // The worker was replaced (WebGPU failed) or failed while loading: the ready one decides.
      }
    }
    return this._call(message, signal);
  }

  /** Terminates the workers; pending calls reject with `AbortError`. Idempotent. */
  dispose(): void {
    this._disposed = true;
    this._stopEarly();
    this._worker?.terminate();
    this._worker = undefined;
    for (const call of this._calls.values())
      call.reject(new DOMException('The support-bot engine was disposed.', 'AbortError'));
    this._calls.clear();
    this._listeners.clear();
  }

  private _set(patch: Partial<EngineState>): void {
    this.state = { ...this.state, ...patch };
    for (const listener of this._listeners) listener(this.state);
  }

  private async _start(): Promise<SupportBotInfo> {
    // The early-answer worker's script loads while the bot file is fetched.
    this._early = new EarlyAnswerWorker(
      new URL('engine-early.worker.js', this.options.assetsUrl),
      (bot) => {
        if (this.state.status === 'loading') this._set({ bot });
        this._onBooted.resolve();
      },
    );
    try {
      const { config, source } = await this.options.loadConfig();
      // Name, greeting and language show at once for a JSON bot; the worker confirms them.
      const preview = previewBot(config);
      if (preview) this._set({ bot: preview });
      this._early?.init(config, source);
      const preference = this.options.device;
      const device = preference === 'auto' ? ((await hasWebGPU()) ? 'webgpu' : 'wasm') : preference;
      try {
        // On `auto`, a WebGPU failure is retried on WASM before settling for lexical matching.
        return await this._boot(
          device,
          config,
          source,
          device === 'webgpu' && preference === 'auto' ? 'throw' : 'lexical',
        );
      } catch (error) {
        if (device !== 'webgpu' || preference !== 'auto' || this._disposed) throw error;
        if ((error as { code?: string }).code !== 'MODEL_LOAD_FAILED') throw error;
        this._worker?.terminate();
        // Calls the WebGPU worker took before it failed (chips, early answers) ask again.
        for (const call of this._calls.values())
          call.reject(
            Object.assign(new Error('The WebGPU engine was replaced.'), { code: 'RETRY' }),
          );
        this._calls.clear();
        return await this._boot('wasm', config, source, 'lexical');
      }
    } catch (error) {
      this._stopEarly();
      const e = error as Error & { code?: string };
      this._set({
        status: 'failed',
        error: { code: e.code ?? 'ENGINE_FAILED', message: e.message },
      });
      throw error;
    }
  }

  private _boot(
    device: 'webgpu' | 'wasm',
    config: string | ArrayBuffer,
    source: string,
    onModelError: 'throw' | 'lexical',
  ): Promise<SupportBotInfo> {
    if (this._disposed)
      return Promise.reject(new DOMException('The support-bot engine was disposed.', 'AbortError'));
    const url = new URL(`engine-${device}.worker.js`, this.options.assetsUrl);
    const worker = new Worker(url, { type: 'module', name: `support-bot-${device}` });
    this._worker = worker;
    this._set({ device, phase: 'model', progress: Number.NaN });
    return new Promise<SupportBotInfo>((resolve, reject) => {
      worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
        const m = event.data;
        switch (m.type) {
          case 'booted':
            this._set({ bot: m.bot });
            this._onBooted.resolve();
            break;
          case 'progress':
            this._set({ phase: m.phase, progress: m.progress });
            break;
          case 'model-error':
            if (m.degraded)
              this._set({ degraded: true, error: { code: m.code, message: m.message } });
            break;
          case 'ready':
            // The engine answers everything now: the early worker's thread is no longer needed.
            this._stopEarly();
            this._set({
              status: 'ready',
              info: m.info,
              bot: m.bot,
              degraded: m.info.degraded,
              progress: 1,
            });
            resolve(m.info);
            break;
          case 'reply':
          case 'early':
            this._calls.get(m.id)?.resolve(m.reply);
            this._calls.delete(m.id);
            break;
          case 'dialogue':
            this._calls.get(m.id)?.resolve(m.answer);
            this._calls.delete(m.id);
            break;
          case 'error': {
            const error = Object.assign(new Error(m.message), {
              code: m.code,
              retryable: m.retryable,
              name: m.code === 'AbortError' ? 'AbortError' : 'SupportBotError',
            });
            if (m.id === undefined) reject(error);
            else {
              this._calls.get(m.id)?.reject(error);
              this._calls.delete(m.id);
            }
          }
        }
      });
      worker.addEventListener('error', (event) => {
        event.preventDefault();
        // A crash after start (out of memory, say) must not leave calls waiting forever.
        for (const call of this._calls.values())
          call.reject(
            Object.assign(new Error(`[support-bot] Failed to answer: the engine worker stopped.`), {
              code: 'WORKER_FAILED',
              retryable: true,
            }),
          );
        this._calls.clear();
        if (this.state.status === 'ready')
          this._set({
            status: 'failed',
            error: {
              code: 'WORKER_FAILED',
              message: event.message || 'The engine worker stopped.',
            },
          });
        reject(
          Object.assign(
            new Error(
              `[support-bot] Failed to start the engine worker ${url.href}: ${event.message || 'it could not be loaded'}. Please serve the widget's files together, from the page's origin, and set assets-url if they are not next to support-bot.js.`,
            ),
            { code: 'WORKER_FAILED' },
          ),
        );
      });
      const init: ToWorker = {
        type: 'init',
        config,
        source,
        ...(this.options.modelBaseUrl !== undefined && {
          modelBaseUrl: this.options.modelBaseUrl,
        }),
        wasmPaths: this.options.wasmPaths,
        device,
        onModelError,
      };
      worker.postMessage(init);
    });
  }

  /**
   * Asks for an answer that needs only the bot file while the engine loads: from the early-answer
   * worker when it runs (undefined when the message needs the model), else from the engine worker
   * itself (which answers it when its thread is free, or, for a dialogue message, once ready).
   */
  private _ask<T>(question: EarlyQuestion, signal?: AbortSignal): Promise<T | undefined> {
    const early = this._early;
    if (early && !early.stopped) return early.ask<T>(question);
    // No engine worker yet (the device is still being chosen): ask the engine once it is ready.
    if (!this._worker) return Promise.resolve(undefined);
    return this._post<T>(question, signal);
  }

  /** Terminates the early-answer worker; its pending calls fall back to the engine. */
  private _stopEarly(): void {
    this._early?.stop();
    this._early = undefined;
  }

  private async _call<T = BotReply>(
    message: WithoutId<ToWorker>,
    signal?: AbortSignal,
  ): Promise<T> {
    await this.ready;
    return this._post<T>(message, signal);
  }

  /** Posts a call to the current worker (ready or not) and resolves with its answer. */
  private _post<T = BotReply>(message: WithoutId<ToWorker>, signal?: AbortSignal): Promise<T> {
    const worker = this._worker;
    if (!worker || this._disposed)
      return Promise.reject(new DOMException('The support-bot engine was disposed.', 'AbortError'));
    const id = this._nextId++;
    return new Promise<T>((resolve, reject) => {
      this._calls.set(id, { resolve, reject });
      signal?.addEventListener(
        'abort',
        () => worker.postMessage({ type: 'abort', id } satisfies ToWorker),
        { once: true },
      );
      worker.postMessage({ ...message, id } as ToWorker);
    });
  }
}

/**
 * Name, language and greeting read from a JSON bot file, if it is one, so they show before the
 * engine is ready. Settings with defaults (escalation, feedback) come only from core's parse.
 */
export function previewBot(config: string | ArrayBuffer): BotPreview | undefined {
  try {
    const text = typeof config === 'string' ? config : new TextDecoder().decode(config);
    if (!text.trimStart().startsWith('{')) return undefined;
    const bot = JSON.parse(text) as Partial<Record<string, unknown>>;
    return {
      name: typeof bot.name === 'string' ? bot.name : '',
      language: typeof bot.language === 'string' ? bot.language : '',
      ...(typeof bot.greeting === 'string' && { greeting: bot.greeting }),
    };
  } catch {
    // JSONC with comments, or a compiled index: wait for the worker's summary.
    return undefined;
  }
}

let webgpu: Promise<boolean> | undefined;

/** Whether a WebGPU adapter is granted; asked once per page. */
export function hasWebGPU(): Promise<boolean> {
  webgpu ??= (async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    if (!gpu) return false;
    try {
      return (await gpu.requestAdapter()) != null;
    } catch {
      return false;
    }
  })();
  return webgpu;
}
