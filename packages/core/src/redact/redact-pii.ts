import { contextReader } from './context-words.js';
import { findCards } from './find-cards.js';
import { findIbans } from './find-ibans.js';
import { findNationalIds } from './find-national-ids.js';
import { findPhones } from './find-phones.js';

/** The kinds of personal data {@link redactPII} finds on its own. */
export const PiiKind = {
  EMAIL: 'email',
  PHONE: 'phone',
  CARD: 'card',
  IBAN: 'iban',
  NATIONAL_ID: 'national-id',
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
  /**
   * The page or bot locale (e.g. `es-ES`), a hint: a bare mobile number of that country with no
   * words around it (`612345678`) counts as a phone. Every locale's formats are found without it.
   * Default none.
   */
  locale?: string;
  /** Replacement text per built-in kind. Default `[email]`, `[phone]`, `[card]`, `[iban]`, `[national-id]`. */
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

const ALL_KINDS: readonly PiiKind[] = Object.values(PiiKind);

// Latin letters (with accents), Greek and Cyrillic, and digits. CJK text glued to an address is
// not part of it, but a domain may be Chinese or Japanese ("例子.中国").
const W = 'A-Za-z0-9\\u00C0-\\u024F\\u0370-\\u03FF\\u0400-\\u04FF';
const CJK = '\\u3040-\\u30FF\\u4E00-\\u9FFF';
const EMAIL_RE = new RegExp(
  `(?<![${W}._%+-])[${W}](?:[${W}._%+-]{0,62}[${W}_%+-])?@(?:[${W}${CJK}](?:[${W}${CJK}-]{0,61}[${W}${CJK}])?\\.)+(?:[A-Za-z\\u0400-\\u04FF\\u0370-\\u03FF]{2,24}|中国|中國|公司|网络|網絡|台湾|台灣|香港|みんな)(?![${W}])`,
  'gu',
);

// Full-width digits, letters and the signs inside numbers and addresses. Not the full-width
// comma, full stop or colon: they end CJK clauses, and read as ASCII they would glue a number
// to the next one ("编号4003669，110105...").
const FULL_WIDTH_RE =
  /[\uFF03\uFF08\uFF09\uFF0B\uFF0D\uFF0E\uFF0F\uFF10-\uFF19\uFF20-\uFF3A\uFF41-\uFF5A\u3000]/gu;

/**
 * Full-width forms as typed by Chinese and Japanese IMEs, and the ideographic
 * space, as their ASCII twins. Every character keeps its length, so offsets still point into
 * the original text.
 */
function asciiDigitsAndPunctuation(text: string): string {
  if (text.search(FULL_WIDTH_RE) < 0) return text;
  return text.replace(FULL_WIDTH_RE, (ch) =>
    ch === '\u3000' ? ' ' : String.fromCharCode(ch.charCodeAt(0) - 0xfee0),
  );
}

/**
 * Finds and replaces personal data before text leaves the visitor's device or the server:
 * email addresses; phone numbers in the international and national formats of at least
 * en-US, en-GB, en-IN, de-DE, fr-FR, es-ES, it-IT, nl-NL, pt-BR, ja-JP, zh-CN and zh-TW, with
 * extensions; payment card numbers of every brand (12-19 digits, Luhn-checked, any printed
 * grouping); IBANs (per-country length, mod 97, compact, grouped or lower case); national
 * identity numbers with a check character or fixed structure (US SSN, Chinese and Taiwan IDs,
 * UK National Insurance, Spanish DNI/NIE, Italian codice fiscale, Brazilian CPF, Indian
 * Aadhaar, French NIR; Dutch BSN, German Steuer-IdNr and Japanese My Number after their names);
 * and any extra `patterns`. Full-width digits are read as digits.
 *
 * Detection is by pattern, checksum and the words right before a number ("order", "tracking",
 * "Tel.", "卡号" ...), so order and tracking numbers, dates, prices, postcodes and barcodes are
 * kept; it misses what does not look like the formats above (e.g. a number spelled out in
 * words). Measured recall and false alarms are in the server-adapter README. Synchronous, no
 * DOM, about 20 µs for a short message.
 *
 * @example
 * redactPII('Mail me at ana@example.com or call +44 20 7946 0958');
 * // { text: 'Mail me at [email] or call [phone]',
 * //   findings: [{ kind: 'email', start: 11, end: 26 }, { kind: 'phone', start: 35, end: 51 }] }
 */
export function redactPII(text: string, options: RedactOptions = {}): RedactResult {
  const kinds = options.kinds ?? ALL_KINDS;
  const found: PiiFinding[] = [];
  const adder =
    (kind: string) =>
    (start: number, end: number): boolean => {
      if (end <= start || found.some((f) => start < f.end && end > f.start)) return false;
      found.push({ kind, start, end });
      return true;
    };
  const plain = asciiDigitsAndPunctuation(text);
  const contextAt = contextReader(plain);

  // Order matters: emails and checksummed numbers are the most certain, phones the least. An
  // IBAN's digits can pass the Luhn check, so IBANs go before cards; a Chinese ID can carry a
  // card prefix, so identity numbers go before cards too.
  if (kinds.includes(PiiKind.EMAIL)) {
    const add = adder(PiiKind.EMAIL);
    for (const m of plain.matchAll(EMAIL_RE)) add(m.index, m.index + m[0].length);
  }
  if (kinds.includes(PiiKind.IBAN)) findIbans(plain, adder(PiiKind.IBAN));
  if (kinds.includes(PiiKind.NATIONAL_ID))
    findNationalIds(plain, adder(PiiKind.NATIONAL_ID), contextAt);
  if (kinds.includes(PiiKind.CARD)) findCards(plain, adder(PiiKind.CARD), contextAt);
  if (kinds.includes(PiiKind.PHONE))
    findPhones(plain, adder(PiiKind.PHONE), contextAt, options.locale);
  for (const p of options.patterns ?? []) {
    const re = p.pattern.global ? p.pattern : new RegExp(p.pattern.source, `${p.pattern.flags}g`);
    re.lastIndex = 0;
    const add = adder(p.kind);
    for (const m of text.matchAll(re)) add(m.index, m.index + m[0].length);
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
