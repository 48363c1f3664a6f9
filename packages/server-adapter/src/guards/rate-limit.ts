import { EscalationError } from '../errors.js';
import { compileTrust, resolveClientAddress, type TrustProxy } from './client-address.js';
import {
  createMemoryRateLimitStore,
  type RateLimitDecision,
  type RateLimitStore,
  type TokenBucketRule,
} from './token-bucket.js';

/** What a platform knows about the request beyond the Web `Request`. */
export interface HandlerContext {
  /** The client's IP address (the socket's peer), used for rate limiting. */
  clientAddress?: string;
}

/** Per-client token bucket. */
export interface RateLimitOptions {
  /** Requests a client may make at once. Default 10 (escalation) or 30 (feedback). */
  capacity?: number;
  /** Tokens added back per minute (must be > 0). Default 10 (escalation) or 30 (feedback). */
  refillPerMinute?: number;
  /** Where buckets live. Default: in memory ({@link createMemoryRateLimitStore}). */
  store?: RateLimitStore;
  /**
   * The client's key. Default: the client's IP address by the {@link TrustProxy} rule (the
   * socket's address from {@link toNodeHandler} or your platform's `context.clientAddress`, or the
   * right-most `X-Forwarded-For` address your trusted proxies did not add), else one shared key
   * for everyone (with a warning in the log).
   */
  key?: (request: Request, context: HandlerContext) => string | undefined;
  /**
   * Which proxies in front of the adapter to believe in `X-Forwarded-For`: a number of hops
   * (`1` = one nginx in front; `true` means 1), a list of their addresses or CIDR ranges, or a
   * function. Default `false`: the socket's peer is the client.
   */
  trustProxy?: TrustProxy;
  /**
   * What to do when the store fails or does not answer within `storeTimeoutMs` (Redis down,
   * paused or restarting): `deny` answers 503 `RATE_LIMIT_UNAVAILABLE` at once; `memory` limits
   * with this instance's own in-memory buckets (same rule) until the store is back; `allow` lets
   * every request through. The outage and the recovery are logged. Default `deny`.
   */
  onStoreError?: 'deny' | 'memory' | 'allow';
  /**
   * Longest wait for the store per request, in ms (measured on this process's clock, so a busy
   * event loop counts too). Default 1,000.
   */
  storeTimeoutMs?: number;
  /** After a store failure, skip the store (apply `onStoreError` at once) for this long, in ms. Default 1,000. */
  storeRetryMs?: number;
}

/** The outcome of taking a token: headers to add and, when refused, the 429 error to answer. */
export interface RateLimitOutcome {
  headers: Record<string, string>;
  error?: EscalationError;
}

/** Takes one token for a request. */
export type RateLimitGuard = (
  request: Request,
  context: HandlerContext,
) => Promise<RateLimitOutcome>;

/**
 * The rate-limit step shared by the escalation and feedback handlers. `prefix` keeps their
 * budgets apart when they share one store. `undefined` when rate limiting is off.
 */
export function createRateLimitGuard(
  options: RateLimitOptions | false | undefined,
  defaults: { capacity: number; refillPerMinute: number; prefix: string; what: string },
  log: (message: string) => void,
): RateLimitGuard | undefined {
  if (options === false) return undefined;
  const rate = options ?? {};
  const rule: TokenBucketRule = {
    capacity: rate.capacity ?? defaults.capacity,
    refillPerSecond: (rate.refillPerMinute ?? defaults.refillPerMinute) / 60,
  };
  if (!(rule.capacity >= 1) || !(rule.refillPerSecond > 0)) {
    throw new EscalationError(
      'INTERNAL',
      `Failed to create the ${defaults.what} handler: rateLimit.capacity must be >= 1 and rateLimit.refillPerMinute > 0. Please fix the options.`,
    );
  }
  const store = rate.store ?? createMemoryRateLimitStore();
  const trust = compileTrust(rate.trustProxy);
  const storeTimeoutMs = rate.storeTimeoutMs ?? 1000;
  const storeRetryMs = rate.storeRetryMs ?? 1000;
  const onStoreError = rate.onStoreError ?? 'deny';
  let insurance: RateLimitStore | undefined;
  let downUntil = 0;
  let outage: { since: number; failures: number } | undefined;
  let warnedSharedKey = false;
  let warnedInvalid = false;

  function clientKey(request: Request, context: HandlerContext): string {
    const custom = rate.key?.(request, context);
    if (custom) return custom;
    const { address, invalid } = resolveClientAddress(
      context.clientAddress,
      request.headers.get('x-forwarded-for'),
      trust,
    );
    if (invalid !== undefined && !warnedInvalid) {
      warnedInvalid = true;
      log(
        `X-Forwarded-For holds "${invalid.slice(0, 64)}", which is not an IP address; keying on the trusted hop before it. Please check the proxy's configuration.`,
      );
    }
    if (address) return address;
    if (!warnedSharedKey) {
      warnedSharedKey = true;
      log(
        'rate limiting every visitor with one shared bucket: the request carries no client address. Please pass context.clientAddress, rateLimit.key, or rateLimit.trustProxy behind your own proxy.',
      );
    }
    return 'shared';
  }

  /** One `take`, given up after `storeTimeoutMs` (a Redis client queueing commands offline would wait forever). */
  async function takeBounded(key: string): Promise<RateLimitDecision> {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(
        () => reject(new Error(`no answer within ${storeTimeoutMs} ms`)),
        storeTimeoutMs,
      );
    });
    const taking = store.take(key, rule);
    taking.catch(() => {});
    try {
      return await Promise.race([taking, timeout]);
    } finally {
      clearTimeout(timer);
    }
  }

  return async (request, context): Promise<RateLimitOutcome> => {
    const key = `${defaults.prefix}${clientKey(request, context)}`;
    let taken: RateLimitDecision;
    try {
      if (Date.now() < downUntil) throw new Error('store marked down after a recent failure');
      taken = await takeBounded(key);
      if (outage) {
        log(
          `rate-limit store is back after ${Date.now() - outage.since} ms (${outage.failures} requests handled by onStoreError: ${onStoreError})`,
        );
        outage = undefined;
      }
    } catch (cause) {
      if (Date.now() >= downUntil) downUntil = Date.now() + storeRetryMs;
      if (!outage) {
        outage = { since: Date.now(), failures: 0 };
        log(
          `rate-limit store failed (${String((cause as Error)?.message ?? cause)}); ${onStoreError === 'deny' ? 'answering 503' : onStoreError === 'memory' ? "limiting in this instance's memory" : 'letting requests through unlimited'} until it answers again`,
        );
      }
      outage.failures++;
      if (onStoreError === 'allow') return { headers: {} };
      if (onStoreError === 'memory') {
        insurance ??= createMemoryRateLimitStore();
        taken = await insurance.take(key, rule);
      } else {
        throw new EscalationError(
          'RATE_LIMIT_UNAVAILABLE',
          'Failed to check the rate limit: its store is unavailable. Please try again shortly.',
          { cause },
        );
      }
    }
    if (!taken.allowed) {
      const seconds = Math.max(1, Math.ceil(taken.retryAfterMs / 1000));
      return {
        error: new EscalationError(
          'RATE_LIMITED',
          `Failed to accept the request: too many requests from this client. Please wait ${seconds} s.`,
        ),
        headers: { 'retry-after': String(seconds), 'x-ratelimit-remaining': '0' },
      };
    }
    return { headers: { 'x-ratelimit-remaining': String(taken.remaining) } };
  };
}
