import type { EmbeddingCache } from '@support-bot/core';

const DB = 'support-bot-embeddings';
const STORE = 'vectors';

/**
 * The worker's {@link EmbeddingCache}: one IndexedDB record per (scope, text hash), shared by
 * every tab and visit of the origin. A plain `bot.json` is embedded once; the next visit (or a
 * second tab) reads its vectors in one transaction. When IndexedDB is missing, blocked or full
 * (private mode, quota), every read is a miss and every write is dropped, silently: the bot
 * still answers, it just embeds again.
 */
export function indexedDbEmbeddingCache(): EmbeddingCache {
  let opened: Promise<IDBDatabase | undefined> | undefined;
  const db = () => {
    opened ??= openDb().catch(() => undefined);
    return opened;
  };
  return {
    async get(scope, hashes) {
      const database = await db();
      if (!database) return [];
      const tx = database.transaction(STORE, 'readonly');
      const store = tx.objectStore(STORE);
      const requests = hashes.map((hash) => store.get(`${scope}|${hash}`));
      await done(tx);
      return requests.map((r) => (r.result instanceof Float32Array ? r.result : undefined));
    },
    async put(scope, entries) {
      const database = await db();
      if (!database || entries.length === 0) return;
      const tx = database.transaction(STORE, 'readwrite');
      const store = tx.objectStore(STORE);
      for (const { hash, vector } of entries) store.put(vector, `${scope}|${hash}`);
      await done(tx);
    },
  };
}

function openDb(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === 'undefined') {
      reject(new Error('no IndexedDB'));
      return;
    }
    const request = indexedDB.open(DB, 1);
    request.onupgradeneeded = () => request.result.createObjectStore(STORE);
    request.onsuccess = () => resolve(request.result);
    request.onerror = () => reject(request.error);
    request.onblocked = () => reject(new Error('IndexedDB is blocked'));
  });
}

function done(tx: IDBTransaction): Promise<void> {
  return new Promise((resolve, reject) => {
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error);
    tx.onabort = () => reject(tx.error ?? new Error('aborted'));
  });
}
