/**
 * Which page origins may call the endpoint: exact origins (`https://shop.example`), wildcard
 * subdomains (`https://*.shop.example`: any depth, same scheme and port, not the bare domain),
 * `'*'` for any, or a function. Entries and the request's `Origin` are parsed with `new URL`
 * and compared by scheme, host and port; an `Origin` that is not exactly `scheme://host[:port]`
 * is refused.
 */
export type OriginAllowList = readonly string[] | '*' | ((origin: string) => boolean);

export interface CorsOptions {
  allowedOrigins: OriginAllowList;
  /** Allow requests that carry no `Origin` header (servers, curl; browsers always send one on POST). Default false. */
  allowMissingOrigin?: boolean;
  /** Request headers a page may send besides `content-type`. Default none. */
  allowedHeaders?: readonly string[];
  /** How long a browser may cache a preflight, in seconds. Default 600. */
  maxAgeSeconds?: number;
}

export type CorsDecision =
  | { allowed: true; headers: Record<string, string> }
  | { allowed: false; origin: string | null };

/** Checks origins and answers CORS preflights for one endpoint (POST only). */
export interface CorsGuard {
  /** For a non-preflight request: is its origin allowed, and which headers go on the response. */
  check(request: Request): CorsDecision;
  /**
   * For an `OPTIONS` request: the preflight answer, or `undefined` when the origin, method or
   * headers asked for are not allowed (the caller answers 403).
   */
  preflight(request: Request): Response | undefined;
}

type Origin = { scheme: string; host: string; port: string };

/**
 * An origin as scheme, host and port, or undefined when `text` is not an http(s) origin. `strict`
 * (for the request's header) requires the exact serialization `scheme://host[:port]`; otherwise
 * (for the allow-list) a trailing slash and a default port are fine.
 */
function parseOrigin(text: string, strict: boolean): Origin | undefined {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return undefined;
  if (strict ? url.origin !== text.toLowerCase() : `${url.origin}/` !== url.href) return undefined;
  return { scheme: url.protocol, host: url.hostname, port: url.port };
}

function matcher(list: OriginAllowList): (origin: string) => boolean {
  if (list === '*') return () => true;
  if (typeof list === 'function') return list;
  const exact: Origin[] = [];
  const wildcards: (Origin & { suffix: string })[] = [];
  for (const entry of list) {
    const text = entry.trim();
    const wild = /^(https?:\/\/)\*\.(.+)$/i.exec(text);
    // Parse "https://*.shop.example:8443" as "https://x.shop.example:8443" to validate it.
    const parsed = parseOrigin(wild ? `${wild[1]}x.${wild[2]}` : text, false);
    if (!parsed) {
      throw new Error(
        `[support-bot] Failed to read allowedOrigins: "${entry}" is not an origin such as https://shop.example or https://*.shop.example. Please fix the list.`,
      );
    }
    if (wild) wildcards.push({ ...parsed, suffix: `.${parsed.host.slice(2)}` });
    else exact.push(parsed);
  }
  return (origin) => {
    const o = parseOrigin(origin, true);
    if (!o) return false;
    if (exact.some((e) => e.scheme === o.scheme && e.host === o.host && e.port === o.port)) {
      return true;
    }
    return wildcards.some(
      (w) =>
        w.scheme === o.scheme &&
        w.port === o.port &&
        o.host.endsWith(w.suffix) &&
        o.host.length > w.suffix.length,
    );
  };
}

/**
 * Builds the CORS guard. Responses carry `Vary: Origin` and echo the one allowed origin (never
 * `*` with credentials), and expose `Retry-After` so the widget can read it on a 429.
 */
export function createCorsGuard(options: CorsOptions): CorsGuard {
  const isAllowed = matcher(options.allowedOrigins);
  const allowedHeaders = new Set(
    ['content-type', ...(options.allowedHeaders ?? [])].map((h) => h.toLowerCase()),
  );
  const maxAge = String(options.maxAgeSeconds ?? 600);
  const base = (origin: string | null): Record<string, string> =>
    origin === null
      ? {}
      : {
          'access-control-allow-origin': origin,
          'access-control-expose-headers': 'Retry-After, X-RateLimit-Remaining',
          vary: 'Origin',
        };

  return {
    check(request) {
      const origin = request.headers.get('origin');
      if (origin === null) {
        return options.allowMissingOrigin
          ? { allowed: true, headers: {} }
          : { allowed: false, origin };
      }
      return isAllowed(origin)
        ? { allowed: true, headers: base(origin) }
        : { allowed: false, origin };
    },
    preflight(request) {
      const origin = request.headers.get('origin');
      if (origin === null || !isAllowed(origin)) return undefined;
      const method = request.headers.get('access-control-request-method');
      if (method !== null && method.toUpperCase() !== 'POST') return undefined;
      const asked = (request.headers.get('access-control-request-headers') ?? '')
        .split(',')
        .map((h) => h.trim().toLowerCase())
        .filter(Boolean);
      if (asked.some((h) => !allowedHeaders.has(h))) return undefined;
      return new Response(null, {
        status: 204,
        headers: {
          ...base(origin),
          'access-control-allow-methods': 'POST, OPTIONS',
          'access-control-allow-headers': [...allowedHeaders].join(', '),
          'access-control-max-age': maxAge,
          vary: 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers',
        },
      });
    },
  };
}
