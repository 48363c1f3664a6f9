/** A token bucket: `capacity` requests at once, refilled continuously at `refillPerSecond`. */
export interface TokenBucketRule {
  capacity: number;
  refillPerSecond: number;
}

/** The outcome of taking one token. */
export interface RateLimitDecision {
  allowed: boolean;
  /** Whole tokens left after this request. */
  remaining: number;
  /** When refused: milliseconds until one token is back. 0 when allowed. */
  retryAfterMs: number;
}

/**
 * Where buckets live. `take` must be atomic per key: concurrent calls (on one instance or,
 * for a shared store, on many) together never admit more than the bucket holds.
 */
export interface RateLimitStore {
  take(key: string, rule: TokenBucketRule): Promise<RateLimitDecision>;
}

export interface MemoryRateLimitStoreOptions {
  /** Most buckets kept; the least recently used go first (a dropped bucket starts full). Default 100,000. */
  maxKeys?: number;
  /** Clock in ms, for tests. Default `Date.now`. */
  now?: () => number;
}

/**
 * Token buckets in this process's memory: the default, right for one instance. With several
 * instances use {@link createRedisRateLimitStore}, or each admits its own budget.
 *
 * @example
 * createEscalationHandler({ ..., rateLimit: { capacity: 5, refillPerMinute: 5, store: createMemoryRateLimitStore() } });
 */
export function createMemoryRateLimitStore(
  options: MemoryRateLimitStoreOptions = {},
): RateLimitStore {
  const maxKeys = options.maxKeys ?? 100_000;
  const now = options.now ?? Date.now;
  // Map iteration order is insertion order: re-inserting on use makes it an LRU.
  const buckets = new Map<string, { tokens: number; at: number }>();
  return {
    async take(key, rule) {
      const t = now();
      const bucket = buckets.get(key) ?? { tokens: rule.capacity, at: t };
      buckets.delete(key);
      const refill = Math.max(0, t - bucket.at) * (rule.refillPerSecond / 1000);
      bucket.tokens = Math.min(rule.capacity, bucket.tokens + refill);
      bucket.at = t;
      let decision: RateLimitDecision;
      if (bucket.tokens >= 1) {
        bucket.tokens -= 1;
        decision = { allowed: true, remaining: Math.floor(bucket.tokens), retryAfterMs: 0 };
      } else {
        const ms = Math.ceil(((1 - bucket.tokens) * 1000) / rule.refillPerSecond);
        decision = { allowed: false, remaining: 0, retryAfterMs: ms };
      }
      buckets.set(key, bucket);
      if (buckets.size > maxKeys) buckets.delete(buckets.keys().next().value!);
      return decision;
    },
  };
}
