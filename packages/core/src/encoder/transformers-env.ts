/**
 * The only module that touches transformers.js' global `env`. Every load sets the fields it
 * depends on right before loading (inside the encoder's queue), so two bots with different model
 * locations in one realm do not trample each other.
 */
import { env } from '@huggingface/transformers';

export interface ModelLocation {
  /**
   * Where model folders live: a URL (`/models/`, `https://cdn.example.com/models/`) in browsers, a
   * directory in Node. Unset means the Hugging Face Hub.
   */
  modelBaseUrl?: string;
  /**
   * Where onnxruntime-web's `.wasm`/`.mjs` files are served (browsers and workers). Default: the
   * directory of the running script (never transformers.js' CDN default), so a site that serves
   * them next to its bundle needs no setting.
   */
  wasmPaths?: string;
  /** Use WASM threads (only effective when cross-origin isolated). Default 1 thread. */
  wasmThreads?: number;
}

/** Human description of where models are looked for, for error messages. */
export function describeLocation(location: ModelLocation): string {
  return location.modelBaseUrl ? `"${location.modelBaseUrl}"` : 'the Hugging Face Hub';
}

export function applyLocation(location: ModelLocation): void {
  if (location.modelBaseUrl !== undefined) {
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.localModelPath = location.modelBaseUrl.endsWith('/')
      ? location.modelBaseUrl
      : `${location.modelBaseUrl}/`;
  } else {
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
  }
  const wasm = env.backends.onnx?.wasm;
  if (wasm) {
    const isNode =
      typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions
        ?.node === 'string';
    if (location.wasmPaths !== undefined) wasm.wasmPaths = location.wasmPaths;
    else if (!isNode) wasm.wasmPaths = new URL('./', import.meta.url).href;
    wasm.numThreads = location.wasmThreads ?? 1;
  }
}
