import { ErrorCode, SupportBotError } from '../errors.js';
import { dequantizeRows, int8RowBytes } from './int8-rows.js';

/** How a section's bytes are laid out. */
export type SectionKind = 'int8rows' | 'float32' | 'int32';

/** One entry of the index header's section table. */
export interface Section {
  name: string;
  kind: SectionKind;
  /** Byte offset from the end of the header, 4-byte aligned. */
  offset: number;
  length: number;
  /** Row count, for `int8rows`. */
  rows?: number;
}

/**
 * Every section this runtime knows and its layout. A new section is one line here, one
 * `add(...)` in `encodeBotIndex` and one read (with its checks) in `decodeBotIndex`.
 */
export const SECTION_KINDS = {
  'faq.vectors': 'int8rows',
  'faq.owners': 'int32',
  'intent.examples': 'int8rows',
  'intent.labels': 'int32',
  'intent.weights': 'float32',
  'intent.bias': 'float32',
  'intent.negatives': 'int8rows',
} as const satisfies Record<string, SectionKind>;

export type SectionName = keyof typeof SECTION_KINDS;

/** The `INDEX_INVALID` error for a compiled index, saying what was wrong. */
export function indexInvalid(why: string, issues?: SupportBotError['issues']): SupportBotError {
  return new SupportBotError(
    ErrorCode.INDEX_INVALID,
    `Failed to read the compiled bot index: ${why}. Please rebuild it with \`support-bot build bot.json -o bot.index\`.`,
    issues ? { issues: [...issues] } : {},
  );
}

/**
 * The binary sections of an index, checked against the section table before anything is read:
 * known names, each once, the right kind, 4-byte aligned, inside the file. Each read checks
 * the section's size (and values) against what the caller expects from the header and config.
 */
export class IndexSections {
  private readonly _table = new Map<string, Section>();

  constructor(
    private readonly _bytes: Uint8Array,
    private readonly _base: number,
    table: unknown,
  ) {
    if (!Array.isArray(table)) throw indexInvalid('its header has no section table');
    const available = _bytes.byteLength - _base;
    table.forEach((entry: unknown, i) => {
      const s = entry as Partial<Section> | null;
      const where = `section ${i}${typeof s?.name === 'string' ? ` (${s.name})` : ''}`;
      if (typeof s !== 'object' || s === null) throw indexInvalid(`${where} is not an object`);
      const name = s.name;
      if (typeof name !== 'string' || !Object.hasOwn(SECTION_KINDS, name))
        throw indexInvalid(`${where} has an unknown name`);
      if (this._table.has(name)) throw indexInvalid(`section ${name} appears twice`);
      const kind = SECTION_KINDS[name as SectionName];
      if (s.kind !== kind) throw indexInvalid(`section ${name} must be ${kind}, not ${s.kind}`);
      if (!isCount(s.offset) || !isCount(s.length) || s.offset % 4 !== 0)
        throw indexInvalid(`section ${name} has an invalid offset or length`);
      if (s.offset + s.length > available)
        throw indexInvalid(`the file is truncated (section ${name} ends past the end)`);
      if (kind === 'int8rows' && !isCount(s.rows))
        throw indexInvalid(`section ${name} has no row count`);
      this._table.set(name, s as Section);
    });
  }

  has(name: SectionName): boolean {
    return this._table.has(name);
  }

  /** The row count the table gives for an `int8rows` section. */
  rowCount(name: SectionName): number {
    return this._section(name).rows ?? 0;
  }

  /** Unit-length vectors, `rows` x `dim`. */
  rows(name: SectionName, dim: number, rows: number): Float32Array {
    const s = this._section(name);
    if (s.rows !== rows) throw indexInvalid(`section ${name} has ${s.rows} rows, expected ${rows}`);
    this._expectLength(s, rows * int8RowBytes(dim));
    const out = dequantizeRows(this._slice(s), rows, dim);
    if (!(out instanceof Float32Array))
      throw indexInvalid(`section ${name} row ${out.badRow} has an invalid scale`);
    return out;
  }

  /** Integers, each in `[0, below)`. */
  int32(name: SectionName, count: number, below: number): Int32Array {
    const s = this._section(name);
    this._expectLength(s, count * 4);
    const out = new Int32Array(this._slice(s).buffer);
    const bad = out.findIndex((v) => v < 0 || v >= below);
    if (bad !== -1)
      throw indexInvalid(`section ${name} value ${bad} is ${out[bad]}, outside 0..${below - 1}`);
    return out;
  }

  /** Finite floats. */
  float32(name: SectionName, count: number): Float32Array {
    const s = this._section(name);
    this._expectLength(s, count * 4);
    const out = new Float32Array(this._slice(s).buffer);
    const bad = out.findIndex((v) => !Number.isFinite(v));
    if (bad !== -1) throw indexInvalid(`section ${name} value ${bad} is not a finite number`);
    return out;
  }

  private _section(name: SectionName): Section {
    const s = this._table.get(name);
    if (!s) throw indexInvalid(`section ${name} is missing`);
    return s;
  }

  private _expectLength(s: Section, length: number): void {
    if (s.length !== length)
      throw indexInvalid(`section ${s.name} is ${s.length} bytes, expected ${length}`);
  }

  /**
   * A copy (Node's Buffer#slice would return a view of a shared pool) so the typed arrays are
   * aligned and independent of the input buffer.
   */
  private _slice(s: Section): Uint8Array {
    const start = this._base + s.offset;
    return new Uint8Array(this._bytes.subarray(start, start + s.length));
  }
}

function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}
