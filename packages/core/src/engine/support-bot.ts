import {
  type BotIndex,
  decodeBotIndex,
  encodeBotIndex,
  INDEX_FORMAT_VERSION,
  isBotIndex,
} from '../compile/bot-index.js';
import { parseBotConfig } from '../config/parse-bot-config.js';
import { createEncoder, type Encoder, type EncoderOptions } from '../encoder/create-encoder.js';
import { defaultModelFor, getModelSpec } from '../encoder/model-table.js';
import type { DeviceKind, DevicePreference } from '../encoder/resolve-device.js';
import type { ModelLocation } from '../encoder/transformers-env.js';
import { ErrorCode, SupportBotError } from '../errors.js';
import { Emitter, type Listener, type SupportBotEventMap } from '../events.js';
import type { TrainIntentOptions } from '../intent/intent-model.js';
import { rankIntents } from '../intent/intent-model.js';
import { raceAbort, throwIfAborted } from '../internal/abort.js';
import { now } from '../internal/now.js';
import { nearestNegative } from '../out-of-scope/nearest-negative.js';
import { type BotConfig, type BotReply, type ChatTurn, CONFIG_VERSION } from '../types.js';
import {
  type BotKnowledge,
  buildKnowledge,
  knowledgeFromIndex,
  knowledgeToIndex,
} from './bot-knowledge.js';
import { type Decision, decide, decideLexical, type EffectiveThresholds } from './decide.js';
import { BotFileAnswers, botReply } from './early-answer.js';
import {
  contentHash,
  type EmbeddingCache,
  type EmbeddingCacheStats,
  embeddingScope,
} from './embedding-cache.js';
import { isReadable, normalizeMessage } from './normalize-message.js';

export interface SupportBotOptions extends ModelLocation {
  /**
   * The bot: the text of `bot.json`, its parsed object, or the bytes of a compiled index
   * (`support-bot build`). Raw configs are validated; invalid ones throw `CONFIG_INVALID`.
   */
  config: string | object | Uint8Array | ArrayBuffer;
  /** Name of the config's origin (file name or URL) used in error messages. */
  source?: string;
  /** Encoder model; default `config.model`, else by the bot's language. */
  model?: string;
  /** Default `auto` (WebGPU if an adapter exists, else WASM; CPU in Node). */
  device?: DevicePreference;
  /** Default `q8`. */
  dtype?: EncoderOptions['dtype'];
  /**
   * A loaded encoder to use instead of loading one (shared between bots, or a small fake in
   * unit tests). The bot does not dispose it.
   */
  encoder?: Encoder;
  /**
   * What to do when the model cannot load: `throw` (default) rejects `ready` with
   * `MODEL_LOAD_FAILED`; `lexical` carries on with word matching and flags replies `degraded`.
   */
  onModelError?: 'throw' | 'lexical';
  /** Options for training the intent head (raw configs only). */
  training?: TrainIntentOptions;
  /**
   * Where a raw bot file's example vectors are kept between loads (the widget's worker passes
   * one backed by IndexedDB): a second load embeds nothing, a changed example only itself.
   */
  embeddingCache?: EmbeddingCache;
  signal?: AbortSignal;
}

/** What a ready bot is running with. */
export interface SupportBotInfo {
  name: string;
  language: string;
  /** The bot's opening line, if it has one. */
  greeting?: string;
  modelId: string;
  /** `undefined` when degraded (no model). */
  device?: DeviceKind;
  dtype?: string;
  /** True when the model failed to load and matching is lexical only. */
  degraded: boolean;
  /** True when loaded from a compiled index. */
  compiled: boolean;
  intents: number;
  faq: number;
  thresholds: EffectiveThresholds;
  /** False when the intent thresholds are defaults (too few examples to fit them). */
  thresholdsFitted: boolean;
  /** Milliseconds from creation to ready (model load, embedding and training included). */
  loadMs: number;
  /** Raw bot files with a model: texts embedded at load, and texts read from the embedding cache. */
  embedding?: EmbeddingCacheStats;
}

export interface ReplyOptions {
  /** Earlier turns, oldest first (used for escalation context). */
  history?: readonly ChatTurn[];
  signal?: AbortSignal;
}

