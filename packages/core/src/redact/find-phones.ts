import {
  type ContextAt,
  NUMBER_END,
  NUMBER_START,
  type NumberContext,
  saysPhone,
} from './context-words.js';

/** Reports one finding `[start, end)`; returns false when it overlaps an earlier one. */
export type AddFinding = (start: number, end: number) => boolean;

// Digit groups, each optionally in brackets, joined by one separator (space, dot, dash, slash)
// or by nothing next to a bracket: "+44 (0)20 7946 0958", "(11) 91234-5678", "030/1234567".
const GROUP = String.raw`(?:\(\d{1,5}\)|\d{1,15})`;
const SEP = String.raw`(?:[ \u00A0]?[\-/][ \u00A0]?|[.\-/]|[ \u00A0]|(?<=\))|(?=\())`;
// Extensions: "x123", "ext. 12", "#12", "poste 12", "Durchwahl 12", "转123", "分機 12", "内線12".
const EXT = String.raw`(?:[ \u00A0]?,?[ \u00A0]?(?:ext\.?|extn\.?|extension|x|#|poste|int\.|interno|durchwahl|dw\.?|toestel|tst\.?|ramal|ext|内線|内线|分機|分机|转|轉)[ \u00A0]?(\d{1,6}))?`;
const PHONE_RE = new RegExp(
  `${NUMBER_START}(\\+[ \\u00A0]?)?(${GROUP}(?:${SEP}${GROUP}){0,7})${EXT}${NUMBER_END}`,
  'giu',
);

// National significant number lengths for the country codes people type most; other codes
// take any 7-13 digits.
const COUNTRY_NSN: Record<string, readonly [number, number]> = {
  '1': [10, 10],
  '7': [10, 10],
  '20': [8, 10],
  '27': [9, 9],
  '30': [10, 10],
  '31': [9, 9],
  '32': [8, 9],
  '33': [9, 9],
  '34': [9, 9],
  '36': [8, 9],
  '39': [6, 11],
  '40': [9, 9],
  '41': [9, 9],
  '43': [4, 13],
  '44': [9, 10],
  '45': [8, 8],
  '46': [7, 9],
  '47': [8, 8],
  '48': [9, 9],
  '49': [5, 13],
  '52': [10, 10],
  '54': [10, 11],
  '55': [10, 11],
  '61': [9, 9],
  '62': [8, 12],
  '63': [8, 10],
  '64': [8, 10],
  '65': [8, 8],
  '66': [8, 9],
  '81': [9, 10],
  '82': [8, 10],
  '84': [9, 10],
  '86': [9, 12],
  '90': [10, 10],
  '91': [10, 10],
  '351': [9, 9],
  '352': [6, 11],
  '353': [7, 9],
  '358': [6, 11],
  '852': [8, 8],
  '853': [8, 8],
  '886': [8, 9],
  '971': [8, 9],
};

function isInternational(digits: string): boolean {
  if (digits.startsWith('0')) return false;
  for (const n of [1, 2, 3]) {
    const range = COUNTRY_NSN[digits.slice(0, n)];
    if (range) {
      const nsn = digits.length - n;
      return nsn >= range[0] && nsn <= range[1];
    }
  }
  return digits.length >= 8 && digits.length <= 15;
}

// Dates (year first or last, an hour may follow) are never phone numbers.
const DATE_RE =
  /^(?:(?:19|20)\d\d[-./]?(?:0?[1-9]|1[0-2])[-./]?(?:0?[1-9]|[12]\d|3[01])|(?:0?[1-9]|[12]\d|3[01])[-./](?:0?[1-9]|[12]\d|3[01])[-./](?:19|20)?\d\d)(?: \d{1,2})?$/u;
// IPv4 addresses look like dotted phone numbers; only a phone word says which.
const IP_RE = /^(?:(?:25[0-5]|2[0-4]\d|1?\d?\d)\.){3}(?:25[0-5]|2[0-4]\d|1?\d?\d)$/u;

/**
 * Mobile numbers written bare without a trunk prefix, by region of the page or bot locale: with
 * that hint a bare run of this shape is a phone even without a phone word (never after "order").
 */
const LOCAL_MOBILES: Record<string, RegExp> = {
  US: /^1?[2-9]\d\d[2-9]\d{6}$/,
  CA: /^1?[2-9]\d\d[2-9]\d{6}$/,
  IN: /^[6-9]\d{9}$/,
  ES: /^[67]\d{8}$/,
  IT: /^3\d{8,9}$/,
  BR: /^[1-9][1-9]9\d{8}$/,
};

/**
 * Whether a run of digit groups (no extension, no `+`) written in a country's national format
 * is a phone number. Shapes are those of the national numbering plans: NANP 3-3-4, trunk-0
 * numbers of Europe, India, Brazil, Japan, China and Taiwan, mobiles written without a trunk
 * prefix (China 1x, India 6-9, Spain 6-9, Italy 3, Brazil (DD) 9xxxx-xxxx).
 */
