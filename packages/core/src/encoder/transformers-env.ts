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

const HUB = { host: 'https://huggingface.co/', template: '{model}/resolve/{revision}/' };

export function applyLocation(location: ModelLocation): void {
  const base = location.modelBaseUrl;
  if (base !== undefined && /^https?:\/\//i.test(base)) {
    // An absolute URL (a browser resolving `/models/`, or a CDN): transformers.js treats local
    // paths that are URLs as missing, so serve them as a "remote host" laid out as <base>/<id>/<file>.
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
    env.remoteHost = base.endsWith('/') ? base : `${base}/`;
    env.remotePathTemplate = '{model}/';
  } else if (base !== undefined) {
    // A directory (Node) or a relative path.
    env.allowLocalModels = true;
    env.allowRemoteModels = false;
    env.localModelPath = base.endsWith('/') ? base : `${base}/`;
  } else {
    env.allowLocalModels = false;
    env.allowRemoteModels = true;
    env.remoteHost = HUB.host;
    env.remotePathTemplate = HUB.template;
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
