import { EscalationError } from '../errors.js';
import {
  createMemoryRateLimitStore,
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
   * The client's key. Default: `context.clientAddress` (the socket's address, given by
   * {@link toNodeHandler} or your platform), else the first `X-Forwarded-For` address when
   * `trustProxy` is set, else one shared key for everyone.
   */
  key?: (request: Request, context: HandlerContext) => string | undefined;
  /** Read the client address from `X-Forwarded-For` (only behind a proxy you control). Default false. */
  trustProxy?: boolean;
  /** What to do when the store fails (e.g. Redis is down): `deny` answers 503, `allow` lets the request through. Default `deny`. */
  onStoreError?: 'deny' | 'allow';
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
  let warnedSharedKey = false;

  function clientKey(request: Request, context: HandlerContext): string {
    const custom = rate.key?.(request, context);
    if (custom) return custom;
    if (context.clientAddress) return context.clientAddress;
    if (rate.trustProxy) {
      const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
      if (forwarded) return forwarded;
    }
    if (!warnedSharedKey) {
      warnedSharedKey = true;
      log(
        'rate limiting every visitor with one shared bucket: the request carries no client address. Please pass context.clientAddress, rateLimit.key, or rateLimit.trustProxy behind your own proxy.',
      );
    }
    return 'shared';
  }

  return async (request, context): Promise<RateLimitOutcome> => {
    let taken: Awaited<ReturnType<RateLimitStore['take']>>;
    try {
      taken = await store.take(`${defaults.prefix}${clientKey(request, context)}`, rule);
    } catch (cause) {
      log(`rate-limit store failed (${String((cause as Error)?.message ?? cause)})`);
      if (rate.onStoreError === 'allow') return { headers: {} };
      throw new EscalationError(
        'RATE_LIMIT_UNAVAILABLE',
        'Failed to check the rate limit: its store is unavailable. Please try again shortly.',
        { cause },
      );
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
