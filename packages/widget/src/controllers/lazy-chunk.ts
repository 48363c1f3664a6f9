/**
 * A lazily imported chunk, fetched once on first use and shared by every caller; a failed fetch
 * (offline, a deploy in between) is forgotten so the next call tries again.
 *
 * @example
 * const loadClient = lazyChunk(() => import('./escalation-client.js'));
 * const { escalate } = await loadClient();
 */
export function lazyChunk<T>(load: () => Promise<T>): () => Promise<T> {
  let loading: Promise<T> | undefined;
  return () => {
    if (!loading) {
      loading = load();
      loading.catch(() => {
        loading = undefined;
      });
    }
    return loading;
  };
}