interface Loaded {
  knowledge: BotKnowledge;
  encoder?: Encoder;
  info: SupportBotInfo;
}

const loadedParts = new WeakMap<SupportBot, Loaded>();

/** The answer to a message the model cannot read: the fallback, with no evidence. */
const UNREADABLE: Decision = { kind: 'fallback', confidence: 0 };

/**
 * The loaded encoder and knowledge of a ready bot, for core's own tools (feedback review).
 * Not part of the public API.
 */
export function botInternals(bot: SupportBot): Loaded | undefined {
  return loadedParts.get(bot);
}

/**
 * A support bot: understands a visitor's message with the local model and answers from the bot
 * file. Runs unchanged in browsers, Web Workers and Node (no DOM).
 *
 * @example
 * const bot = createSupportBot({ config: botJsonText, modelBaseUrl: '/models/' });
 * bot.on('model:progress', (e) => bar.value = e.progress);
 * const reply = await bot.reply('where is my parcel?');
 * console.log(reply.kind, reply.text);
 */
export class SupportBot {
  /** The validated bot file. */
  readonly config: BotConfig;
  /** Resolves when the model is loaded and the examples are indexed. */
  readonly ready: Promise<SupportBotInfo>;
  private readonly _events = new Emitter<SupportBotEventMap>();
  private _loaded?: Loaded;
  private readonly _fileAnswers: BotFileAnswers;
  private _disposed = false;
  private readonly _ownsEncoder: boolean;

  /** Use {@link createSupportBot}. */
  constructor(options: SupportBotOptions) {
    const index = toIndex(options.config);
    const raw = options.config;
    const text =
      raw instanceof Uint8Array || raw instanceof ArrayBuffer ? new TextDecoder().decode(raw) : raw;
    this.config = index ? index.config : parseBotConfig(text, { source: options.source });
    this._fileAnswers = new BotFileAnswers(this.config);
    this._ownsEncoder = options.encoder === undefined;
    // Start after the current task so listeners attached right after creation see every event.
    this.ready = Promise.resolve().then(() => this._load(options, index));
    this.ready.catch(() => undefined);
  }

  /** The running configuration once ready, else `undefined`. */
  get info(): SupportBotInfo | undefined {
    return this._loaded?.info;
  }

  /** Subscribes to an event; returns the unsubscribe function. */
  on<K extends keyof SupportBotEventMap>(
    type: K,
    listener: Listener<SupportBotEventMap[K]>,
  ): () => void {
    return this._events.on(type, listener);
  }

