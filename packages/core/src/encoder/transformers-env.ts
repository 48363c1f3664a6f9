/**
 * The only module that touches transformers.js' global `env`. transformers.js reads `env` (where
 * models live, whether to use caches) throughout a load, after awaits, and shares in-flight file
 * loads by model id; it has no per-load option for a model location. So a load runs inside
 * {@link withLocation}: loads for the same location may overlap, and a load for another location
 * waits until they have finished. Two bots with different model locations in one realm (a
 * multi-tenant Node server, two widgets in one worker) each load their own files.
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
  /**
   * Node only: the directory where files downloaded from the Hub or an http(s) `modelBaseUrl`
   * are cached (onnxruntime-node loads the model from a file). Files from an http(s) location go
   * in a subfolder named after it, so two locations never share cached files. Default:
   * transformers.js' cache directory. Folders on disk are read in place, never cached.
   */
  cacheDir?: string;
}

/** Options every transformers.js load of one location gets (what `env` cannot hold per load). */
export interface LoadOptions {
  cache_dir?: string;
}

/** Human description of where models are looked for, for error messages. */
export function describeLocation(location: ModelLocation): string {
  return location.modelBaseUrl ? `"${location.modelBaseUrl}"` : 'the Hugging Face Hub';
}

const HUB = { host: 'https://huggingface.co/', template: '{model}/resolve/{revision}/' };

/**
 * transformers.js' file cache in Node keys files by model id alone (`<id>/config.json`), not by
 * where they came from, and it is checked before a local folder is read; its in-flight and
 * config memos are keyed by id and `cache_dir`. So the Hub keeps the default directory, each
 * http(s) location gets its own `cache_dir`, and folders on disk are read without the cache.
 */
const FS_CACHE_DEFAULT = env.useFSCache;

interface EnvSettings {
  /**
   * Passed to every load as `cache_dir`: the download cache in Node, and in any case part of the
   * key of transformers.js' per-id memos, so each location has its own.
   */
  cacheDir?: string;
  allowLocalModels: boolean;
  allowRemoteModels: boolean;
  localModelPath?: string;
  remoteHost: string;
  remotePathTemplate: string;
  useFSCache: boolean;
  wasmPaths?: string;
  numThreads: number;
}

function settingsFor(location: ModelLocation): EnvSettings {
  const base = location.modelBaseUrl;
  const isNode =
    typeof (globalThis as { process?: { versions?: { node?: string } } }).process?.versions
      ?.node === 'string';
  const wasmPaths =
    location.wasmPaths ?? (isNode ? undefined : new URL('./', import.meta.url).href);
  const common = {
    numThreads: location.wasmThreads ?? 1,
    ...(wasmPaths !== undefined && { wasmPaths }),
  };
  if (base === undefined) {
    return {
      ...common,
      allowLocalModels: false,
      allowRemoteModels: true,
      remoteHost: HUB.host,
      remotePathTemplate: HUB.template,
      useFSCache: FS_CACHE_DEFAULT,
      ...(location.cacheDir !== undefined && { cacheDir: location.cacheDir }),
    };
  }
  const folder = base.endsWith('/') ? base : `${base}/`;
  if (/^https?:\/\//i.test(base)) {
    // An absolute URL (a browser resolving `/models/`, or a CDN): transformers.js treats local
    // paths that are URLs as missing, so serve them as a "remote host" laid out as <base>/<id>/<file>.
    return {
      ...common,
      allowLocalModels: false,
      allowRemoteModels: true,
      remoteHost: folder,
      remotePathTemplate: '{model}/',
      useFSCache: FS_CACHE_DEFAULT,
      cacheDir: FS_CACHE_DEFAULT ? locationCacheDir(location.cacheDir, folder) : folder,
    };
  }
  // A directory (Node) or a relative path. The remote host is set to the same place so that the
  // browser-cache key transformers.js derives from it names this location, not the last one.
  return {
    ...common,
    allowLocalModels: true,
    allowRemoteModels: false,
    localModelPath: folder,
    remoteHost: folder,
    remotePathTemplate: '{model}/',
    useFSCache: false,
    // Not a cache (useFSCache is off): it only keys transformers.js' per-id memos (file sizes
    // for progress) to this folder.
    cacheDir: folder,
  };
}

/** `<cacheDir>/locations/<host and path of the location>` (Node). */
function locationCacheDir(cacheDir: string | undefined, base: string): string {
  const root = (cacheDir ?? env.cacheDir ?? '.cache').replace(/[\\/]+$/, '');
  const name = base.replace(/^https?:\/\//i, '').replace(/[^A-Za-z0-9.-]+/g, '_');
  return `${root}/locations/${name.replace(/^_+|_+$/g, '')}`;
}

function apply(settings: EnvSettings): void {
  env.allowLocalModels = settings.allowLocalModels;
  env.allowRemoteModels = settings.allowRemoteModels;
  if (settings.localModelPath !== undefined) env.localModelPath = settings.localModelPath;
  env.remoteHost = settings.remoteHost;
  env.remotePathTemplate = settings.remotePathTemplate;
  env.useFSCache = settings.useFSCache;
  const wasm = env.backends.onnx?.wasm;
  if (wasm) {
    if (settings.wasmPaths !== undefined) wasm.wasmPaths = settings.wasmPaths;
    wasm.numThreads = settings.numThreads;
  }
}

// The location whose loads are running, how many, and the loads waiting for another location.
let activeKey: string | undefined;
let activeLoads = 0;
const waiting: { key: string; start: () => void }[] = [];

/**
 * Runs `load` with transformers.js' `env` set for `location`, isolated from loads for other
 * locations (see the module comment). Waiting loads start in arrival order; a waiting load for
 * the running location does not jump ahead of one for another location.
 */
export function withLocation<T>(
  location: ModelLocation,
  load: (options: LoadOptions) => Promise<T>,
): Promise<T> {
  const settings = settingsFor(location);
  const key = JSON.stringify(settings);
  return new Promise<T>((resolve, reject) => {
    const start = () => {
      activeKey = key;
      activeLoads++;
      let running: Promise<T>;
      try {
        apply(settings);
        running = load(settings.cacheDir === undefined ? {} : { cache_dir: settings.cacheDir });
      } catch (error) {
        running = Promise.reject(error);
      }
      running.then(resolve, reject).finally(() => {
        if (--activeLoads === 0) startNext();
      });
    };
    if (waiting.length === 0 && (activeLoads === 0 || activeKey === key)) start();
    else waiting.push({ key, start });
  });
}

function startNext(): void {
  const first = waiting.shift();
  if (!first) {
    activeKey = undefined;
    return;
  }
  first.start();
  while (waiting[0]?.key === first.key) waiting.shift()!.start();
}
