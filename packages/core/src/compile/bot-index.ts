import { parseBotConfig } from '../config/parse-bot-config.js';
import { isSupportBotError } from '../errors.js';
import type { IntentModel } from '../intent/intent-model.js';
import { faqPhrasings } from '../retrieval/faq-retriever.js';
import type { BotConfig } from '../types.js';
import {
  IndexSections,
  indexInvalid,
  type Section,
  type SectionKind,
  type SectionName,
} from './index-sections.js';
import { quantizeRows } from './int8-rows.js';

/** Version of the binary index layout; bump on any incompatible change. */
export const INDEX_FORMAT_VERSION = 1;
const MAGIC = 'SBIX';

/** Everything a bot needs at run time, precomputed: no example is embedded in the browser. */
export interface BotIndex {
  formatVersion: number;
  /** Bot file format version the index was built from. */
  configVersion: number;
  model: { id: string; dimension: number; dtype: string };
  config: BotConfig;
  intent?: IntentModel;
  /** FAQ phrasing vectors (unit length, row-major) and the FAQ entry each belongs to. */
  faq: { vectors: Float32Array; owners: Int32Array };
  builtAt: string;
}

/**
 * Serialises an index: `SBIX`, format version (u32 LE), header length (u32 LE), a JSON header,
 * then 4-byte aligned binary sections. Vectors are stored int8 with one float32 scale per row
 * (4x smaller than float32; cosine error below 1e-3 on these models); the head stays float32.
 */
export function encodeBotIndex(index: BotIndex): Uint8Array {
  const blobs: { section: Omit<Section, 'offset'>; bytes: Uint8Array }[] = [];
  const add = (name: SectionName, kind: SectionKind, bytes: Uint8Array, rows?: number) =>
    blobs.push({
      section: { name, kind, length: bytes.byteLength, ...(rows !== undefined && { rows }) },
      bytes,
    });
  const dim = index.model.dimension;
  add(
    'faq.vectors',
    'int8rows',
    quantizeRows(index.faq.vectors, dim),
    index.faq.vectors.length / dim,
  );
  add('faq.owners', 'int32', bytesOf(index.faq.owners));
  const intent = index.intent;
  if (intent) {
    add(
      'intent.examples',
      'int8rows',
      quantizeRows(intent.examples.vectors, dim),
      intent.examples.labels.length,
    );
    add('intent.labels', 'int32', bytesOf(intent.examples.labels));
    add('intent.weights', 'float32', bytesOf(intent.head.weights));
    add('intent.bias', 'float32', bytesOf(intent.head.bias));
    const negatives = intent.negatives;
    if (negatives)
      add('intent.negatives', 'int8rows', quantizeRows(negatives, dim), negatives.length / dim);
  }
  let offset = 0;
  const sections: Section[] = blobs.map(({ section }) => {
    const placed = { ...section, offset };
    offset += align4(section.length);
    return placed;
  });
  const header = {
    configVersion: index.configVersion,
    model: index.model,
    config: index.config,
    builtAt: index.builtAt,
    intent: intent && {
      ids: intent.ids,
      temperature: intent.temperature,
      thresholds: intent.thresholds,
      fitted: intent.fitted,
      classes: intent.head.classes,
      ...(intent.rerankWeight && { rerankWeight: intent.rerankWeight }),
      ...(intent.ownedNegatives && { ownedNegatives: intent.ownedNegatives }),
      ...(intent.offTopicConfidence && { offTopicConfidence: intent.offTopicConfidence }),
      ...(intent.offTopicCapScale && { offTopicCapScale: intent.offTopicCapScale }),
    },
    sections,
  };
  const headerBytes = new TextEncoder().encode(JSON.stringify(header));
  const headerLength = align4(headerBytes.byteLength);
  const out = new Uint8Array(12 + headerLength + offset);
  out.set(new TextEncoder().encode(MAGIC), 0);
  const view = new DataView(out.buffer);
  view.setUint32(4, INDEX_FORMAT_VERSION, true);
  view.setUint32(8, headerLength, true);
  out.fill(0x20, 12, 12 + headerLength);
  out.set(headerBytes, 12);
  blobs.forEach(({ bytes }, i) => {
    out.set(bytes, 12 + headerLength + sections[i]!.offset);
  });
  return out;
}

/** True when `bytes` start like a compiled index (so callers can accept either format). */
export function isBotIndex(bytes: ArrayBuffer | Uint8Array): boolean {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  return u8.byteLength >= 4 && new TextDecoder().decode(u8.subarray(0, 4)) === MAGIC;
}