  /**
   * Answers one visitor message. A message the model cannot read (no letter or digit, such as a
   * row of emoji or symbols, or no token its vocabulary knows) gets the fallback reply with
   * confidence 0, never a guess.
   * @throws {SupportBotError} `EMPTY_MESSAGE` for empty or whitespace-only text.
   * @throws {DOMException} `AbortError` when `options.signal` aborts, at once, also while the
   *   reply waits behind others for the model.
   */
  async reply(text: string, options: ReplyOptions = {}): Promise<BotReply> {
    const { signal } = options;
    const started = now();
    const message = normalizeMessage(text);
    const normalizeMs = now() - started;
    throwIfAborted(signal);
    const loaded = await raceAbort(
      this.ready.then(() => this._loaded!),
      signal,
    );
    this._assertAlive();
    const { knowledge, encoder, info } = loaded;
    const config = knowledge.config;
    const faqLimit = Math.max(3, config.escalation.faqHits);
    let tokenizeMs = 0;
    let embedMs = 0;
    let classifyMs = 0;
    let retrieveMs = 0;
    let decision: Decision;
    let candidates: BotReply['candidates'];
    const unreadable = () =>
      this._toReply(UNREADABLE, { intents: [], faq: [] }, info.degraded, {
        normalize: normalizeMs,
        tokenize: tokenizeMs,
        embed: embedMs,
        classify: 0,
        retrieve: 0,
        total: now() - started,
      });
    if (!isReadable(message)) return unreadable();
    if (encoder) {
      // Raced here too: an encoder passed in by the caller may not honour the signal while queued.
      const embedded = await raceAbort(encoder.embed([message], { signal }), signal);
      tokenizeMs = embedded.tokenizeMs;
      embedMs = embedded.inferenceMs;
      if (embedded.knownTokens?.[0] === 0) return unreadable();
      const t0 = now();
      const intents = knowledge.intent
        ? rankIntents(knowledge.intent, embedded.data, embedded.dimension)
        : [];
      const t1 = now();
      const faq = knowledge.faq.search(message, embedded.data, faqLimit);
      const t2 = now();
      classifyMs = t1 - t0;
      retrieveMs = t2 - t1;
      const negatives = knowledge.intent?.negatives;
      const dim = embedded.dimension;
      const owned = knowledge.intent?.ownedNegatives ?? 0;
      const offTopic = negatives ? nearestNegative(negatives, embedded.data, 0, dim) : undefined;
      const offTopicOwned =
        negatives && owned > 0
          ? nearestNegative(
              negatives,
              embedded.data,
              0,
              dim,
              undefined,
              negatives.length / dim - owned,
            )
          : undefined;
      candidates = {
        intents: intents.slice(0, 3),
        faq,
        ...(offTopic !== undefined && { offTopic }),
        ...(offTopicOwned !== undefined && { offTopicOwned }),
      };
      decision = decide(config, intents, faq, info.thresholds, candidates);
    } else {
      const t0 = now();
      const top = knowledge.intentLexical.search(message, 3);
      const t1 = now();
      const faq = knowledge.faq.search(message, undefined, faqLimit);
      retrieveMs = now() - t1;
      classifyMs = t1 - t0;
      const best = top[0];
      const bestFaq = faq[0];
      decision = decideLexical(
        config,
        best && { id: config.intents[best.owner]!.id, coverage: best.coverage },
        bestFaq && { hit: bestFaq, coverage: knowledge.faq.lexicalCoverage(message, bestFaq.id) },
      );
      candidates = {
        intents: top.map((h) => ({
          id: config.intents[h.owner]!.id,
          confidence: h.coverage,
          similarity: Number.NaN,
        })),
        faq,
      };
    }
    throwIfAborted(signal);
    const total = now() - started;
    return this._toReply(decision, candidates, info.degraded, {
      normalize: normalizeMs,
      tokenize: tokenizeMs,
      embed: embedMs,
      classify: classifyMs,
      retrieve: retrieveMs,
      total,
    });
  }

  /**
   * Answers from the bot file alone, before the model is ready, when a word match is sure
   * enough to be as precise as the model (see `EARLY_ANSWER_BAR`): every content word of the
   * message in one phrasing of a plain intent or FAQ question, at least two of them, clearly
   * ahead of the next answer. Returns `undefined` otherwise (then wait for `reply()`); never a
   * fallback. Forms (intents with slots or an action), out-of-scope lines and unreadable
   * messages are never answered here; a message whose best match is a form or an out-of-scope
   * line gets `undefined` too, so it waits for the model rather than taking the next best answer.
   */
  answerEarly(text: string): BotReply | undefined {
    this._assertAlive();
    return this._fileAnswers.answerEarly(text);
  }

  /**
   * Answers with a known intent or FAQ entry without running the model: for quick-reply chips
   * whose target is set in the bot file.
   */
  answerWith(target: { intent: string } | { faq: string }): BotReply {
    this._assertAlive();
    return this._fileAnswers.answerWith(target);
  }

  /**
   * The compiled index of this bot (what `support-bot build` writes), once ready. Not available
   * when the model failed to load.
   */
  async toIndex(): Promise<BotIndex> {
    await this.ready;
    const { knowledge, encoder } = this._loaded!;
    if (!encoder) {
      throw new SupportBotError(
        ErrorCode.MODEL_LOAD_FAILED,
        'Failed to compile the bot: the model is not loaded. Please fix the model location and retry.',
      );
    }
    return knowledgeToIndex(knowledge, encoder);
  }

  /** Frees the model session (unless it was passed in) and listeners. Idempotent. */
  async dispose(): Promise<void> {
    if (this._disposed) return;
    this._disposed = true;
    this._events.clear();
    await this.ready.catch(() => undefined);
    if (this._ownsEncoder) await this._loaded?.encoder?.dispose();
  }

