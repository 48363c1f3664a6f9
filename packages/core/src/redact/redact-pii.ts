import { isIbanValid, isLuhnValid } from './checksums.js';

/** The kinds of personal data {@link redactPII} finds on its own. */
export const PiiKind = {
  EMAIL: 'email',
  PHONE: 'phone',
  CARD: 'card',
  IBAN: 'iban',
} as const;
export type PiiKind = (typeof PiiKind)[keyof typeof PiiKind];

/** One extra pattern to redact, e.g. customer numbers in the site's own format. */
export interface RedactPattern {
  /** Reported in findings and used for the default replacement `[kind]`. */
  kind: string;
  /** Must have the `g` flag (it is added when missing). */
  pattern: RegExp;
  /** Replacement text. Default `[kind]`. */
  replacement?: string;
}

export interface RedactOptions {
  /** Built-in detectors to run. Default: all of {@link PiiKind}. */
  kinds?: readonly PiiKind[];
  /** Extra site-specific patterns, checked after the built-in kinds. Default none. */
  patterns?: readonly RedactPattern[];
  /** Replacement text per built-in kind. Default `[email]`, `[phone]`, `[card]`, `[iban]`. */
  replacements?: Partial<Record<PiiKind, string>>;
}

/** Where one piece of personal data was, as offsets into the *original* text. */
export interface PiiFinding {
  kind: PiiKind | (string & {});
  start: number;
  end: number;
}

export interface RedactResult {
  /** The text with every finding replaced. */
  text: string;
  /** Findings in text order; they never overlap. */
  findings: PiiFinding[];
}

const ALL_KINDS: readonly PiiKind[] = [PiiKind.EMAIL, PiiKind.CARD, PiiKind.IBAN, PiiKind.PHONE];

// Latin letters (with accents) and digits: CJK text glued to an address is not part of it.
const EMAIL_RE =
  /(?<![A-Za-z0-9\u00C0-\u024F._%+-])[A-Za-z0-9\u00C0-\u024F](?:[A-Za-z0-9\u00C0-\u024F._%+-]{0,62}[A-Za-z0-9\u00C0-\u024F_%+-])?@(?:[A-Za-z0-9\u00C0-\u024F](?:[A-Za-z0-9\u00C0-\u024F-]{0,61}[A-Za-z0-9\u00C0-\u024F])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\u00C0-\u024F])/gu;

// 14-19 digits, optionally grouped by single spaces or hyphens. A leading '+' means a phone.
const CARD_RE = /(?<![A-Za-z0-9+\-.,/])\d(?:[ -]?\d){13,18}(?![A-Za-z0-9]|[.,/-]\d)/gu;

// Two capitals, two check digits, then the account: compact, or printed in groups of four.
const IBAN_RE =
  /(?<![A-Za-z0-9])[A-Z]{2}\d{2}(?:[A-Z0-9]{11,30}|(?: [A-Z0-9]{4}){2,7}(?: [A-Z0-9]{1,4})?)(?![A-Za-z0-9])/gu;

// A run of digit groups with at most one separator between groups; classified afterwards.
const PHONE_RE =
  /(?<![A-Za-z0-9\u00C0-\u024F+\-./:,])(?:\+|00)?(?:\(\d{1,5}\)|\d{1,5})(?:(?:[ .-]|\) ?| ?\()?\d{1,5}\)?){1,7}(?![A-Za-z0-9\u00C0-\u024F]|[.:,/-]\d)/gu;

// Words that make a bare run of digits a phone number (within three words before it)...
const PHONE_WORD_RE =
  /(?:phone|tel|telephone|call|ring|mobile|cell|whatsapp|wechat|sms|fax|telefon|teléfono|téléphone|电话|手机|微信)/giu;
const NEAR_END_RE = /^\W{0,3}(?:[^\s\d]+\s){0,3}\W*$/u;
// ...unless a closer word says it is some other number.
const OTHER_NUMBER_RE =
  /(?:order|tracking|invoice|account|reference|ref|customer|member|case|ticket|parcel|sku|ean|isbn|订单|单号|编号)/giu;

