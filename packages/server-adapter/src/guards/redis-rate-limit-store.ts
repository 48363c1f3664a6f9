import type { RateLimitDecision, RateLimitStore } from './token-bucket.js';

/**
 * The part of a Redis client the store needs: node-redis (`redis` / `@redis/client` v4+)
 * matches it as is. For ioredis pass
 * `{ eval: (script, { keys, arguments: args }) => ioredis.eval(script, keys.length, ...keys, ...args) }`.
 */
export interface RedisScriptClient {
  eval(script: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
  evalSha?(sha1: string, options: { keys: string[]; arguments: string[] }): Promise<unknown>;
}

export interface RedisRateLimitStoreOptions {
  client: RedisScriptClient;
  /** Prefix of the bucket keys. Default `support-bot:rate:`. */
  prefix?: string;
}

/**
 * One token bucket per key as a Redis hash, updated by a Lua script so that taking a token is
 * atomic across every adapter instance sharing the Redis. Time comes from the Redis server
 * (`TIME`), so instances with skewed clocks still agree. Keys expire once their bucket would be
 * full again.
 */
export const TOKEN_BUCKET_SCRIPT = `
local key = KEYS[1]
local capacity = tonumber(ARGV[1])
local per_ms = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) * 1000 + math.floor(tonumber(t[2]) / 1000)
local state = redis.call('HMGET', key, 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = capacity
  at = now
end
if now > at then
  tokens = math.min(capacity, tokens + (now - at) * per_ms)
  at = now
end
local allowed = 0
local retry = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
else
  retry = math.ceil((1 - tokens) / per_ms)
end
redis.call('HSET', key, 'tokens', string.format('%.17g', tokens), 'at', string.format('%d', at))
redis.call('PEXPIRE', key, math.ceil((capacity - tokens) / per_ms) + 1000)
return {allowed, math.floor(tokens), retry}
`;

let scriptSha: Promise<string> | undefined;
async function sha1Hex(text: string): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-1', new TextEncoder().encode(text));
  return [...new Uint8Array(digest)].map((b) => b.toString(16).padStart(2, '0')).join('');
}

/**
 * Rate limits shared by several adapter instances through Redis: together they admit exactly
 * the bucket's budget. Runs the script with `EVALSHA`, falling back to `EVAL` when Redis does
 * not have it cached yet.
 *
 * @example
 * import { createClient } from 'redis';
 * const redis = await createClient({ url: process.env.REDIS_URL }).connect();
 * createEscalationHandler({ ..., rateLimit: { store: createRedisRateLimitStore({ client: redis }) } });
 */
export function createRedisRateLimitStore(options: RedisRateLimitStoreOptions): RateLimitStore {
  const { client } = options;
  const prefix = options.prefix ?? 'support-bot:rate:';
  return {
    async take(key, rule): Promise<RateLimitDecision> {
      const args = {
        keys: [prefix + key],
        arguments: [String(rule.capacity), String(rule.refillPerSecond / 1000)],
      };
      let reply: unknown;
      if (client.evalSha) {
        scriptSha ??= sha1Hex(TOKEN_BUCKET_SCRIPT);
        try {
          reply = await client.evalSha(await scriptSha, args);
        } catch (error) {
          if (!String((error as Error)?.message).includes('NOSCRIPT')) throw error;
          reply = await client.eval(TOKEN_BUCKET_SCRIPT, args);
        }
      } else {
        reply = await client.eval(TOKEN_BUCKET_SCRIPT, args);
      }
      const [allowed, remaining, retry] = (reply as unknown[]).map(Number) as [
        number,
        number,
        number,
      ];
      return { allowed: allowed === 1, remaining, retryAfterMs: allowed === 1 ? 0 : retry };
    },
  };
}
