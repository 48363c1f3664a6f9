/** Decides whether a client may make a request now. */
export interface RateLimitStore {
  /** Takes one token for `key`; `retryAfterMs` when there is none. */
  take(key: string, now: number): Promise<{ allowed: boolean; retryAfterMs: number }>;
}

/**
 * An in-memory token bucket per client: `capacity` requests at once, refilled at
 * `refillPerMinute`. One process only; for several instances use a shared store.
 */
export class MemoryTokenBucket implements RateLimitStore {
  private readonly _buckets = new Map<string, { tokens: number; at: number }>();

  constructor(
    private readonly _capacity: number,
    private readonly _refillPerMinute: number,
  ) {}

  async take(key: string, now: number): Promise<{ allowed: boolean; retryAfterMs: number }> {
    const perMs = this._refillPerMinute / 60_000;
    const bucket = this._buckets.get(key) ?? { tokens: this._capacity, at: now };
    bucket.tokens = Math.min(this._capacity, bucket.tokens + (now - bucket.at) * perMs);
    bucket.at = now;
    this._buckets.set(key, bucket);
    if (bucket.tokens >= 1) {
      bucket.tokens -= 1;
      return { allowed: true, retryAfterMs: 0 };
    }
    // Keep the map bounded: forget full buckets of idle clients.
    if (this._buckets.size > 50_000) {
      for (const [k, b] of this._buckets)
        if (b.tokens + (now - b.at) * perMs >= this._capacity) this._buckets.delete(k);
    }
    return { allowed: false, retryAfterMs: Math.ceil((1 - bucket.tokens) / perMs) };
  }
}
