/**
 * Pools a `[batch, tokens, dim]` hidden state into unit-length sentence vectors, written into
 * `out` at row offset `firstRow`.
 */
export function poolAndNormalize(
  hidden: Float32Array,
  mask: ArrayLike<bigint | number>,
  batch: number,
  tokens: number,
  dim: number,
  pooling: 'mean' | 'cls',
  out: Float32Array,
  rows: readonly number[],
): void {
  for (let b = 0; b < batch; b++) {
    const target = rows[b]! * dim;
    const base = b * tokens * dim;
    if (pooling === 'cls') {
      for (let d = 0; d < dim; d++) out[target + d] = hidden[base + d]!;
    } else {
      let count = 0;
      for (let t = 0; t < tokens; t++) {
        if (Number(mask[b * tokens + t]) === 0) continue;
        count++;
        const offset = base + t * dim;
        for (let d = 0; d < dim; d++) out[target + d]! += hidden[offset + d]!;
      }
      const inv = count > 0 ? 1 / count : 0;
      for (let d = 0; d < dim; d++) out[target + d]! *= inv;
    }
    let norm = 0;
    for (let d = 0; d < dim; d++) norm += out[target + d]! ** 2;
    const inv = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    for (let d = 0; d < dim; d++) out[target + d]! *= inv;
  }
}
