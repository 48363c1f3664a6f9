/**
 * Reciprocal rank fusion (Cormack et al. 2009): each list adds `1 / (k + rank)` per item.
 * Rank-based, so a cosine and a BM25 score need no common scale. `k` = 60 as in the paper.
 */
export function reciprocalRankFusion(
  lists: readonly (readonly number[])[],
  k = 60,
): Map<number, number> {
  const fused = new Map<number, number>();
  for (const list of lists) {
    for (const [rank, item] of list.entries())
      fused.set(item, (fused.get(item) ?? 0) + 1 / (k + rank + 1));
  }
  return fused;
}
