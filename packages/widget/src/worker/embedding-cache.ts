import type { EmbeddingCache } from '@support-bot/core';

const DB = 'support-bot-embeddings';
const STORE = 'vectors';
/** Whole built indexes of plain bot files (one per file version; ~0.3 MB each). */
const INDEXES = 'indexes';

/**
 * The worker's {@link EmbeddingCache}: one IndexedDB record per (scope, text hash), shared by
 * every tab and visit of the origin, plus the whole built index of each bot file version. A plain
 * `bot.json` is embedded and trained once; the next visit (or a second tab) reads its index in
 * one get, and an edited file reads every unchanged example's vector. When IndexedDB is missing, blocked or full
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
    async getIndex(key) {
      const database = await db();
      if (!database) return undefined;
      const tx = database.transaction(INDEXES, 'readonly');
      const request = tx.objectStore(INDEXES).get(key);
      await done(tx);
      return request.result instanceof Uint8Array ? request.result : undefined;
    },
    async putIndex(key, bytes) {
      const database = await db();
      if (!database) return;
      const tx = database.transaction(INDEXES, 'readwrite');
      tx.objectStore(INDEXES).put(bytes, key);
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
    const request = indexedDB.open(DB, 2);
    request.onupgradeneeded = () => {
      const names = request.result.objectStoreNames;
      if (!names.contains(STORE)) request.result.createObjectStore(STORE);
      if (!names.contains(INDEXES)) request.result.createObjectStore(INDEXES);
    };
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
