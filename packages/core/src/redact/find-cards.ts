import { isLuhnValid } from './checksums.js';
import { type ContextAt, NUMBER_END, NUMBER_START } from './context-words.js';
import type { AddFinding } from './find-phones.js';

// 12-19 digits: plain, or in groups joined by one kind of separator (space, dash, dot) the way
// the brands print them (4-4-4-4, 4-6-5, 4-6-4, 4-4-4-2, 4-4-4-4-3, ...).
const CARD_RE = new RegExp(
  `${NUMBER_START}(?:\\d{12,19}|\\d{4,6}([ \\u00A0.-])(?:\\d{3,6}(?:\\1\\d{1,6}){0,4}|\\d{7,13}))${NUMBER_END}`,
  'gu',
);

/**
 * Issuer identification ranges and lengths of the card networks (ISO/IEC 7812 IINs as the
 * brands publish them): [first digits pattern, allowed lengths].
 */
const BRANDS: readonly (readonly [RegExp, readonly number[]])[] = [
  [/^4/, [13, 16, 19]], // Visa (Electron 16)
  [/^(?:5[1-5]|222[1-9]|22[3-9]|2[3-6]|27[01]|2720)/, [16]], // Mastercard
  [/^3[47]/, [15]], // American Express
  [/^(?:6011|64[4-9]|65)/, [16, 17, 18, 19]], // Discover (and RuPay 65)
  [/^(?:30[0-5]|3095|36|3[89])/, [14, 15, 16, 17, 18, 19]], // Diners Club
  [/^35(?:2[89]|[3-8])/, [15, 16, 17, 18, 19]], // JCB
  [/^(?:1800|2131)/, [15]], // JCB (old 15-digit ranges)
  [/^(?:5[06-9]|6)/, [12, 13, 14, 15, 16, 17, 18, 19]], // Maestro
  [/^(?:62|81)/, [16, 17, 18, 19]], // UnionPay
  [/^220[0-4]/, [16, 17, 18, 19]], // Mir
  [/^(?:60|65|81|82|508|353|356)/, [16]], // RuPay
];

/** True when `digits` has a card brand's prefix and length and passes the Luhn check. */
export function isCardNumber(digits: string): boolean {
  const n = digits.length;
  return (
    BRANDS.some(([prefix, lengths]) => lengths.includes(n) && prefix.test(digits)) &&
    isLuhnValid(digits)
  );
}

/** Every EAN-13 / ISBN-13 / GTIN passes this (weights 1,3); a card passes it one time in ten. */
function isEan13(digits: string): boolean {
  if (digits.length !== 13) return false;
  let sum = 0;
  for (let i = 0; i < 13; i++) sum += (digits.charCodeAt(i) - 48) * (i % 2 === 0 ? 1 : 3);
  return sum % 10 === 0;
}

/** Separators, when present, split the number the way the brands print it. */
function hasCardGroups(raw: string): boolean {
  const groups = raw.match(/\d+/g)!;
  if (groups.length === 1) return true;
  const first = groups[0]!.length;
  const middle = groups.slice(1, -1);
  return (first === 4 || first === 6) && groups.length <= 5 && middle.every((g) => g.length >= 3);
}

/**
 * Finds payment card numbers: every brand's IIN range and length (12-19 digits), Luhn-checked,
 * plain or grouped. A number labelled as something else (order, tracking, EAN) is kept, and so
 * are valid EAN-13 barcodes unless a card word stands before them. After a card word, any
 * Luhn-valid 12-19 digit number is taken, whatever its prefix.
 */
export function findCards(text: string, add: AddFinding, contextAt: ContextAt): void {
  for (const m of text.matchAll(CARD_RE)) {
    const digits = m[0].replace(/\D/g, '');
    if (digits.length < 12 || digits.length > 19) continue;
    if (!hasCardGroups(m[0])) continue;
    const context = contextAt(m.index);
    // After a card word any Luhn-valid number counts: a brand's range may be missing above.
    if (!(context === 'card' ? isLuhnValid(digits) : isCardNumber(digits))) continue;
    if (context === 'other' || context === 'id') continue;
    // Barcodes are printed plain (or 1-6-6), never in a card's groups of four.
    if (isEan13(digits) && context !== 'card' && !/^\d{4}\D/.test(m[0])) continue;
    add(m.index, m.index + m[0].length);
  }
}
