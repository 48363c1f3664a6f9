import {
  AutoModel,
  AutoTokenizer,
  matmul,
  type PreTrainedModel,
  type PreTrainedTokenizer,
  Tensor,
} from '@huggingface/transformers';
import { ErrorCode, SupportBotError } from '../errors.js';
import type { ModelProgressEvent } from '../events.js';
import { raceAbort, throwIfAborted } from '../internal/abort.js';
import { now } from '../internal/now.js';
import { SerialQueue } from '../internal/serial-queue.js';
import { concatEncoders } from './concat-encoders.js';
import { defaultModelFor, getModelSpec, type ModelSpec } from './model-table.js';
import { poolAndNormalize } from './pool.js';
import {
  type DeviceKind,
  type DevicePreference,
  detectCapabilities,
  resolveDevice,
} from './resolve-device.js';
import { measureStartup } from './startup-timing.js';
import {
  describeLocation,
  type LoadOptions,
  type ModelLocation,
  withLocation,
} from './transformers-env.js';

export interface EncoderOptions extends ModelLocation {
  /** Model id from `MODELS`; default chosen by `language`. */
  model?: string;
  /** Bot language used to choose the default model. Default `en`. */
  language?: string;
  /** Default `auto`: WebGPU if an adapter exists, else WASM in browsers, CPU in Node. */
  device?: DevicePreference;
  /** Weights to load. Default `q8` (int8 quantized). */
  dtype?: 'q8' | 'fp32' | 'fp16' | 'int8' | 'uint8' | 'q4';
  /** Texts per model run when embedding many. Default 32. */
  batchSize?: number;
  /** Called while model files download and load. */
  onProgress?: (event: ModelProgressEvent) => void;
  signal?: AbortSignal;
}

/** Unit-length embeddings of several texts, row-major (`count` x `dimension`). */
export interface Embeddings {
  data: Float32Array;
  count: number;
  dimension: number;
  /** Time spent tokenizing and in the model, in ms. */
  tokenizeMs: number;
  inferenceMs: number;
  /**
   * Per text, how many of its tokens the model's vocabulary knows: not special tokens such as
   * `[CLS]` or `[UNK]`, and not the model's prefix. 0 means the model cannot read the text (a row
   * of emoji, an unknown script). Encoders that cannot tell leave it out.
   */
  knownTokens?: Int32Array;
}

export interface EmbedOptions {
  signal?: AbortSignal;
  /** Called after each batch with the number of texts embedded so far. */
  onProgress?: (done: number, total: number) => void;
}

/** A loaded sentence encoder. Inference calls are queued; `dispose()` frees the session. */
export interface Encoder {
  readonly model: ModelSpec;
  readonly device: DeviceKind;
  readonly dtype: string;
  /** Milliseconds the load took. */
  readonly loadMs: number;
  embed(texts: readonly string[], options?: EmbedOptions): Promise<Embeddings>;
  dispose(): Promise<void>;
}

/**
 * Loads a quantized sentence encoder with transformers.js (onnxruntime-node in Node,
 * onnxruntime-web WASM or WebGPU in browsers and workers).
 *
 * @throws {SupportBotError} `MODEL_LOAD_FAILED` naming the model, location and device tried.
 * @example
 * const encoder = await createEncoder({ modelBaseUrl: '/models/', wasmPaths: '/ort/' });
 * const { data } = await encoder.embed(['where is my order?']);
 */
