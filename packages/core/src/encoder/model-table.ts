import { primaryLanguage } from '../config/default-strings.js';
import { didYouMean } from '../config/did-you-mean.js';
import { ErrorCode, SupportBotError } from '../errors.js';

/** What the runtime must know about an encoder model to embed text correctly. */
export interface ModelSpec {
  /** Hugging Face id, also the folder under the model base URL, e.g. `Xenova/all-MiniLM-L6-v2`. */
  readonly id: string;
  /** Embedding size. */
  readonly dimension: number;
  /** How token vectors become one sentence vector. */
  readonly pooling: 'mean' | 'cls';
  /** Text the model expects before every input (e5: `query: `). */
  readonly prefix: string;
  /** Token window; longer inputs are truncated. */
  readonly maxTokens: number;
  /** Primary languages the model is good at. */
  readonly languages: readonly string[];
  /**
   * Default minimum cosine similarity for an FAQ answer with this model: the threshold with the
   * best balanced accuracy (answered right vs. "no match" recognised) on covid-vaccine-faq
   * (`pnpm bench --only faq`). Overridable per bot with `thresholds.faq`.
   */
  readonly faqThreshold: number;
  /**
   * For a joined model: the models whose embeddings are concatenated (see `concatEncoders`).
   * Each part is a folder under the model base URL; the joined id is not.
   */
  readonly parts?: readonly string[];
}

/** The supported encoders (quantized ONNX, transformers.js layout). */
export const MODELS = Object.freeze({
  'Xenova/all-MiniLM-L6-v2': {
    id: 'Xenova/all-MiniLM-L6-v2',
    dimension: 384,
    pooling: 'mean',
    prefix: '',
    maxTokens: 256,
    languages: ['en'],
    faqThreshold: 0.65,
  },
  'Xenova/bge-small-en-v1.5': {
    id: 'Xenova/bge-small-en-v1.5',
    dimension: 384,
    pooling: 'cls',
    prefix: '',
    maxTokens: 512,
    languages: ['en'],
    faqThreshold: 0.77,
  },
  'Xenova/e5-small-v2': {
    id: 'Xenova/e5-small-v2',
    dimension: 384,
    pooling: 'mean',
    prefix: 'query: ',
    maxTokens: 512,
    languages: ['en'],
    faqThreshold: 0.92,
  },
  // MiniLM and bge-small joined: the most accurate English choice on BANKING77 (see the
  // README's benchmark), at the cost of two model downloads (2 x ~23-34 MB) and about twice the
  // time per message.
  'all-MiniLM-L6-v2+bge-small-en-v1.5': {
    id: 'all-MiniLM-L6-v2+bge-small-en-v1.5',
    dimension: 768,
    pooling: 'mean',
    prefix: '',
    maxTokens: 256,
    languages: ['en'],
    faqThreshold: 0.71,
    parts: ['Xenova/all-MiniLM-L6-v2', 'Xenova/bge-small-en-v1.5'],
  },
  'Xenova/bge-small-zh-v1.5': {
    id: 'Xenova/bge-small-zh-v1.5',
    dimension: 512,
    pooling: 'cls',
    prefix: '',
    maxTokens: 512,
    languages: ['zh'],
    faqThreshold: 0.6,
  },
} as const satisfies Record<string, ModelSpec>);

export type ModelId = keyof typeof MODELS;

const DEFAULT_BY_LANGUAGE: Record<string, ModelId> = {
  en: 'Xenova/all-MiniLM-L6-v2',
  zh: 'Xenova/bge-small-zh-v1.5',
};

/** The default model for a bot language (`zh*` -> bge-small-zh, everything else -> English). */
export function defaultModelFor(language: string): ModelId {
  return DEFAULT_BY_LANGUAGE[primaryLanguage(language)] ?? DEFAULT_BY_LANGUAGE.en!;
}

/** Looks a model up in {@link MODELS}; unknown ids throw `MODEL_UNKNOWN` with a suggestion. */
export function getModelSpec(id: string): ModelSpec {
  const spec = (MODELS as Record<string, ModelSpec>)[id];
  if (spec) return spec;
  const hint = didYouMean(id, Object.keys(MODELS));
  throw new SupportBotError(
    ErrorCode.MODEL_UNKNOWN,
    `Failed to select model "${id}": it is not a supported encoder${hint ? ` (did you mean "${hint}"?)` : ''}. Please use one of ${Object.keys(MODELS).join(', ')}.`,
  );
}
