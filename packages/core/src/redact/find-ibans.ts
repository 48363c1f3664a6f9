import { isIbanValid } from './checksums.js';
import type { AddFinding } from './find-phones.js';

/** IBAN length per country, from the SWIFT IBAN registry (ISO 13616). */
const IBAN_LENGTHS: Record<string, number> = {
  AD: 24,
  AE: 23,
  AL: 28,
  AT: 20,
  AZ: 28,
  BA: 20,
  BE: 16,
  BG: 22,
  BH: 22,
  BI: 27,
  BR: 29,
  BY: 28,
  CH: 21,
  CR: 22,
  CY: 28,
  CZ: 24,
  DE: 22,
  DJ: 27,
  DK: 18,
  DO: 28,
  EE: 20,
  EG: 29,
  ES: 24,
  FI: 18,
  FK: 18,
  FO: 18,
  FR: 27,
  GB: 22,
  GE: 22,
  GI: 23,
  GL: 18,
  GR: 27,
  GT: 28,
  HN: 28,
  HR: 21,
  HU: 28,
  IE: 22,
  IL: 23,
  IQ: 23,
  IS: 26,
  IT: 27,
  JO: 30,
  KW: 30,
  KZ: 20,
  LB: 28,
  LC: 32,
  LI: 21,
  LT: 20,
  LU: 20,
  LV: 21,
  LY: 25,
  MC: 27,
  MD: 24,
  ME: 22,
  MK: 19,
  MN: 20,
  MR: 27,
  MT: 31,
  MU: 30,
  NI: 28,
  NL: 18,
  NO: 15,
  OM: 23,
  PK: 24,
  PL: 28,
  PS: 29,
  PT: 25,
  QA: 29,
  RO: 24,
  RS: 22,
  RU: 33,
  SA: 24,
  SC: 31,
  SD: 18,
  SE: 24,
  SI: 19,
  SK: 24,
  SM: 27,
  SO: 23,
  ST: 25,
  SV: 28,
  TL: 23,
  TN: 24,
  TR: 26,
  UA: 29,
  VA: 22,
  VG: 24,
  XK: 20,
  YE: 30,
};

// Country, check digits, then the account: compact, or printed in groups (usually of four),
// in any letter case.
const IBAN_RE = /(?<![A-Za-z0-9])[A-Za-z]{2}\d{2}(?:[ \u00A0-]?[A-Za-z0-9]){11,30}/gu;

/**
 * Finds IBANs: a registered country code, that country's length, and the mod-97 check, whether
 * compact, in groups of four, or lower case; a number of another length that passes mod 97 is
 * taken too. Words after the number are not taken into it.
 */
export function findIbans(text: string, add: AddFinding): void {
  for (const m of text.matchAll(IBAN_RE)) {
    const raw = m[0];
    const length = IBAN_LENGTHS[raw.slice(0, 2).toUpperCase()];
    if (!length) continue;
    // Take exactly `length` letters and digits, then require the number to end there.
    let taken = 0;
    let end = 0;
    while (end < raw.length && taken < length) {
      if (/[A-Za-z0-9]/.test(raw[end]!)) taken++;
      end++;
    }
    if (
      taken === length &&
      !/[A-Za-z0-9]/.test(text[m.index + end] ?? '') &&
      isIban(raw.slice(0, end))
    ) {
      add(m.index, m.index + end);
      continue;
    }
    // Not the registry's length (a typo, or a registry change): the longest prefix that ends
    // at a group boundary and passes mod 97 still is an account number.
    for (let cut = raw.length; cut >= 15; cut--) {
      const printed = raw.slice(0, cut);
      const groups = printed.split(/[ \u00A0-]/);
      const last = groups.at(-1)!;
      if (!/\d/.test(last) || /[\p{L}\p{N}]/u.test(text[m.index + cut] ?? '')) continue;
      if (groups.length > 1 && (last.length > 4 || groups.slice(0, -1).some((g) => g.length !== 4)))
        continue;
      if (isIban(printed)) {
        add(m.index, m.index + cut);
        break;
      }
    }
  }
}

const isIban = (printed: string) => isIbanValid(printed.replace(/[^A-Za-z0-9]/g, '').toUpperCase());