/**
 * Reads an index written by {@link encodeBotIndex}, checking all of it before use: signature,
 * format version, header, every section's kind, size and values, the class and FAQ counts
 * against the embedded bot config, and that config through the same validation as a bot file.
 * @throws {SupportBotError} `INDEX_INVALID` saying what was wrong (never a TypeError or
 *   RangeError), e.g. for bytes that are not an index, a truncated or edited file, or another
 *   format version.
 */
export function decodeBotIndex(bytes: ArrayBuffer | Uint8Array): BotIndex {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  if (!isBotIndex(u8) || u8.byteLength < 12)
    throw indexInvalid('it does not start with the SBIX signature');
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const version = view.getUint32(4, true);
  if (version !== INDEX_FORMAT_VERSION) {
    throw indexInvalid(
      `it has format version ${version}, this runtime reads version ${INDEX_FORMAT_VERSION}`,
    );
  }
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > u8.byteLength) throw indexInvalid('the file is truncated');
  const header = readHeader(u8.subarray(12, 12 + headerLength));
  const sections = new IndexSections(u8, 12 + headerLength, header.sections);
  const model = readModel(header.model);
  const config = readConfig(header.config);
  if (!Number.isSafeInteger(header.configVersion))
    throw indexInvalid('its header has no bot file version (configVersion)');
  if (typeof header.builtAt !== 'string') throw indexInvalid('its header has no build time');
  const dim = model.dimension;

  const phrasings = faqPhrasings(config.faq).owners;
  const owners = sections.int32('faq.owners', phrasings.length, Math.max(config.faq.length, 1));
  if (owners.some((owner, i) => owner !== phrasings[i]))
    throw indexInvalid("section faq.owners does not match the config's FAQ entries");
  const faq = { vectors: sections.rows('faq.vectors', dim, phrasings.length), owners };

  const hasIntents = config.intents.length > 0;
  if (hasIntents !== (header.intent !== undefined)) {
    throw indexInvalid(
      hasIntents
        ? 'its config has intents but it has no intent head'
        : 'it has an intent head but its config has no intents',
    );
  }
  const intent =
    header.intent === undefined ? undefined : readIntent(header.intent, config, dim, sections);
  return {
    formatVersion: version,
    configVersion: header.configVersion as number,
    model,
    config,
    ...(intent && { intent }),
    faq,
    builtAt: header.builtAt,
  };
}

interface RawHeader {
  configVersion?: unknown;
  model?: unknown;
  config?: unknown;
  builtAt?: unknown;
  intent?: unknown;
  sections?: unknown;
}

