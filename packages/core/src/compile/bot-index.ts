import { ErrorCode, SupportBotError } from '../errors.js';
import type { IntentModel } from '../intent/intent-model.js';
import type { BotConfig } from '../types.js';

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

interface Section {
  name: string;
  kind: 'int8rows' | 'float32' | 'int32';
  offset: number;
  length: number;
  rows?: number;
}

/**
 * Serialises an index: `SBIX`, format version (u32 LE), header length (u32 LE), a JSON header,
 * then 4-byte aligned binary sections. Vectors are stored int8 with one float32 scale per row
 * (4x smaller than float32; cosine error below 1e-3 on these models); the head stays float32.
 */
export function encodeBotIndex(index: BotIndex): Uint8Array {
  const blobs: { section: Omit<Section, 'offset'>; bytes: Uint8Array }[] = [];
  const add = (name: string, kind: Section['kind'], bytes: Uint8Array, rows?: number) =>
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
 * Reads an index written by {@link encodeBotIndex}.
 * @throws {SupportBotError} `INDEX_INVALID` when the bytes are not an index, are truncated, or
 *   were written by another format version.
 */
export function decodeBotIndex(bytes: ArrayBuffer | Uint8Array): BotIndex {
  const u8 = bytes instanceof Uint8Array ? bytes : new Uint8Array(bytes);
  const invalid = (why: string) =>
    new SupportBotError(
      ErrorCode.INDEX_INVALID,
      `Failed to read the compiled bot index: ${why}. Please rebuild it with \`support-bot build bot.json -o bot.index\`.`,
    );
  if (!isBotIndex(u8) || u8.byteLength < 12)
    throw invalid('it does not start with the SBIX signature');
  const view = new DataView(u8.buffer, u8.byteOffset, u8.byteLength);
  const version = view.getUint32(4, true);
  if (version !== INDEX_FORMAT_VERSION) {
    throw invalid(
      `it has format version ${version}, this runtime reads version ${INDEX_FORMAT_VERSION}`,
    );
  }
  const headerLength = view.getUint32(8, true);
  if (12 + headerLength > u8.byteLength) throw invalid('the file is truncated');
  let header: {
    configVersion: number;
    model: BotIndex['model'];
    config: BotConfig;
    builtAt: string;
    intent?: {
      ids: string[];
      temperature: number;
      thresholds: IntentModel['thresholds'];
      fitted: boolean;
      classes: number;
      rerankWeight?: number;
      ownedNegatives?: number;
    };
    sections: Section[];
  };
  try {
    header = JSON.parse(new TextDecoder().decode(u8.subarray(12, 12 + headerLength)));
  } catch (cause) {
    throw invalid(`its header is not valid JSON (${(cause as Error).message})`);
  }
  const base = 12 + headerLength;
  const dim = header.model.dimension;
  const section = (name: string) => {
    const s = header.sections.find((x) => x.name === name);
    if (!s) throw invalid(`section ${name} is missing`);
    if (base + s.offset + s.length > u8.byteLength) throw invalid('the file is truncated');
    // Copy (Node's Buffer#slice would return a view of a shared pool) so the typed arrays are
    // aligned and independent of the input buffer.
    return { s, bytes: new Uint8Array(u8.subarray(base + s.offset, base + s.offset + s.length)) };
  };
  const rows = (name: string) => {
    const { s, bytes } = section(name);
    return dequantizeRows(bytes, s.rows ?? 0, dim);
  };
  const int32 = (name: string) => new Int32Array(section(name).bytes.buffer);
  const float32 = (name: string) => new Float32Array(section(name).bytes.buffer);
  const faq = { vectors: rows('faq.vectors'), owners: int32('faq.owners') };
  let intent: IntentModel | undefined;
  if (header.intent) {
    intent = {
      ids: header.intent.ids,
      temperature: header.intent.temperature,
      thresholds: header.intent.thresholds,
      fitted: header.intent.fitted,
      ...(header.intent.rerankWeight && { rerankWeight: header.intent.rerankWeight }),
      ...(header.intent.ownedNegatives && { ownedNegatives: header.intent.ownedNegatives }),
      head: {
        dim,
        classes: header.intent.classes,
        weights: float32('intent.weights'),
        bias: float32('intent.bias'),
      },
      examples: { vectors: rows('intent.examples'), labels: int32('intent.labels') },
      // Off-topic negatives (out-of-scope/); indexes built before them have none.
      ...(header.sections.some((x) => x.name === 'intent.negatives') && {
        negatives: rows('intent.negatives'),
      }),
    };
  }
  return {
    formatVersion: version,
    configVersion: header.configVersion,
    model: header.model,
    config: header.config,
    ...(intent && { intent }),
    faq,
    builtAt: header.builtAt,
  };
}

function align4(n: number): number {
  return (n + 3) & ~3;
}

function bytesOf(array: Float32Array | Int32Array): Uint8Array {
  return new Uint8Array(array.buffer, array.byteOffset, array.byteLength);
}

/** Per row: float32 scale (max |x| / 127), then `dim` int8 values. */
function quantizeRows(vectors: Float32Array, dim: number): Uint8Array {
  const rows = vectors.length / dim;
  const out = new Uint8Array(rows * (4 + dim));
  const view = new DataView(out.buffer);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let d = 0; d < dim; d++) max = Math.max(max, Math.abs(vectors[r * dim + d]!));
    const scale = max > 0 ? max / 127 : 1;
    const at = r * (4 + dim);
    view.setFloat32(at, scale, true);
    for (let d = 0; d < dim; d++)
      view.setInt8(at + 4 + d, Math.round(vectors[r * dim + d]! / scale));
  }
  return out;
}

/** Inverse of {@link quantizeRows}, re-normalised to unit length. */
function dequantizeRows(bytes: Uint8Array, rows: number, dim: number): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    const at = r * (4 + dim);
    const scale = view.getFloat32(at, true);
    let norm = 0;
    for (let d = 0; d < dim; d++) {
      const v = view.getInt8(at + 4 + d) * scale;
      out[r * dim + d] = v;
      norm += v * v;
    }
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dim; d++) out[r * dim + d]! *= inv;
  }
  return out;
}
