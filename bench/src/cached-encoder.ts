import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import {
  concatEncoders,
  createEncoder,
  type Embeddings,
  type EmbedOptions,
  type Encoder,
  getModelSpec,
} from '@support-bot/core';
import { MODELS_DIR, REPO } from './datasets.js';

const CACHE_DIR = path.join(REPO, 'bench', '.cache');

/**
 * The real encoder with a disk cache of embeddings, so repeated benchmark runs (5 seeds x 3
 * models) embed each text once. Everything after embedding — training, calibration, replies —
 * runs the product's code. Speed is measured separately with the uncached encoder.
 */
export class CachedEncoder implements Encoder {
  private readonly _cache = new Map<string, Float32Array>();
  private _dirty = false;

  private constructor(private readonly _inner: Encoder) {
    const file = this._file();
    if (existsSync(file)) {
      const { texts } = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { texts: string[] };
      const bytes = readFileSync(file);
      const all = new Float32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength / 4);
      const dim = _inner.model.dimension;
      texts.forEach((t, i) => {
        this._cache.set(t, all.slice(i * dim, (i + 1) * dim));
      });
    }
  }

  static async create(model: string): Promise<CachedEncoder> {
    const spec = getModelSpec(model);
    if (spec.parts) {
      // A joined model embeds through its parts' caches (same vectors the product would join).
      const parts: CachedEncoder[] = [];
      for (const part of spec.parts) parts.push(await CachedEncoder.create(part));
      const joined = new CachedEncoder(concatEncoders(spec, parts));
      joined._parts = parts;
      return joined;
    }
    return new CachedEncoder(await createEncoder({ model, modelBaseUrl: MODELS_DIR }));
  }

  private _parts: CachedEncoder[] = [];

  get model() {
    return this._inner.model;
  }
  get device() {
    return this._inner.device;
  }
  get dtype() {
    return this._inner.dtype;
  }
  get loadMs() {
    return this._inner.loadMs;
  }
  get inner(): Encoder {
    return this._inner;
  }

  async embed(texts: readonly string[], options: EmbedOptions = {}): Promise<Embeddings> {
    const dim = this._inner.model.dimension;
    const missing = [...new Set(texts.filter((t) => !this._cache.has(t)))];
    let tokenizeMs = 0;
    let inferenceMs = 0;
    if (missing.length > 0) {
      const fresh = await this._inner.embed(missing, options);
      tokenizeMs = fresh.tokenizeMs;
      inferenceMs = fresh.inferenceMs;
      missing.forEach((t, i) => {
        this._cache.set(t, fresh.data.slice(i * dim, (i + 1) * dim));
      });
      this._dirty = true;
    }
    const data = new Float32Array(texts.length * dim);
    texts.forEach((t, i) => {
      data.set(this._cache.get(t)!, i * dim);
    });
    return { data, count: texts.length, dimension: dim, tokenizeMs, inferenceMs };
  }

  /** Writes new embeddings to disk. */
  save(): void {
    for (const part of this._parts) part.save();
    if (!this._dirty) return;
    mkdirSync(CACHE_DIR, { recursive: true });
    const texts = [...this._cache.keys()];
    const dim = this._inner.model.dimension;
    const all = new Float32Array(texts.length * dim);
    texts.forEach((t, i) => {
      all.set(this._cache.get(t)!, i * dim);
    });
    writeFileSync(this._file(), new Uint8Array(all.buffer));
    writeFileSync(`${this._file()}.json`, JSON.stringify({ texts }));
    this._dirty = false;
  }

  async dispose(): Promise<void> {
    this.save();
    await this._inner.dispose();
  }

  private _file(): string {
    const key = createHash('sha1')
      .update(`${this._inner.model.id}|${this._inner.dtype}`)
      .digest('hex')
      .slice(0, 12);
    return path.join(CACHE_DIR, `${this._inner.model.id.replace('/', '_')}-${key}.f32`);
  }
}
