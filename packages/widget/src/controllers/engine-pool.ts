import { EngineClient, type EngineOptions } from './engine-client.js';

interface Entry {
  client: EngineClient;
  refs: number;
  timer?: ReturnType<typeof setTimeout>;
}

const pool = new Map<string, Entry>();

/**
 * How long an engine nobody uses is kept, so a SPA that unmounts and re-mounts the widget (route
 * change, hot reload) reuses the loaded model instead of starting a second worker.
 */
export const ENGINE_GRACE_MS = 15_000;

/**
 * The engine for `options.key`: widgets with the same bot, model location and device share one
 * worker (and one copy of the model in memory). Pair every call with {@link releaseEngine}.
 */
export function acquireEngine(options: EngineOptions): EngineClient {
  let entry = pool.get(options.key);
  if (!entry || entry.client.state.status === 'failed') {
    entry?.client.dispose();
    entry = { client: new EngineClient(options), refs: 0 };
    pool.set(options.key, entry);
  }
  clearTimeout(entry.timer);
  entry.timer = undefined;
  entry.refs++;
  return entry.client;
}

/** Gives back an engine from {@link acquireEngine}; the last user's release disposes it later. */
export function releaseEngine(client: EngineClient): void {
  const entry = pool.get(client.options.key);
  if (!entry || entry.client !== client) {
    client.dispose();
    return;
  }
  entry.refs = Math.max(0, entry.refs - 1);
  if (entry.refs > 0) return;
  entry.timer = setTimeout(() => {
    if (entry.refs > 0 || pool.get(client.options.key) !== entry) return;
    pool.delete(client.options.key);
    client.dispose();
  }, ENGINE_GRACE_MS);
}