function isNationalPhone(raw: string, context: NumberContext | undefined, hint?: RegExp): boolean {
  const groups = raw.match(/\d+/g) ?? [];
  const digits = groups.join('');
  const n = digits.length;
  const g = groups.map((x) => x.length).join('-');
  const bracketed = raw.includes('(');
  const phoneWord = saysPhone(context);
  if (n < 7 || n > 13) return false;
  // "20240103", "2025-01-23 03:02", "04/04/2025"; "192.168.1.10" unless a phone word says so.
  if (DATE_RE.test(raw) || (IP_RE.test(raw) && !phoneWord)) return false;
  if (groups.length === 1) {
    if (phoneWord) return n >= 8;
    // Bare digit runs are phones only in the shapes that nothing else takes: a trunk 0 with
    // 10-12 digits, a Chinese mobile; with a locale hint, that country's mobile numbers.
    return (
      (digits[0] === '0' && digits[1] !== '0' && n >= 10 && n <= 12) ||
      /^1[3-9]\d{9}$/.test(digits) ||
      (context === undefined && hint !== undefined && hint.test(digits))
    );
  }
  const first = groups[0]!;
  const last = groups.at(-1)!;
  if (last.length < 2) return false;
  // Trunk 0: "030 1234567", "01 23 45 67 89", "(021) 1234 5678", "03-1234-5678", "011 91234-5678".
  if (digits[0] === '0' && digits[1] !== '0' && n >= 9 && n <= 12) {
    return first.length >= 2 && groups.length <= 5;
  }
  // NANP: "(415) 555-0134", "415.555.0134", "1-800-555-0199".
  if (/^(?:3-3-4|1-3-3-4)$/.test(g) && /^1?[2-9]\d\d[2-9]/.test(digits)) return true;
  // Chinese mobiles "138 0013 8000"; Indian "98765 43210"; Italian "333 1234567".
  if (/^1[3-9]/.test(digits) && /^(?:3-4-4|3-8)$/.test(g)) return true;
  if (/^[6-9]/.test(digits) && /^(?:5-5|3-3-4|4-3-3)$/.test(g) && n === 10) return true;
  if (/^3/.test(digits) && /^(?:3-7|3-3-4|3-4-3|3-3-2-2)$/.test(g)) return true;
  // Spain: "612 345 678", "612 34 56 78", "91 234 56 78".
  if (/^[6-9]/.test(digits) && n === 9 && /^(?:3-3-3|3-2-2-2|2-3-2-2)$/.test(g)) return true;
  // Brazil: "(11) 91234-5678", "11 3456-7890".
  if (
    /^[1-9][1-9]/.test(digits) &&
    (g === '2-5-4'
      ? groups[1]![0] === '9'
      : g === '2-4-4' && (bracketed || /^[2-5]/.test(groups[1]!)))
  ) {
    return true;
  }
  // China: "400-123-4567", "800 123 4567" service numbers.
  if (/^[48]00/.test(digits) && /^(?:3-3-4|3-7)$/.test(g)) return true;
  // Local numbers without an area code, and anything else grouped, only next to a phone word.
  return (
    phoneWord && n >= 7 && groups.slice(first.length === 1 ? 1 : 0).every((x) => x.length >= 2)
  );
}

/** Whether `raw` (a `+`/`00` number, or a national one) is a phone number. */
function isPhone(
  plus: boolean,
  raw: string,
  context: NumberContext | undefined,
  hint?: RegExp,
): boolean {
  // "+44 (0)20 ...": the trunk 0 in brackets is not dialled from abroad.
  const digits = raw.replace(/\(0\)/g, '').replace(/\D/g, '');
  if (plus) return isInternational(digits);
  if (context === 'other' || context === 'card' || context === 'id') return false;
  if (digits.startsWith('00') && /^00[ \u00A0]?[1-9]/.test(raw))
    return isInternational(digits.slice(2));
  return isNationalPhone(raw, context, hint);
}

/**
 * Finds phone numbers in `text` (already normalised to ASCII digits): international numbers
 * with `+` or `00` and the national formats of the numbering plans above, with extensions.
 * `locale` (e.g. "es-ES") is a hint for bare mobile numbers, never a requirement.
 * A run of groups that holds two numbers is cut at the longest prefix that is a phone.
 */
export function findPhones(
  text: string,
  add: AddFinding,
  contextAt: ContextAt,
  locale?: string,
): void {
  const hint = locale ? LOCAL_MOBILES[locale.slice(-2).toUpperCase()] : undefined;
  PHONE_RE.lastIndex = 0;
  for (let m = PHONE_RE.exec(text); m; m = PHONE_RE.exec(text)) {
    const plus = m[1] !== undefined;
    const body = m[2]!;
    const bodyStart = m.index + (m[1]?.length ?? 0);
    const context = contextAt(m.index);
    let end = 0;
    if (isPhone(plus, body, context, hint)) {
      end = m.index + m[0].length;
    } else {
      // Only cut where a group ends.
      let digitsLeft = body.replace(/\D/g, '').length;
      for (let cut = body.length - 1; cut > 0 && end === 0; cut--) {
        if (/\d/.test(body[cut]!)) digitsLeft--;
        // A phone has at least 7 digits: no shorter prefix is worth a look.
        if (digitsLeft < 7) break;
        if (!/[\d)]/.test(body[cut - 1]!) || /\d/.test(body[cut]!)) continue;
        if (isPhone(plus, body.slice(0, cut), context, hint)) end = bodyStart + cut;
      }
    }
    // A German extension after a dash (DIN 5008): "030 12345-67".
    const tail = /^-\d{1,4}$/.exec(text.slice(end, bodyStart + body.length));
    if (end > 0 && tail) end += tail[0].length;
    if (end > 0) add(m.index, end);
    // A run that is no phone at all (a tracking number, the rest of a bad IBAN) is skipped
    // whole: a phone is never hiding in its middle.
    PHONE_RE.lastIndex = end > 0 ? end : m.index + m[0].length;
  }
}