/** True when the last words of `before` name another kind of number (order, tracking, ...). */
function saysOtherNumber(before: string): boolean {
  let at = -1;
  for (const m of before.matchAll(OTHER_NUMBER_RE)) at = m.index + m[0].length;
  return at >= 0 && NEAR_END_RE.test(before.slice(at)) && !saysPhone(before);
}

/** True when a phone word is among the last three words of `before`, after any other-number word. */
function saysPhone(before: string): boolean {
  const last = (re: RegExp) => {
    let at = -1;
    for (const m of before.matchAll(re)) at = m.index + m[0].length;
    return at;
  };
  const phone = last(PHONE_WORD_RE);
  return phone >= 0 && phone > last(OTHER_NUMBER_RE) && NEAR_END_RE.test(before.slice(phone));
}

/**
 * Finds and replaces personal data before text leaves the visitor's device or the server:
 * email addresses, phone numbers (international `+`/`00` numbers, US/NANP, European national
 * numbers with a leading 0, Chinese mobile and landline numbers), payment card numbers that pass
 * the Luhn check (other long digit runs such as order numbers are kept), IBANs that pass the
 * mod-97 check, and any extra `patterns`.
 *
 * Detection is by pattern and checksum, so it misses what does not look like the formats above
 * (e.g. a phone number spelled out in words); measured recall and precision are in the
 * server-adapter README.
 *
 * @example
 * redactPII('Mail me at ana@example.com or call +44 20 7946 0958');
 * // { text: 'Mail me at [email] or call [phone]',
 * //   findings: [{ kind: 'email', start: 11, end: 26 }, { kind: 'phone', start: 35, end: 51 }] }
 */
export function redactPII(text: string, options: RedactOptions = {}): RedactResult {
  const kinds = options.kinds ?? ALL_KINDS;
  const found: PiiFinding[] = [];
  const taken = (start: number, end: number) => found.some((f) => start < f.end && end > f.start);
  const add = (kind: string, start: number, end: number) => {
    if (end > start && !taken(start, end)) found.push({ kind, start, end });
  };

  // Order matters: emails and checksummed numbers are the most certain, phones the least; an
  // IBAN's digits can pass the Luhn check, so IBANs go before cards.
  if (kinds.includes(PiiKind.EMAIL)) {
    for (const m of text.matchAll(EMAIL_RE)) add(PiiKind.EMAIL, m.index, m.index + m[0].length);
  }
  if (kinds.includes(PiiKind.IBAN)) {
    for (const m of text.matchAll(IBAN_RE)) {
      const end = longestValidIban(m[0]);
      if (end > 0) add(PiiKind.IBAN, m.index, m.index + end);
    }
  }
  if (kinds.includes(PiiKind.CARD)) {
    for (const m of text.matchAll(CARD_RE)) {
      const digits = m[0].replace(/[ -]/g, '');
      if (isCardNumber(digits) && hasRegularGroups(m[0])) {
        add(PiiKind.CARD, m.index, m.index + m[0].length);
      }
    }
  }
  if (kinds.includes(PiiKind.PHONE)) {
    PHONE_RE.lastIndex = 0;
    for (let m = PHONE_RE.exec(text); m; m = PHONE_RE.exec(text)) {
      // A match can run two numbers together ("010-12345678 (021) 1234 5678"): take the longest
      // prefix that is a phone number, then look again right after it.
      const before = text.slice(Math.max(0, m.index - 40), m.index);
      const end = longestPhonePrefix(m[0], before);
      if (end > 0) add(PiiKind.PHONE, m.index, m.index + end);
      // A run that is no phone at all (a tracking number, the rest of a bad IBAN) is skipped
      // whole: a phone is never hiding in its middle.
      PHONE_RE.lastIndex = m.index + (end > 0 ? end : m[0].length);
    }
  }
  for (const p of options.patterns ?? []) {
    const re = p.pattern.global ? p.pattern : new RegExp(p.pattern.source, `${p.pattern.flags}g`);
    re.lastIndex = 0;
    for (const m of text.matchAll(re)) add(p.kind, m.index, m.index + m[0].length);
  }

  if (found.length === 0) return { text, findings: [] };
  found.sort((a, b) => a.start - b.start);
  let out = '';
  let at = 0;
  for (const f of found) {
    out += text.slice(at, f.start) + replacementFor(f.kind, options);
    at = f.end;
  }
  return { text: out + text.slice(at), findings: found };
}

