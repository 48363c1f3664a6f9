/** Bytes per stored row: a float32 scale, then `dim` int8 values. */
export function int8RowBytes(dim: number): number {
  return 4 + dim;
}

/** Per row: float32 scale (max |x| / 127), then `dim` int8 values. */
export function quantizeRows(vectors: Float32Array, dim: number): Uint8Array {
  const rows = vectors.length / dim;
  const out = new Uint8Array(rows * int8RowBytes(dim));
  const view = new DataView(out.buffer);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let d = 0; d < dim; d++) max = Math.max(max, Math.abs(vectors[r * dim + d]!));
    const scale = max > 0 ? max / 127 : 1;
    const at = r * int8RowBytes(dim);
    view.setFloat32(at, scale, true);
    for (let d = 0; d < dim; d++)
      view.setInt8(at + 4 + d, Math.round(vectors[r * dim + d]! / scale));
  }
  return out;
}

/**
 * Inverse of {@link quantizeRows}, re-normalised to unit length. Returns the index of the first
 * row whose scale is not a finite positive number instead, so a corrupt file cannot put NaN into
 * every similarity.
 */
export function dequantizeRows(
  bytes: Uint8Array,
  rows: number,
  dim: number,
): Float32Array | { badRow: number } {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(rows * dim);
  for (let r = 0; r < rows; r++) {
    const at = r * int8RowBytes(dim);
    const scale = view.getFloat32(at, true);
    if (!(Number.isFinite(scale) && scale > 0)) return { badRow: r };
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
