import type { DeviceKind } from './encoder/resolve-device.js';

/** Progress of one model file download/load, from transformers.js' progress callback. */
export interface ModelProgressEvent {
  modelId: string;
  /** File being fetched, e.g. `onnx/model_quantized.onnx`; `undefined` for the aggregate. */
  file?: string;
  loaded: number;
  total: number;
  /** 0..1 over all files of the model. */
  progress: number;
}

export interface ModelReadyEvent {
  modelId: string;
  device: DeviceKind;
  dtype: string;
  /** Milliseconds from the start of loading to a usable session. */
  loadMs: number;
}

export interface ModelErrorEvent {
  modelId: string;
  error: Error;
  /** True when the bot carries on with lexical-only matching. */
  degraded: boolean;
}

/** Events of a bot, keyed `namespace:verb`. */
export interface SupportBotEventMap {
  'model:progress': ModelProgressEvent;
  'model:ready': ModelReadyEvent;
  'model:error': ModelErrorEvent;
  /** Examples and FAQ phrasings embedded so far while a raw (uncompiled) bot loads. */
  'index:progress': { done: number; total: number };
  'index:ready': { intents: number; faq: number; examples: number; ms: number; compiled: boolean };
}

export type Listener<T> = (event: T) => void;

/**
 * A tiny typed emitter. `on()` returns its own unsubscribe function; a throwing listener does
 * not stop the others.
 */
export class Emitter<M extends object> {
  private readonly _listeners = new Map<keyof M, Set<Listener<never>>>();

  on<K extends keyof M>(type: K, listener: Listener<M[K]>): () => void {
    let set = this._listeners.get(type);
    if (!set) {
      set = new Set();
      this._listeners.set(type, set);
    }
    set.add(listener as Listener<never>);
    return () => set.delete(listener as Listener<never>);
  }

  emit<K extends keyof M>(type: K, event: M[K]): void {
    for (const listener of this._listeners.get(type) ?? []) {
      try {
        (listener as Listener<M[K]>)(event);
      } catch (error) {
        queueMicrotask(() => {
          throw error;
        });
      }
    }
  }

  clear(): void {
    this._listeners.clear();
  }
}