  private async _load(
    options: SupportBotOptions,
    index: BotIndex | undefined,
  ): Promise<SupportBotInfo> {
    const started = now();
    const config = this.config;
    if (index && index.configVersion !== CONFIG_VERSION) {
      throw mismatch(
        `it was built from bot file version ${index.configVersion}, this runtime reads version ${CONFIG_VERSION}`,
      );
    }
    const modelId =
      options.encoder?.model.id ??
      options.model ??
      index?.model.id ??
      config.model ??
      defaultModelFor(config.language);
    const spec = getModelSpec(modelId);
    if (index && (index.model.id !== spec.id || index.model.dimension !== spec.dimension)) {
      throw mismatch(
        `it was built for ${index.model.id} (${index.model.dimension} dimensions) but the runtime uses ${spec.id} (${spec.dimension})`,
      );
    }
    let encoder = options.encoder;
    // The bot's knowledge is restored while the model loads: a compiled index decoded, or a
    // plain bot file's index read back from the embedding cache (see restoreKnowledge).
    const cache = options.embeddingCache;
    const cacheKey =
      !index && cache?.getIndex
        ? `${embeddingScope(encoder?.model ?? spec, encoder?.dtype ?? options.dtype ?? 'q8', INDEX_FORMAT_VERSION)}|${contentHash(JSON.stringify(config))}|${contentHash(JSON.stringify(options.training ?? {}))}`
        : undefined;
    const restoring = restoreKnowledge(
      index,
      cacheKey ? { cache: cache!, key: cacheKey } : undefined,
      spec.id,
    );
    restoring.catch(() => undefined);
    if (!encoder) {
      try {
        encoder = await createEncoder({
          ...options,
          model: spec.id,
          ...(options.signal && { signal: options.signal }),
          onProgress: (event) => this._events.emit('model:progress', event),
        });
        this._events.emit('model:ready', {
          modelId: spec.id,
          device: encoder.device,
          dtype: encoder.dtype,
          loadMs: encoder.loadMs,
        });
      } catch (error) {
        const degraded = options.onModelError === 'lexical' && !(options.signal?.aborted ?? false);
        this._events.emit('model:error', { modelId: spec.id, error: error as Error, degraded });
        if (!degraded) throw error;
      }
    }
    if (this._disposed) {
      if (this._ownsEncoder) await encoder?.dispose();
      throw new SupportBotError(
        ErrorCode.DISPOSED,
        'Failed to load the bot: it was disposed while loading.',
      );
    }
    const t0 = now();
    const restored = await restoring;
    // Restored with vectors, which a bot without its model (degraded) must not use.
    const cached = encoder ? restored.knowledge : undefined;
    const knowledge = index
      ? (cached ?? knowledgeFromIndex(index, false))
      : (cached ??
        (await buildKnowledge(config, encoder, {
          ...options.training,
          ...(options.signal && { signal: options.signal }),
          ...(cache && { embeddingCache: cache }),
          onProgress: (done, total) => this._events.emit('index:progress', { done, total }),
        })));
    if (cacheKey && !cached && encoder && !this._disposed) {
      // Stored in the background: the bot is ready now.
      Promise.resolve()
        .then(() =>
          cache!.putIndex!(cacheKey, encodeBotIndex(knowledgeToIndex(knowledge, encoder!))),
        )
        .catch(() => undefined);
    }
    this._events.emit('index:ready', {
      intents: config.intents.length,
      faq: config.faq.length,
      examples: config.intents.reduce((n, i) => n + i.examples.length, 0),
      ms: cached ? restored.ms : now() - t0,
      compiled: index !== undefined,
    });
    const fitted = knowledge.intent?.thresholds;
    const info: SupportBotInfo = {
      name: config.name,
      language: config.language,
      ...(config.greeting !== undefined && { greeting: config.greeting }),
      modelId: spec.id,
      ...(encoder && { device: encoder.device, dtype: encoder.dtype }),
      degraded: encoder === undefined,
      compiled: index !== undefined,
      intents: config.intents.length,
      faq: config.faq.length,
      thresholds: {
        intent: config.thresholds.intent ?? fitted?.confidence ?? 0,
        similarity: config.thresholds.similarity ?? fitted?.similarity ?? spec.faqThreshold,
        faq: config.thresholds.faq ?? spec.faqThreshold,
        ...((config.thresholds.margin ?? fitted?.margin) !== undefined && {
          margin: config.thresholds.margin ?? fitted?.margin,
        }),
      },
      thresholdsFitted: knowledge.intent?.fitted ?? false,
      loadMs: now() - started,
      ...(knowledge.embedding && { embedding: knowledge.embedding }),
    };
    this._loaded = { knowledge, ...(encoder && { encoder }), info };
    loadedParts.set(this, this._loaded);
    return info;
  }