export async function createEncoder(options: EncoderOptions = {}): Promise<Encoder> {
  const spec = getModelSpec(options.model ?? defaultModelFor(options.language ?? 'en'));
  if (spec.parts) {
    const parts: Encoder[] = [];
    try {
      const n = spec.parts.length;
      for (const [k, part] of spec.parts.entries()) {
        const report = options.onProgress;
        // One bar for the whole download: part k covers [k/n, (k+1)/n).
        const onProgress = report
          ? (e: ModelProgressEvent) =>
              report({
                ...e,
                progress: Number.isNaN(e.progress) ? e.progress : (k + e.progress) / n,
              })
          : undefined;
        parts.push(
          await createEncoder({ ...options, model: part, ...(onProgress && { onProgress }) }),
        );
      }
    } catch (error) {
      await Promise.all(parts.map((p) => p.dispose()));
      throw error;
    }
    return concatEncoders(spec, parts);
  }
  const caps = await detectCapabilities();
  const device = resolveDevice(options.device ?? 'auto', caps);
  const dtype = options.dtype ?? 'q8';
  const started = now();
  throwIfAborted(options.signal);

  let tokenizer: PreTrainedTokenizer;
  let model: PreTrainedModel;
  try {
    const progress = options.onProgress;
    // Only with a listener: given a callback, transformers.js first asks for every file's size
    // (a `Range: bytes=0-0` request each), which a caller without a progress bar need not pay.
    const progress_callback = progress
      ? (info: {
          status: string;
          file?: string;
          loaded?: number;
          total?: number;
          progress?: number;
        }) => {
          // The weights are in memory (from the network or a cache): the rest of the model's
          // load is onnxruntime (its start-up on the first session, then session creation).
          if (info.status === 'done' && info.file?.endsWith('.onnx'))
            measureStartup('model-file', started);
          if (info.status === 'progress_total' || info.status === 'progress') {
            progress({
              modelId: spec.id,
              ...(info.status === 'progress' && info.file !== undefined && { file: info.file }),
              loaded: info.loaded ?? 0,
              total: info.total ?? 0,
              progress: info.status === 'progress_total' ? (info.progress ?? 0) / 100 : Number.NaN,
            });
          }
        }
      : undefined;
    // Loads for another model location wait (transformers.js' env is global); see withLocation.
    const load = async (location: LoadOptions) => {
      throwIfAborted(options.signal);
      // Everything at once: onnxruntime's start-up (fetching and compiling its WASM, starting
      // its runtime) while the tokenizer and the weights are read, and the tokenizer parsed
      // while the session is created. One after the other, they took ~60% longer.
      if (device === 'wasm') void startRuntime();
      const [tokenizer, model] = await settleBoth(
        AutoTokenizer.from_pretrained(spec.id, {
          ...location,
          ...(progress_callback && { progress_callback }),
        }).then((t) => {
          measureStartup('tokenizer', started);
          return t;
        }),
        AutoModel.from_pretrained(spec.id, {
          ...location,
          dtype,
          device,
          ...(progress_callback && { progress_callback }),
          ...(device === 'cpu' && { session_options: { intraOpNumThreads: 0 } }),
        }).then((m) => {
          measureStartup('model', started);
          return m;
        }),
      );
      if (options.signal?.aborted) await model.dispose();
      throwIfAborted(options.signal);
      return { tokenizer, model };
    };
    ({ tokenizer, model } = await raceAbort(withLocation(options, load), options.signal));
  } catch (cause) {
    throwIfAborted(options.signal);
    throw new SupportBotError(
      ErrorCode.MODEL_LOAD_FAILED,
      `Failed to load model ${spec.id} (${dtype}, ${device}) from ${describeLocation(options)}: ${messageOf(cause)}. Please ${options.modelBaseUrl ? `check that ${trimSlash(options.modelBaseUrl)}/${spec.id}/ has` : `set modelBaseUrl to where your model folders are (${spec.id}/ with`} config.json, tokenizer.json and onnx/model${dtype === 'fp32' ? '' : dtype === 'q8' ? '_quantized' : `_${dtype}`}.onnx, complete and readable${options.modelBaseUrl ? '' : '), or check that the Hugging Face Hub is reachable'}${device === 'wasm' || device === 'webgpu' ? ', and that wasmPaths serves onnxruntime-web' : ''}.`,
      { cause, retryable: isNetworkError(cause) },
    );
  }
  const loadMs = now() - started;
  if (options.signal?.aborted) {
    await model.dispose();
    throwIfAborted(options.signal);
  }
  return new TransformersEncoder(
    spec,
    device,
    dtype,
    loadMs,
    tokenizer,
    model,
    options.batchSize ?? 32,
  );
}

/**
 * Starts onnxruntime-web now rather than when the model's session is created: its first session
 * fetches and compiles the WASM runtime and starts it. transformers.js has no call for that
 * alone, so this runs its smallest public op (a 1x1 `matmul`, a tiny session of its own);
 * transformers.js queues session creations, so the model's session follows it on a started
 * runtime. Failures are left to the model's own load, which reports them.
 */
async function startRuntime(): Promise<void> {
  const started = now();
  try {
    const one = new Tensor('float32', new Float32Array([1]), [1, 1]);
    await matmul(one, one);
    measureStartup('runtime', started);
  } catch {
    // The model's load fails the same way and says why.
  }
}

/**
 * Both values, once both promises have settled. If either rejects, rejects with the first
 * error after disposing what the other produced (a loaded model holds a session).
 */
async function settleBoth<A, B extends { dispose(): Promise<unknown> }>(
  a: Promise<A>,
  b: Promise<B>,
): Promise<[A, B]> {
  const [x, y] = await Promise.allSettled([a, b]);
  if (x.status === 'fulfilled' && y.status === 'fulfilled') return [x.value, y.value];
  if (y.status === 'fulfilled') await y.value.dispose().catch(() => undefined);
  throw x.status === 'rejected' ? x.reason : (y as PromiseRejectedResult).reason;
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}

function messageOf(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/\s+/g, ' ').trim().replace(/\.$/, '');
}

