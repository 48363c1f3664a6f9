import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { FeedbackReport } from '@support-bot/core/protocol';

/** Where the feedback handler appends reports. `append` rejects when the report was not stored. */
export interface FeedbackStore {
  append(report: FeedbackReport): Promise<void>;
  /** Releases what the store holds (not the Redis client you passed in). */
  close?(): Promise<void>;
}

export interface JsonLinesFeedbackStoreOptions {
  /** The file reports are appended to, one JSON object per line; created with its folder. */
  path: string;
}

/**
 * The default store: appends one line of JSON per report to a file (what `support-bot review
 * feedback.jsonl` reads). Appends are serialised within the process, so lines never interleave;
 * nothing is ever truncated. For several server instances use {@link createRedisFeedbackStore}.
 *
 * @example
 * const store = createJsonLinesFeedbackStore({ path: 'data/feedback.jsonl' });
 */
export function createJsonLinesFeedbackStore(
  options: JsonLinesFeedbackStoreOptions,
): FeedbackStore {
  const file = path.resolve(options.path);
  let ready: Promise<unknown> | undefined;
  let tail: Promise<unknown> = Promise.resolve();
  return {
    append(report) {
      const line = `${JSON.stringify(report)}\n`;
      const run = async () => {
        ready ??= mkdir(path.dirname(file), { recursive: true }).catch((error) => {
          ready = undefined;
          throw error;
        });
        await ready;
        await appendFile(file, line, 'utf8');
      };
      const result = tail.then(run, run);
      tail = result.catch(() => undefined);
      return result;
    },
  };
}

/**
 * The Redis commands the stream store uses, typed structurally so node-redis (`@redis/client`,
 * `client.xAdd`) and ioredis-like clients (`client.xadd`) both fit.
 */
export type RedisStreamClient =
  | {
      xAdd(
        key: string,
        id: string,
        message: Record<string, string>,
        options?: unknown,
      ): Promise<unknown>;
    }
  | { xadd(key: string, ...args: string[]): Promise<unknown> };

export interface RedisFeedbackStoreOptions {
  client: RedisStreamClient;
  /** The stream key. Default `support-bot:feedback` (what `support-bot review redis://…` reads). */
  stream?: string;
}

/**
 * Appends each report to a Redis stream: `XADD <stream> * report <json>`, one entry per report
 * with the validated, redacted report as JSON in the field `report`. Several adapter instances can
 * share it; `support-bot review redis://host:port` reads it back (retried copies, which share the
 * report's `id`, count once).
 *
 * @example
 * import { createClient } from '@redis/client';
 * const client = createClient({ url: process.env.REDIS_URL });
 * await client.connect();
 * const store = createRedisFeedbackStore({ client });
 */
export function createRedisFeedbackStore(options: RedisFeedbackStoreOptions): FeedbackStore {
  const stream = options.stream ?? 'support-bot:feedback';
  const client = options.client;
  return {
    async append(report) {
      const json = JSON.stringify(report);
      if ('xAdd' in client) await client.xAdd(stream, '*', { report: json });
      else await client.xadd(stream, '*', 'report', json);
    },
  };
}
