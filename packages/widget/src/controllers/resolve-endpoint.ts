import { SbErrorEvent } from '../events.js';

/** An escalation or feedback endpoint the widget refuses to send to. */
export class EndpointError extends Error {
  override readonly name = 'EndpointError';
  readonly code = 'ENDPOINT_INVALID';
  readonly retryable = false;
}

// Browsers drop tabs and newlines inside URLs: judge the URL as the browser will read it.
// biome-ignore lint/suspicious/noControlCharactersInRegex: browsers drop these from URLs, so the check must too.
const STRIPPED = /[\u0000-\u0020\u007f-\u009f]/g;
const SCHEME = /^[a-z][a-z\d+.-]*:/i;

/**
 * The absolute URL of an escalation or feedback endpoint (`what` names it in the error), which
 * must be `http(s)://...` or relative to the site (`/api/support`, `./api`, `api`). Anything else
 * (`javascript:`, `data:`, `blob:`, `file:`, `ws:`, ...) throws {@link EndpointError}: the
 * conversation never goes there.
 *
 * @example
 * resolveEndpoint('/api/support', 'escalation', 'https://shop.example/') // 'https://shop.example/api/support'
 * resolveEndpoint('javascript:alert(1)', 'escalation') // throws
 */
export function resolveEndpoint(raw: string, what: string, base = document.baseURI): string {
  const cleaned = String(raw).replace(STRIPPED, '');
  const scheme = SCHEME.exec(cleaned)?.[0].toLowerCase();
  let url: URL | undefined;
  try {
    url = new URL(cleaned, base);
  } catch {
    url = undefined;
  }
  const ok =
    url !== undefined &&
    (scheme === undefined || scheme === 'http:' || scheme === 'https:') &&
    (url.protocol === 'http:' || url.protocol === 'https:');
  if (!ok || !url) {
    throw new EndpointError(
      `[support-bot] Failed to use the ${what} endpoint "${String(raw).slice(0, 200)}": only http(s) URLs or paths on the site (such as /api/${what === 'feedback' ? 'feedback' : 'support'}) are allowed. Please fix the ${what}.endpoint setting or the element's attribute.`,
    );
  }
  return url.href;
}

/**
 * Resolves one controller's endpoint on every use; a refused one is reported once per value
 * (console error and `sb-error` `ENDPOINT_INVALID` on `host`), not on every message.
 */
export class EndpointGuard {
  private _refused?: string;

  constructor(
    private readonly _host: HTMLElement,
    private readonly _what: 'escalation' | 'feedback',
  ) {}

  /** The absolute URL of `configured`, or undefined when it is refused. */
  resolve(configured: string): string | undefined {
    try {
      return resolveEndpoint(configured, this._what);
    } catch (error) {
      if (this._refused !== configured) {
        this._refused = configured;
        const { code, message } = error as EndpointError;
        console.error(message);
        this._host.dispatchEvent(new SbErrorEvent(code, message));
      }
      return undefined;
    }
  }
}