function isNetworkError(error: unknown): boolean {
  return error instanceof TypeError && /fetch|network/i.test(error.message);
}

class TransformersEncoder implements Encoder {
  private readonly _queue = new SerialQueue();
  private _disposed = false;
  private readonly _special: ReadonlySet<number>;
  /** Known tokens the model's prefix (e5's `query: `) adds to every text. */
  private readonly _prefixTokens: number;

  constructor(
    readonly model: ModelSpec,
    readonly device: DeviceKind,
    readonly dtype: string,
    readonly loadMs: number,
    private readonly _tokenizer: PreTrainedTokenizer,
    private readonly _model: PreTrainedModel,
    private readonly _batchSize: number,
  ) {
    this._special = new Set(
      (_tokenizer as unknown as { all_special_ids?: number[] }).all_special_ids ?? [],
    );
    this._prefixTokens = model.prefix
      ? (_tokenizer.encode(model.prefix, { add_special_tokens: false }) as number[]).filter(
          (id) => !this._special.has(id),
        ).length
      : 0;
  }

  embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Embeddings> {
    return this._queue.run(() => this._embedNow(texts, options), options.signal);
  }

  private async _embedNow(
    texts: readonly string[],
    { signal, onProgress }: EmbedOptions,
  ): Promise<Embeddings> {
    if (this._disposed) {
      throw new SupportBotError(
        ErrorCode.DISPOSED,
        'Failed to embed: the encoder was disposed. Please create a new one.',
      );
    }
    const dim = this.model.dimension;
    const out = new Float32Array(texts.length * dim);
    const inputs = texts.map((t) => this.model.prefix + t);
    // Batch texts of similar length together so little compute goes to padding.
    const order = inputs.map((_, i) => i);
    if (inputs.length > this._batchSize)
      order.sort((a, b) => inputs[a]!.length - inputs[b]!.length);
    let tokenizeMs = 0;
    let inferenceMs = 0;
    const knownTokens = new Int32Array(texts.length);
    for (let start = 0; start < order.length; start += this._batchSize) {
      throwIfAborted(signal);
      const rows = order.slice(start, start + this._batchSize);
      const t0 = now();
      const encoded = this._tokenizer(
        rows.map((i) => inputs[i]!),
        { padding: true, truncation: true, max_length: this.model.maxTokens },
      ) as {
        input_ids: { dims: number[]; data: ArrayLike<bigint> };
        attention_mask: { data: ArrayLike<bigint> };
      };
      this._countKnown(encoded.input_ids, encoded.attention_mask.data, rows, knownTokens);
      const t1 = now();
      let output: { last_hidden_state: { data: Float32Array; dims: number[] } };
      try {
        output = (await this._model(encoded)) as typeof output;
      } catch (cause) {
        throw new SupportBotError(
          ErrorCode.INFERENCE_FAILED,
          `Failed to run ${this.model.id} on ${this.device}: ${messageOf(cause)}. Please reload the bot; if it persists, try device "wasm".`,
          { cause, retryable: true },
        );
      }
      const [batch, tokens, hidden] = output.last_hidden_state.dims as [number, number, number];
      poolAndNormalize(
        output.last_hidden_state.data,
        encoded.attention_mask.data,
        batch,
        tokens,
        hidden,
        this.model.pooling,
        out,
        rows,
      );
      (output.last_hidden_state as { dispose?: () => void }).dispose?.();
      tokenizeMs += t1 - t0;
      inferenceMs += now() - t1;
      onProgress?.(Math.min(start + this._batchSize, order.length), order.length);
    }
    throwIfAborted(signal);
    return { data: out, count: texts.length, dimension: dim, tokenizeMs, inferenceMs, knownTokens };
  }

  private _countKnown(
    ids: { dims: number[]; data: ArrayLike<bigint> },
    mask: ArrayLike<bigint>,
    rows: readonly number[],
    out: Int32Array,
  ): void {
    const width = ids.dims[1] ?? 0;
    rows.forEach((row, b) => {
      let known = 0;
      for (let t = b * width; t < (b + 1) * width; t++)
        if (mask[t] && !this._special.has(Number(ids.data[t]))) known++;
      out[row] = Math.max(0, known - this._prefixTokens);
    });
  }

  async dispose(): Promise<void> {
    if (this._disposed) return;
    this._disposed = true;
    await this._queue.run(() => this._model.dispose());
  }
}
