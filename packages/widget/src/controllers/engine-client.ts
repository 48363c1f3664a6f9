import type { BotReply, SupportBotInfo } from '@support-bot/core';
import type { FromWorker, ToWorker } from '../worker/messages.js';

export interface EngineClientOptions {
  config: string | ArrayBuffer;
  source: string;
  modelBaseUrl?: string;
  /** Directory of the widget bundle: the workers and `ort/` live there. */
  baseUrl: URL;
  wasmPaths?: string;
  device: 'auto' | 'wasm' | 'webgpu';
  onProgress(progress: number): void;
  onModelError(message: string, degraded: boolean): void;
}

/**
 * The main-thread side of the engine: starts the worker that fits the device (WebGPU build only
 * when an adapter exists), and turns its messages into promises.
 */
export class EngineClient {
  readonly ready: Promise<SupportBotInfo>;
  /** `webgpu` or `wasm`: which worker build runs. */
  device: 'webgpu' | 'wasm' = 'wasm';
  private _worker?: Worker;
  private _nextId = 1;
  private readonly _calls = new Map<
    number,
    { resolve(r: BotReply): void; reject(e: Error): void }
  >();

  constructor(private readonly _options: EngineClientOptions) {
    this.ready = this._start();
    this.ready.catch(() => undefined);
  }

  reply(text: string, signal?: AbortSignal): Promise<BotReply> {
    return this._call({ type: 'reply', text }, signal);
  }

  answerWith(target: { intent: string } | { faq: string }): Promise<BotReply> {
    return this._call({ type: 'answer-with', target });
  }

  dispose(): void {
    this._worker?.terminate();
    for (const call of this._calls.values())
      call.reject(new DOMException('The widget was removed.', 'AbortError'));
    this._calls.clear();
  }

  private async _start(): Promise<SupportBotInfo> {
    const o = this._options;
    this.device = o.device === 'auto' ? ((await hasWebGPU()) ? 'webgpu' : 'wasm') : o.device;
    const worker = new Worker(new URL(`engine-${this.device}.worker.js`, o.baseUrl), {
      type: 'module',
      name: 'support-bot',
    });
    this._worker = worker;
    return new Promise<SupportBotInfo>((resolve, reject) => {
      worker.addEventListener('message', (event: MessageEvent<FromWorker>) => {
        const m = event.data;
        if (m.type === 'progress') o.onProgress(m.progress);
        else if (m.type === 'model-error') o.onModelError(m.message, m.degraded);
        else if (m.type === 'ready') resolve(m.info);
        else if (m.type === 'reply') {
          this._calls.get(m.id)?.resolve(m.reply);
          this._calls.delete(m.id);
        } else if (m.type === 'error') {
          const error = Object.assign(new Error(m.message), {
            code: m.code,
            name: m.code === 'AbortError' ? 'AbortError' : 'SupportBotError',
          });
          if (m.id === undefined) reject(error);
          else {
            this._calls.get(m.id)?.reject(error);
            this._calls.delete(m.id);
          }
        }
      });
      worker.addEventListener('error', (event) =>
        reject(
          new Error(
            `[support-bot] Failed to start the engine worker: ${event.message || 'it could not be loaded'}. Please check that the widget's files are served together.`,
          ),
        ),
      );
      const init: ToWorker = {
        type: 'init',
        config: o.config,
        source: o.source,
        ...(o.modelBaseUrl !== undefined && { modelBaseUrl: o.modelBaseUrl }),
        wasmPaths: o.wasmPaths ?? new URL('ort/', o.baseUrl).href,
        device: this.device,
      };
      worker.postMessage(init);
    });
  }

  private async _call(
    message:
      | { type: 'reply'; text: string }
      | { type: 'answer-with'; target: { intent: string } | { faq: string } },
    signal?: AbortSignal,
  ): Promise<BotReply> {
    await this.ready;
    const id = this._nextId++;
    return new Promise<BotReply>((resolve, reject) => {
      this._calls.set(id, { resolve, reject });
      signal?.addEventListener(
        'abort',
        () => this._worker?.postMessage({ type: 'abort', id } satisfies ToWorker),
        { once: true },
      );
      this._worker!.postMessage({ ...message, id } as ToWorker);
    });
  }
}

async function hasWebGPU(): Promise<boolean> {
  const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) != null;
  } catch {
    return false;
  }
}
