import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { SbErrorEvent, SbModelProgressEvent, SbReadyEvent } from '../events.js';
import type { BotPreview, BotSummary } from '../worker/messages.js';
import type { EngineClient, EngineOptions, EngineState } from './engine-client.js';
import { acquireEngine, releaseEngine } from './engine-pool.js';
import { loadBotConfig } from './load-bot-config.js';
import { armLoadingPolicy, type LoadingPolicy } from './loading-policy.js';

/** What the engine is built from: the element's attributes and properties. */
export interface EngineSource {
  config?: object | string | ArrayBuffer | Uint8Array | undefined;
  configSrc?: string | undefined;
  modelBaseUrl?: string | undefined;
  assetsUrl?: string | undefined;
  wasmPaths?: string | undefined;
  device: EngineOptions['device'];
  preload: LoadingPolicy;
}

const ids = new WeakMap<object, number>();
let nextId = 1;
function identity(value: object): number {
  let id = ids.get(value);
  if (id === undefined) {
    id = nextId++;
    ids.set(value, id);
  }
  return id;
}

/**
 * The element's engine: acquires the shared engine worker for the bot (see `engine-pool`), starts
 * it when its loading policy says (see `loading-policy`: on intent by default) or on first open, and turns its state into `sb-model-progress`,
 * `sb-ready` and `sb-error` events on the host. `onReady` runs once per engine when it is ready.
 */
export class EngineController implements ReactiveController {
  /** The latest engine state (undefined until the engine is started). */
  state?: EngineState;
  private _engine?: EngineClient;
  private _unsubscribe?: () => void;
  private _idle?: () => void;
  private _announced = { ready: false, degraded: false, failed: false, progress: '' };

  constructor(
    private readonly _host: ReactiveControllerHost & HTMLElement,
    private readonly _source: EngineSource,
    /** Default for `assetsUrl`: the directory of the widget's module (workers and `ort/` sit there). */
    private readonly _moduleDir: string,
    private readonly _onReady: () => void,
  ) {
    _host.addController(this);
  }

  /** The bot's name, language, greeting, escalation and feedback settings once known. */
  get bot(): BotSummary | BotPreview | undefined {
    return this.state?.bot;
  }

  hostConnected(): void {
    this._arm(this._source.preload);
  }

  /**
   * A conversation from earlier in this visit was restored: the visitor has chatted, so load
   * when the page is idle (as `idle`: not on a Save-Data or 2g/3g connection), unless `open`.
   */
  conversationRestored(): void {
    if (this._source.preload !== 'open') this._arm('idle');
  }

  private _arm(policy: LoadingPolicy): void {
    if (this._engine) return;
    this._cancelIdle();
    this._idle = armLoadingPolicy(this._host, policy, () => {
      if (this._host.isConnected && !this._engine) this.start();
    });
  }

  hostDisconnected(): void {
    this._cancelIdle();
    this.release();
  }

  /** Starts (or joins) the engine; errors surface through state and `sb-error`. */
  start(): EngineClient | undefined {
    try {
      return this.ensure();
    } catch (error) {
      this._host.dispatchEvent(errorEvent(error));
      return undefined;
    }
  }

  /** The running engine, started if needed; throws when the bot file is missing. */
  ensure(): EngineClient {
    if (this._engine && this._engine.state.status !== 'failed') return this._engine;
    this.release();
    this._cancelIdle();
    const engine = acquireEngine(this._options());
    this._engine = engine;
    this._announced = { ready: false, degraded: false, failed: false, progress: '' };
    this._unsubscribe = engine.subscribe((s) => this._onState(s));
    this._onState(engine.state);
    return engine;
  }

  /** Gives the engine back to the pool (the next `ensure()` acquires it again). */
  release(): void {
    this._unsubscribe?.();
    this._unsubscribe = undefined;
    if (this._engine) releaseEngine(this._engine);
    this._engine = undefined;
  }

  /** Whether an engine is acquired (running or loading). */
  get started(): boolean {
    return this._engine !== undefined;
  }

  private _cancelIdle(): void {
    this._idle?.();
    this._idle = undefined;
  }

  private _options(): EngineOptions {
    const s = this._source;
    const base = document.baseURI;
    const assetsUrl = new URL(s.assetsUrl ?? this._moduleDir, base).href;
    const wasmPaths = new URL(s.wasmPaths ?? 'ort/', s.wasmPaths ? base : assetsUrl).href;
    const modelBaseUrl =
      s.modelBaseUrl !== undefined ? new URL(s.modelBaseUrl, base).href : undefined;
    let key: string;
    let loadConfig: EngineOptions['loadConfig'];
    const config = s.config;
    if (config !== undefined) {
      const text =
        typeof config === 'string'
          ? config
          : config instanceof ArrayBuffer || ArrayBuffer.isView(config)
            ? undefined
            : JSON.stringify(config);
      key = text !== undefined ? `inline:${text}` : `bytes:${identity(config as object)}`;
      loadConfig = async () => ({
        config:
          text ??
          (config instanceof ArrayBuffer
            ? config
            : ((config as Uint8Array).slice().buffer as ArrayBuffer)),
        source: '<support-bot>.config',
      });
    } else if (s.configSrc) {
      const url = new URL(s.configSrc, base).href;
      key = `src:${url}`;
      loadConfig = async () => ({ config: await loadBotConfig(url), source: url });
    } else {
      throw Object.assign(
        new Error(
          '[support-bot] Failed to start the bot: it has no bot file. Please set config-src="/bot.json" or the config property.',
        ),
        { code: 'CONFIG_MISSING' },
      );
    }
    return {
      key: [key, modelBaseUrl ?? 'hub', assetsUrl, wasmPaths, s.device].join('|'),
      loadConfig,
      ...(modelBaseUrl !== undefined && { modelBaseUrl }),
      assetsUrl,
      wasmPaths,
      device: s.device,
    };
  }

  private _onState(s: EngineState): void {
    this.state = s;
    const host = this._host;
    const a = this._announced;
    const progress = `${s.phase}:${s.progress}`;
    if (s.status === 'loading' && progress !== a.progress && !Number.isNaN(s.progress)) {
      a.progress = progress;
      host.dispatchEvent(new SbModelProgressEvent(s.progress, s.phase));
    }
    if (s.degraded && !a.degraded) {
      a.degraded = true;
      host.dispatchEvent(
        new SbErrorEvent(
          s.error?.code ?? 'MODEL_LOAD_FAILED',
          s.error?.message ?? 'The model could not load.',
        ),
      );
    }
    if (s.status === 'ready' && !a.ready && s.info && s.device) {
      a.ready = true;
      this._onReady();
      host.dispatchEvent(new SbModelProgressEvent(1, 'model'));
      host.dispatchEvent(new SbReadyEvent(s.device, s.info));
    }
    if (s.status === 'failed' && !a.failed) {
      a.failed = true;
      host.dispatchEvent(
        new SbErrorEvent(s.error?.code ?? 'ENGINE_FAILED', s.error?.message ?? 'Failed.', true),
      );
    }
    host.requestUpdate();
  }
}

/** An `sb-error` event for anything thrown (its `code`, `message` and `retryable` when present). */
export function errorEvent(error: unknown): SbErrorEvent {
  const e = error as { code?: string; message?: string; retryable?: boolean };
  return new SbErrorEvent(
    e.code ?? 'REPLY_FAILED',
    e.message ?? String(error),
    e.retryable ?? false,
  );
}