  private _toReply(
    decision: Decision,
    candidates: BotReply['candidates'],
    degraded: boolean,
    timings: BotReply['timings'],
  ): BotReply {
    return botReply(this.config, decision, candidates, degraded, timings);
  }

  private _assertAlive(): void {
    if (this._disposed) {
      throw new SupportBotError(
        ErrorCode.DISPOSED,
        'Failed to reply: the bot was disposed. Please create a new one.',
      );
    }
  }
}

/**
 * Creates a bot and starts loading its model at once. The config is validated synchronously
 * (invalid configs throw here); the model loads in the background: await `bot.ready`, or just
 * call `bot.reply()`, which waits for it.
 *
 * @example
 * const bot = createSupportBot({ config: await (await fetch('/bot.json')).text(), modelBaseUrl: '/models/' });
 * const reply = await bot.reply('I want my money back');
 */
export function createSupportBot(options: SupportBotOptions): SupportBot {
  return new SupportBot(options);
}

/** {@link createSupportBot}, resolved once the bot is ready. */
export async function loadSupportBot(options: SupportBotOptions): Promise<SupportBot> {
  const bot = createSupportBot(options);
  try {
    await bot.ready;
  } catch (error) {
    await bot.dispose();
    throw error;
  }
  return bot;
}

function toIndex(config: SupportBotOptions['config']): BotIndex | undefined {
  // Bytes that are not an index are read as the text of a bot file.
  if ((config instanceof Uint8Array || config instanceof ArrayBuffer) && isBotIndex(config)) {
    return decodeBotIndex(config);
  }
  return undefined;
}

/**
 * The knowledge a bot can have before its model is loaded: from its compiled index, or from an
 * index an earlier load of the same bot file stored in the embedding cache (undefined on a miss).
 * Started alongside the model's load; it first yields a task so the model's requests go out
 * before this takes the thread.
 */
async function restoreKnowledge(
  index: BotIndex | undefined,
  stored: { cache: EmbeddingCache; key: string } | undefined,
  modelId: string,
): Promise<{ knowledge?: BotKnowledge; ms: number }> {
  await new Promise((resolve) => setTimeout(resolve, 0));
  const started = now();
  const knowledge = index
    ? knowledgeFromIndex(index, true)
    : stored
      ? await cachedKnowledge(stored.cache, stored.key, modelId)
      : undefined;
  return { ...(knowledge && { knowledge }), ms: now() - started };
}

/** Knowledge stored by an earlier load of the same bot file, or undefined (a miss or a bad entry). */
async function cachedKnowledge(
  cache: EmbeddingCache,
  key: string,
  modelId: string,
): Promise<BotKnowledge | undefined> {
  try {
    const bytes = await cache.getIndex!(key);
    if (!bytes) return undefined;
    const index = decodeBotIndex(bytes);
    if (index.model.id !== modelId || index.configVersion !== CONFIG_VERSION) return undefined;
    return {
      ...knowledgeFromIndex(index, true),
      embedding: { embedded: 0, cached: index.intent?.examples.labels.length ?? 0, index: true },
    };
  } catch {
    return undefined;
  }
}

function mismatch(why: string): SupportBotError {
  return new SupportBotError(
    ErrorCode.INDEX_MISMATCH,
    `Failed to load the compiled bot index: ${why}. Please rebuild it with \`support-bot build bot.json -o bot.index --model <id>\` for the model you run.`,
  );
}