function readHeader(bytes: Uint8Array): RawHeader {
  let header: unknown;
  try {
    header = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch (cause) {
    throw indexInvalid(`its header is not valid JSON (${(cause as Error).message})`);
  }
  if (typeof header !== 'object' || header === null || Array.isArray(header))
    throw indexInvalid('its header is not a JSON object');
  return header as RawHeader;
}

function readModel(raw: unknown): BotIndex['model'] {
  const model = raw as Partial<BotIndex['model']> | null | undefined;
  if (typeof model?.id !== 'string' || model.id === '')
    throw indexInvalid('its header names no model');
  // Whether the runtime's model matches is checked when the bot loads (INDEX_MISMATCH).
  const dimension = model.dimension;
  if (!Number.isSafeInteger(dimension) || (dimension as number) < 1 || (dimension as number) > 8192)
    throw indexInvalid(`its model dimension is not valid (${JSON.stringify(dimension)})`);
  if (typeof model.dtype !== 'string') throw indexInvalid('its header has no model dtype');
  return { id: model.id, dimension: dimension as number, dtype: model.dtype };
}

/** The embedded config, through the same validation as a bot file. */
function readConfig(raw: unknown): BotConfig {
  // A string would be parsed as the text of a bot file; the index stores the parsed object.
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw indexInvalid(
      `its bot config is not an object (got ${raw === null ? 'null' : Array.isArray(raw) ? 'an array' : `a ${typeof raw}`})`,
    );
  try {
    return parseBotConfig(raw, { source: 'the index' });
  } catch (error) {
    if (!isSupportBotError(error)) throw error;
    const problems = error.issues.slice(0, 3).map((i) => `${i.path || '(root)'}: ${i.message}`);
    const more = error.issues.length - problems.length;
    throw indexInvalid(
      `its bot config is invalid (${problems.join('; ')}${more > 0 ? `; and ${more} more` : ''})`,
      error.issues,
    );
  }
}

function readIntent(
  raw: unknown,
  config: BotConfig,
  dim: number,
  sections: IndexSections,
): IntentModel {
  const h = raw as {
    ids?: unknown;
    temperature?: unknown;
    thresholds?: { confidence?: unknown; similarity?: unknown };
    fitted?: unknown;
    classes?: unknown;
    rerankWeight?: unknown;
    ownedNegatives?: unknown;
    offTopicConfidence?: unknown;
    offTopicCapScale?: unknown;
  } | null;
  if (typeof h !== 'object' || h === null) throw indexInvalid('its intent header is not an object');
  const ids = config.intents.map((i) => i.id);
  // One class per intent, plus the off-topic class when the build had negatives (out-of-scope/).
  const hasNegatives = sections.has('intent.negatives');
  if (h.classes !== ids.length && !(hasNegatives && h.classes === ids.length + 1)) {
    throw indexInvalid(
      `its intent head has ${JSON.stringify(h.classes)} classes, the config has ${ids.length} intents`,
    );
  }
  if (!Array.isArray(h.ids) || h.ids.length !== ids.length || h.ids.some((id, k) => id !== ids[k]))
    throw indexInvalid("its intent ids do not match the config's intents");
  const finite = (value: unknown, what: string, min = Number.NEGATIVE_INFINITY): number => {
    if (typeof value !== 'number' || !Number.isFinite(value) || value < min)
      throw indexInvalid(`its intent ${what} is not a valid number (${JSON.stringify(value)})`);
    return value;
  };
  const temperature = finite(h.temperature, 'temperature', Number.MIN_VALUE);
  const margin = (h.thresholds as { margin?: unknown } | undefined)?.margin;
  const thresholds = {
    confidence: finite(h.thresholds?.confidence, 'confidence threshold'),
    similarity: finite(h.thresholds?.similarity, 'similarity threshold'),
    ...(margin !== undefined && { margin: finite(margin, 'margin threshold') }),
  };
  if (typeof h.fitted !== 'boolean') throw indexInvalid('its intent header has no "fitted" flag');
  const rerankWeight =
    h.rerankWeight === undefined ? undefined : finite(h.rerankWeight, 'rerank weight', 0);
  const classes = h.classes as number;
  // One row per example, plus one per intent label when the build learned from labels.
  const examples = config.intents.reduce((n, i) => n + i.examples.length, 0);
  const labelled = config.intents.filter((i) => i.label !== undefined).length;
  const exampleCount = sections.rowCount('intent.examples');
  if (exampleCount < examples || exampleCount > examples + labelled) {
    throw indexInvalid(
      `section intent.examples has ${exampleCount} rows, the config has ${examples} examples`,
    );
  }
  const negativeRows = hasNegatives ? sections.rowCount('intent.negatives') : 0;
  const owned = h.ownedNegatives;
  if (
    owned !== undefined &&
    (typeof owned !== 'number' ||
      !Number.isInteger(owned) ||
      owned < 0 ||
      owned > negativeRows ||
      owned > (config.outOfScope?.length ?? 0))
  ) {
    throw indexInvalid(
      `its intent header counts ${JSON.stringify(owned)} owner-written negatives, but it has ${negativeRows} negatives and the config ${config.outOfScope?.length ?? 0} outOfScope lines`,
    );
  }
  // Absent in indexes built before it existed: one softmax over intents and off-topic.
  const mode = h.offTopicConfidence;
  if (mode !== undefined && ((mode !== 'intents' && mode !== 'min') || classes !== ids.length + 1))
    throw indexInvalid(
      `its intent header has an unknown off-topic confidence ${JSON.stringify(mode)}`,
    );
  // Absent in indexes built before it existed (and for bots the cap is not scaled on): 1.
  const capScale = h.offTopicCapScale;
  if (
    capScale !== undefined &&
    (mode !== 'min' || typeof capScale !== 'number' || !Number.isFinite(capScale) || capScale < 1)
  )
    throw indexInvalid(
      `its intent header has an invalid off-topic cap scale ${JSON.stringify(capScale)}`,
    );
  return {
    ids,
    temperature,
    thresholds,
    fitted: h.fitted,
    ...(rerankWeight && { rerankWeight }),
    ...(owned && { ownedNegatives: owned }),
    ...(mode !== undefined && { offTopicConfidence: mode }),
    ...(capScale !== undefined && { offTopicCapScale: capScale }),
    head: {
      dim,
      classes,
      weights: sections.float32('intent.weights', classes * dim),
      bias: sections.float32('intent.bias', classes),
    },
    examples: {
      vectors: sections.rows('intent.examples', dim, exampleCount),
      labels: sections.int32('intent.labels', exampleCount, ids.length),
    },
    // Off-topic negatives (out-of-scope/); indexes built before them have none.
    ...(hasNegatives && { negatives: sections.rows('intent.negatives', dim, negativeRows) }),
  };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function bytesOf(array: Float32Array | Int32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}