function replacementFor(kind: string, options: RedactOptions): string {
  const custom = options.patterns?.find((p) => p.kind === kind)?.replacement;
  return options.replacements?.[kind as PiiKind] ?? custom ?? `[${kind}]`;
}

/**
 * Issuer prefixes and lengths of the card networks: Visa 16/19, Mastercard 16, Amex 15,
 * Diners 14-16, Discover/UnionPay/JCB/Maestro 16-19. 13-digit numbers are left alone: 13-digit
 * Visa cards are long gone, and EAN-13 barcodes pass the Luhn check one time in ten.
 */
function isCardNumber(digits: string): boolean {
  const n = digits.length;
  const ok =
    (/^4/.test(digits) && (n === 16 || n === 19)) ||
    (/^(?:5[1-5]|2[2-7])/.test(digits) && n === 16) ||
    (/^3[47]/.test(digits) && n === 15) ||
    (/^3(?:0[0-5]|[689])/.test(digits) && n >= 14 && n <= 16) ||
    (/^(?:6|5[06-9]|35)/.test(digits) && n >= 16 && n <= 19);
  return ok && isLuhnValid(digits);
}

/** Separators, when present, must split the number the way cards are printed (groups of 4-6). */
function hasRegularGroups(raw: string): boolean {
  if (!/[ -]/.test(raw)) return true;
  const groups = raw.split(/[ -]/);
  return groups.length >= 3 && groups.every((g) => g.length >= 3 && g.length <= 6);
}

/** Length of the longest prefix of `raw` that is a valid IBAN, cut at a group boundary, or 0. */
function longestValidIban(raw: string): number {
  const ends = [raw.length];
  for (let i = raw.length - 1; i >= 15; i--) if (raw[i] === ' ') ends.push(i);
  for (const end of ends) {
    if (isIbanValid(raw.slice(0, end).replace(/ /g, ''))) return end;
  }
  return 0;
}

function longestPhonePrefix(raw: string, before: string): number {
  for (let end = raw.length; end > 0; end--) {
    // Only cut right after a digit or ')' that ends a group.
    if (!/[\d)]/.test(raw[end - 1]!) || /\d/.test(raw[end] ?? '')) continue;
    if (isPhoneNumber(raw.slice(0, end), before)) return end;
  }
  return 0;
}

function isPhoneNumber(raw: string, before: string): boolean {
  const digits = raw.replace(/\D/g, '');
  const international = raw.startsWith('+') || raw.startsWith('00');
  if (international) {
    const national = raw.startsWith('00') ? digits.slice(2) : digits;
    // Country codes never start with 0.
    return national.length >= 8 && national.length <= 15 && !national.startsWith('0');
  }
  if (digits.length < 7 || digits.length > 13) return false;
  const formatted = /[ .()-]/.test(raw);
  // NANP: (415) 555-0134, 415-555-0134, 415.555.0134, 1 800 555 0199.
  if (/^(?:1[ .-]?)?(?:\(\d{3}\) ?|\d{3}[ .-])\d{3}[ .-]\d{4}$/.test(raw)) {
    return true;
  }
  // China mobile: 13800138000, 138 0013 8000, 138-0013-8000.
  if (/^1[3-9]\d(?:[ -]?\d{4}){2}$/.test(raw)) return true;
  // National numbers with a trunk 0: 030 1234567, 01 23 45 67 89, (021) 1234 5678, 0612345678.
  if (digits.startsWith('0') && digits.length >= 9 && digits.length <= 12) {
    if (formatted) return /^(?:\(0\d{1,4}\) ?|0\d{1,4}[ .-])\d/.test(raw);
    return digits.length >= 10 ? !saysOtherNumber(before) : saysPhone(before);
  }
  // Anything else that is digits only counts when the words before it say it is a phone.
  return digits.length >= 9 && !formatted && saysPhone(before);
}
