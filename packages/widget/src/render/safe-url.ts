const ALLOWED = new Set(['http:', 'https:', 'mailto:', 'tel:']);
// Browsers drop tabs and newlines inside URLs and treat `\` like `/`, so `java\nscript:` or
// `/\evil.example` must be judged as the browser will read them, not as written.
// biome-ignore lint/suspicious/noControlCharactersInRegex: browsers drop these from URLs, so the check must too.
const STRIPPED = /[\u0000-\u0020\u007f-\u009f]/g;

/**
 * The URL as the link should use it when it is http(s), `mailto:`, `tel:` or relative to the
 * page; `undefined` for every other scheme (`javascript:`, `data:`, `vbscript:`, `blob:`, ...)
 * and for text that is not a URL.
 *
 * @example
 * safeUrl('/account/orders') // '/account/orders'
 * safeUrl('javascript:alert(1)') // undefined
 */
export function safeUrl(raw: string, base = pageBase()): string | undefined {
  if (typeof raw !== 'string') return undefined;
  const cleaned = raw.replace(STRIPPED, '').replace(/\\/g, '/');
  if (cleaned === '') return undefined;
  try {
    return ALLOWED.has(new URL(cleaned, base).protocol) ? cleaned : undefined;
  } catch {
    return undefined;
  }
}

/** True when the link leaves the page's origin (opened in a new tab). */
export function isExternalUrl(url: string, base = pageBase()): boolean {
  try {
    const target = new URL(url, base);
    return /^https?:$/.test(target.protocol) && target.origin !== new URL(base).origin;
  } catch {
    return false;
  }
}

function pageBase(): string {
  // No document in Node/SSR: any http origin works for judging the scheme.
  return typeof document === 'undefined' ? 'https://example.invalid/' : document.baseURI;
}
