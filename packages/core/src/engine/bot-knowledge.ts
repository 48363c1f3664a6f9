import type { BotIndex } from '../compile/bot-index.js';
import { INDEX_FORMAT_VERSION } from '../compile/bot-index.js';
import type { Encoder } from '../encoder/create-encoder.js';
import { getModelSpec } from '../encoder/model-table.js';
import {
  type IntentModel,
  type TrainIntentOptions,
  trainIntentModel,
} from '../intent/intent-model.js';
import { throwIfAborted } from '../internal/abort.js';
import { negativeTexts } from '../out-of-scope/select-negatives.js';
import { FaqRetriever, faqPhrasings } from '../retrieval/faq-retriever.js';
import { LexicalIndex } from '../retrieval/lexical-index.js';
import { type BotConfig, CONFIG_VERSION } from '../types.js';
import {
  type EmbeddingCache,
  type EmbeddingCacheStats,
  embeddingScope,
  embedWithCache,
} from './embedding-cache.js';

/** What a loaded bot knows: the trained head, the FAQ index and lexical fallbacks. */
export interface BotKnowledge {
  config: BotConfig;
  intent?: IntentModel;
  faq: FaqRetriever;
  /** Lexical index over intent examples, for degraded (model-less) matching. */
  intentLexical: LexicalIndex;
  /** The vectors, kept so a compiled index can be written from a raw config. */
  faqVectors?: { vectors: Float32Array; owners: Int32Array };
  /** How many texts were embedded at load and how many came from the embedding cache. */
  embedding?: EmbeddingCacheStats;
}

/**
 * Embeds every example and FAQ phrasing in one batched call and trains the intent head. With no
 * encoder (model failed to load), builds the lexical side only. With an `embeddingCache`, reads
 * the vectors it has and embeds only the texts it lacks (see {@link embedWithCache}).
 */
export async function buildKnowledge(
  config: BotConfig,
  encoder: Encoder | undefined,
  options: TrainIntentOptions & {
    signal?: AbortSignal;
    onProgress?: (done: number, total: number) => void;
    embeddingCache?: EmbeddingCache;
  } = {},
): Promise<BotKnowledge> {
  const intentLexical = intentLexicalIndex(config);
  if (!encoder)
    return { config, faq: new FaqRetriever(config.faq, config.language), intentLexical };
  const examples = config.intents.flatMap((intent, k) =>
    trainingTexts(intent, options.learnFromLabels ?? true).map((text) => ({ text, k })),
  );
  const phrasings = faqPhrasings(config.faq);
  const negatives = negativeTexts(
    config.language,
    config.outOfScope,
    examples.map((e) => e.text),
    options.background ?? true,
  );
  const texts = [...examples.map((e) => e.text), ...phrasings.texts];
  const all = [...texts, ...negatives.texts];
  const embedOptions = {
    ...(options.signal && { signal: options.signal }),
    ...(options.onProgress && { onProgress: options.onProgress }),
  };
  const cache = options.embeddingCache;
  const embedded = cache
    ? await embedWithCache(
        encoder,
        all,
        cache,
        embeddingScope(encoder.model, encoder.dtype, INDEX_FORMAT_VERSION),
        embedOptions,
      )
    : await encoder.embed(all, embedOptions);
  throwIfAborted(options.signal);
  const embedding: EmbeddingCacheStats =
    'stats' in embedded ? embedded.stats : { embedded: all.length, cached: 0 };
  const dim = embedded.dimension;
  const exampleVectors = embedded.data.slice(0, examples.length * dim);
  const faqVectors = {
    vectors: embedded.data.slice(examples.length * dim, texts.length * dim),
    owners: phrasings.owners,
  };
  const negativeVectors = {
    vectors: embedded.data.slice(texts.length * dim),
    groups: negatives.groups,
    owned: negatives.owned,
  };
  const intent =
    config.intents.length > 0
      ? trainIntentModel(
          exampleVectors,
          Int32Array.from(examples, (e) => e.k),
          config.intents.map((i) => i.id),
          dim,
          {
            ...options,
            defaultSimilarity:
              options.defaultSimilarity ?? getModelSpec(encoder.model.id).faqThreshold,
          },
          negativeVectors,
        )
      : undefined;
  return {
    config,
    ...(intent && { intent }),
    faq: new FaqRetriever(config.faq, config.language, { ...faqVectors, dimension: dim }),
    intentLexical,
    faqVectors,
    embedding,
  };
}

/** An intent's examples, plus its label when it says something the examples do not. */
function trainingTexts(intent: BotConfig['intents'][number], withLabel: boolean): string[] {
  const label = intent.label?.trim();
  if (!withLabel || !label) return intent.examples;
  const key = label.toLowerCase();
  return intent.examples.some((e) => e.trim().toLowerCase() === key)
    ? intent.examples
    : [...intent.examples, label];
}

/** Rebuilds knowledge from a compiled index (no embedding, no training). */
export function knowledgeFromIndex(index: BotIndex, withVectors: boolean): BotKnowledge {
  const { config } = index;
  return {
    config,
    ...(withVectors && index.intent && { intent: index.intent }),
    faq: new FaqRetriever(
      config.faq,
      config.language,
      withVectors ? { ...index.faq, dimension: index.model.dimension } : undefined,
    ),
    intentLexical: intentLexicalIndex(config),
    faqVectors: index.faq,
  };
}

/** Packs knowledge built from a raw config into a {@link BotIndex}. */
export function knowledgeToIndex(knowledge: BotKnowledge, encoder: Encoder): BotIndex {
  return {
    formatVersion: INDEX_FORMAT_VERSION,
    configVersion: CONFIG_VERSION,
    model: { id: encoder.model.id, dimension: encoder.model.dimension, dtype: encoder.dtype },
    config: knowledge.config,
    ...(knowledge.intent && { intent: knowledge.intent }),
    faq: knowledge.faqVectors ?? { vectors: new Float32Array(), owners: new Int32Array() },
    builtAt: new Date().toISOString(),
  };
}

function intentLexicalIndex(config: BotConfig): LexicalIndex {
  return new LexicalIndex(
    config.intents.flatMap((intent, owner) => intent.examples.map((text) => ({ owner, text }))),
    config.language,
  );
}
