import type { BuiltinEntity } from '../types.js';
import { extractDates, extractTimes } from './date-entities.js';
import type { EntityMatch } from './entity-match.js';

/** What the built-in extractors need to know. */
export interface BuiltinContext {
  /** Bot language (`en`, `zh`, `zh-CN`, ...). */
  language: string;
  /** Reference time for relative dates ("tomorrow", "下周一"). */
  now: Date;
}

// Latin letters (with accents) and digits only: Chinese text glued to an address is not part of it.
const EMAIL_RE =
  /(?<![A-Za-z0-9\u00C0-\u024F._%+-])[A-Za-z0-9\u00C0-\u024F](?:[A-Za-z0-9\u00C0-\u024F._%+-]{0,62}[A-Za-z0-9\u00C0-\u024F_%+-])?@(?:[A-Za-z0-9\u00C0-\u024F](?:[A-Za-z0-9\u00C0-\u024F-]{0,61}[A-Za-z0-9\u00C0-\u024F])?\.)+[A-Za-z]{2,24}(?![A-Za-z0-9\u00C0-\u024F])/gu;
// Digits with at most one space, dot, hyphen or bracket between groups; 7-15 digits in all.
const PHONE_RE = /(?<![A-Za-z0-9+-])(?:\+|00)?\(?\d[\d\s().-]{5,20}\d(?![A-Za-z0-9])/gu;
const CURRENCY: Record<string, string> = {
  $: 'USD',
  usd: 'USD',
  dollar: 'USD',
  dollars: 'USD',
  '£': 'GBP',
  gbp: 'GBP',
  pound: 'GBP',
  pounds: 'GBP',
  '€': 'EUR',
  eur: 'EUR',
  euro: 'EUR',
  euros: 'EUR',
  '¥': 'CNY',
  '￥': 'CNY',
  rmb: 'CNY',
  cny: 'CNY',
  元: 'CNY',
  块: 'CNY',
  块钱: 'CNY',
  人民币: 'CNY',
  美元: 'USD',
  英镑: 'GBP',
  欧元: 'EUR',
};
const AMOUNT = String.raw`\d{1,3}(?:,\d{3})+(?:\.\d{1,2})?|\d+(?:\.\d{1,2})?`;
const MONEY_BEFORE_RE = new RegExp(
  String.raw`(\$|£|€|¥|￥|usd|gbp|eur|rmb|cny)\s?(${AMOUNT})`,
  'giu',
);
const MONEY_AFTER_RE = new RegExp(
  String.raw`(${AMOUNT})\s?(usd|gbp|eur|rmb|cny|dollars?|pounds?|euros?|块钱|块|元|人民币|美元|英镑|欧元)(?![a-z])`,
  'giu',
);
const NUMBER_RE = /(?<![A-Za-z0-9.,-])-?\d+(?:[.,]\d+)?(?![A-Za-z0-9])/gu;
const EN_NUMBERS: Record<string, number> = {
  zero: 0,
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  dozen: 12,
  twenty: 20,
};
const ZH_DIGITS: Record<string, number> = {
  零: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/**
 * Finds values of a built-in entity. `date` and `time` load chrono-node on first use (a dynamic
 * import, so bots without them never fetch it); the others are regular expressions.
 */
export async function extractBuiltin(
  name: BuiltinEntity,
  text: string,
  context: BuiltinContext,
): Promise<EntityMatch[]> {
  switch (name) {
    case 'email':
      return [...text.matchAll(EMAIL_RE)].map((m) => pattern(m[0].toLowerCase(), m[0], m.index));
    case 'phone':
      return extractPhones(text);
    case 'money':
      return extractMoney(text);
    case 'number':
      return extractNumbers(text);
    case 'date':
      return extractDates(text, context);
    case 'time':
      return extractTimes(text, context);
  }
}

function pattern(value: string | number, text: string, index: number): EntityMatch {
  return { value, text, start: index, end: index + text.length, how: 'pattern', score: 1 };
}

function extractPhones(text: string): EntityMatch[] {
  const out: EntityMatch[] = [];
  for (const m of text.matchAll(PHONE_RE)) {
    const raw = m[0].trim();
    const digits = raw.replace(/\D/g, '');
    // Separators only singly between digit groups; 7-15 digits (E.164's limit).
    if (digits.length < 7 || digits.length > 15 || /[\s().-]{2,}/.test(raw.replace(/\) /g, ')')))
      continue;
    // Dates written with digits are dates.
    if (/^\d{4}[-./]\d{1,2}[-./]\d{1,2}$|^\d{1,2}[-./]\d{1,2}[-./]\d{2,4}$/.test(raw)) continue;
    const plus = raw.startsWith('+') ? '+' : raw.startsWith('00') ? '+' : '';
    const value = plus && raw.startsWith('00') ? `+${digits.slice(2)}` : `${plus}${digits}`;
    out.push(pattern(value, raw, m.index));
  }
  return out;
}

function extractMoney(text: string): EntityMatch[] {
  const out: EntityMatch[] = [];
  const amount = (s: string) => Number(s.replace(/,/g, '')).toFixed(2);
  for (const m of text.matchAll(MONEY_BEFORE_RE)) {
    out.push(pattern(`${amount(m[2]!)} ${CURRENCY[m[1]!.toLowerCase()]}`, m[0], m.index));
  }
  for (const m of text.matchAll(MONEY_AFTER_RE)) {
    if (out.some((o) => m.index < o.end && o.start < m.index + m[0].length)) continue;
    out.push(pattern(`${amount(m[1]!)} ${CURRENCY[m[2]!.toLowerCase()]}`, m[0], m.index));
  }
  return out.sort((a, b) => a.start - b.start);
}

function extractNumbers(text: string): EntityMatch[] {
  const out: EntityMatch[] = [];
  for (const m of text.matchAll(NUMBER_RE)) {
    out.push(pattern(Number(m[0].replace(',', '.')), m[0], m.index));
  }
  for (const m of text.matchAll(
    /\b(zero|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozen|twenty)\b/giu,
  )) {
    out.push(pattern(EN_NUMBERS[m[1]!.toLowerCase()]!, m[0], m.index));
  }
  for (const m of text.matchAll(/[零一二两三四五六七八九十百]+(?=[个件条双份位张次天]|$)/gu)) {
    const value = chineseNumber(m[0]);
    if (value !== undefined) out.push(pattern(value, m[0], m.index));
  }
  return out.sort((a, b) => a.start - b.start);
}

/** 三 -> 3, 十二 -> 12, 二十五 -> 25, 一百零五 -> 105 (up to 999). */
export function chineseNumber(text: string): number | undefined {
  let total = 0;
  let digit = 0;
  for (const ch of text) {
    if (ch in ZH_DIGITS) digit = ZH_DIGITS[ch]!;
    else if (ch === '十') {
      total += (digit || 1) * 10;
      digit = 0;
    } else if (ch === '百') {
      total += (digit || 1) * 100;
      digit = 0;
    } else return undefined;
  }
  return total + digit;
}
