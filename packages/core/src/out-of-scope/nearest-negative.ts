/**
 * Highest cosine between a unit-length query and the off-topic examples a bot keeps (background
 * questions near its intents, plus the owner's `outOfScope` list): `-1` when there are none.
 */
export function nearestNegative(
  negatives: Float32Array | undefined,
  query: Float32Array,
  offset: number,
  dim: number,
  skip?: (row: number) => boolean,
  fromRow = 0,
): number {
  let best = -1;
  if (!negatives) return best;
  const rows = negatives.length / dim;
  for (let r = fromRow; r < rows; r++) {
    if (skip?.(r)) continue;
    let sum = 0;
    const base = r * dim;
    for (let d = 0; d < dim; d++) sum += query[offset + d]! * negatives[base + d]!;
    if (sum > best) best = sum;
  }
  return best;
}
