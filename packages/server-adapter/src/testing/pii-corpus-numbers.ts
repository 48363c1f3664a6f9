import { digits, group, int, type PiiLocale, pick, type Rand } from './pii-corpus-values.js';

// ---- payment cards: brands' IIN ranges, lengths and printed layouts ---------------------------

/** Luhn check digit for `body` (the card number without its last digit). */
export function luhnDigit(body: string): string {
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    let v = body.charCodeAt(body.length - 1 - i) - 48;
    if (i % 2 === 0) v = v * 2 > 9 ? v * 2 - 9 : v * 2;
    sum += v;
  }
  return String((10 - (sum % 10)) % 10);
}

interface Brand {
  name: string;
  /** IIN prefixes as the brand publishes them (a range is expanded by `prefix`). */
  prefix: (r: Rand) => string;
  lengths: readonly number[];
}

const BRANDS: Record<string, Brand> = {
  visa: { name: 'Visa', prefix: () => '4', lengths: [16, 16, 16, 13, 19] },
  mastercard: {
    name: 'Mastercard',
    prefix: (r) => (r() < 0.7 ? String(int(r, 51, 55)) : String(int(r, 2221, 2720))),
    lengths: [16],
  },
  amex: { name: 'American Express', prefix: (r) => pick(r, ['34', '37']), lengths: [15] },
  discover: {
    name: 'Discover',
    prefix: (r) => pick(r, ['6011', String(int(r, 644, 649)), '65']),
    lengths: [16, 16, 19],
  },
  diners: {
    name: 'Diners Club',
    prefix: (r) => pick(r, [String(int(r, 300, 305)), '36', '38', '39']),
    lengths: [14, 14, 16],
  },
  jcb: {
    name: 'JCB',
    prefix: (r) => (r() < 0.85 ? String(int(r, 3528, 3589)) : pick(r, ['1800', '2131'])),
    lengths: [16],
  },
  maestro: {
    name: 'Maestro',
    prefix: (r) =>
      pick(r, ['5018', '5020', '5038', '5893', '6304', '6759', '6761', '6762', '6763']),
    lengths: [12, 13, 15, 16, 18, 19],
  },
  unionpay: { name: 'UnionPay', prefix: (r) => `62${digits(r, 1)}`, lengths: [16, 16, 17, 18, 19] },
  mir: { name: 'Mir', prefix: (r) => `220${int(r, 0, 4)}`, lengths: [16] },
  rupay: { name: 'RuPay', prefix: (r) => pick(r, ['60', '65', '81', '82', '508']), lengths: [16] },
};

/** Which brands visitors of a locale carry, commonest first (each appears at least once). */
const LOCAL_BRANDS: Record<PiiLocale, readonly string[]> = {
  'en-US': [
    'visa',
    'visa',
    'mastercard',
    'amex',
    'discover',
    'diners',
    'jcb',
    'maestro',
    'unionpay',
    'mir',
    'rupay',
  ],
  'en-GB': [
    'visa',
    'visa',
    'mastercard',
    'amex',
    'maestro',
    'diners',
    'discover',
    'jcb',
    'unionpay',
    'mir',
    'rupay',
  ],
  'en-IN': [
    'rupay',
    'rupay',
    'visa',
    'mastercard',
    'amex',
    'diners',
    'maestro',
    'discover',
    'jcb',
    'unionpay',
    'mir',
  ],
  'de-DE': [
    'visa',
    'mastercard',
    'maestro',
    'maestro',
    'amex',
    'diners',
    'discover',
    'jcb',
    'unionpay',
    'mir',
    'rupay',
  ],
  'fr-FR': [
    'visa',
    'visa',
    'mastercard',
    'amex',
    'maestro',
    'diners',
    'discover',
    'jcb',
    'unionpay',
    'mir',
    'rupay',
  ],
  'es-ES': [
    'visa',
    'visa',
    'mastercard',
    'amex',
    'maestro',
    'diners',
    'discover',
    'jcb',
    'unionpay',
    'mir',
    'rupay',
  ],
  'it-IT': [
    'visa',
    'mastercard',
    'maestro',
    'amex',
    'diners',
    'discover',
    'jcb',
    'unionpay',
    'mir',
    'rupay',
  ],
  'nl-NL': [
    'maestro',
    'visa',
    'mastercard',
    'amex',
    'diners',
    'discover',
    'jcb',
    'unionpay',
    'mir',
    'rupay',
  ],
  'pt-BR': [
    'visa',
    'mastercard',
    'mastercard',
    'amex',
    'diners',
    'discover',
    'jcb',
    'maestro',
    'unionpay',
    'mir',
    'rupay',
  ],
  'ja-JP': [
    'jcb',
    'jcb',
    'visa',
    'mastercard',
    'amex',
    'diners',
    'discover',
    'maestro',
    'unionpay',
    'mir',
    'rupay',
  ],
  'zh-CN': [
    'unionpay',
    'unionpay',
    'visa',
    'mastercard',
    'amex',
    'jcb',
    'diners',
    'discover',
    'maestro',
    'mir',
    'rupay',
  ],
  'zh-TW': [
    'visa',
    'mastercard',
    'jcb',
    'unionpay',
    'amex',
    'diners',
    'discover',
    'maestro',
    'mir',
    'rupay',
  ],
};

/** The groupings brands print for each length. */
const LAYOUTS: Record<number, readonly (readonly number[])[]> = {
  12: [[4, 4, 4]],
  13: [
    [4, 4, 5],
    [4, 3, 3, 3],
  ],
  14: [
    [4, 6, 4],
    [4, 4, 4, 2],
  ],
  15: [
    [4, 6, 5],
    [4, 4, 4, 3],
  ],
  16: [[4, 4, 4, 4]],
  17: [
    [4, 4, 4, 4, 1],
    [6, 11],
  ],
  18: [
    [4, 4, 4, 4, 2],
    [6, 12],
  ],
  19: [
    [4, 4, 4, 4, 3],
    [6, 13],
  ],
};

/** A Luhn-valid card number of a brand carried in `locale`, plain or grouped as printed. */
export function card(r: Rand, locale: PiiLocale): { value: string; brand: string } {
  const brand = BRANDS[pick(r, LOCAL_BRANDS[locale])]!;
  const prefix = brand.prefix(r);
  // JCB's old 1800 and 2131 ranges are 15 digits long.
  const length = prefix === '1800' || prefix === '2131' ? 15 : pick(r, brand.lengths);
  const body = prefix + digits(r, length - prefix.length - 1);
  const number = body + luhnDigit(body);
  const layout = r();
  const sizes = pick(r, LAYOUTS[length]!);
  const value = layout < 0.25 ? number : group(number, sizes, layout < 0.75 ? ' ' : '-');
  return { value, brand: brand.name };
}

// ---- IBAN: SWIFT registry lengths and BBAN structures -----------------------------------------

/** Country, BBAN structure (registry notation: n digits, a upper-case letters, c alphanumerics). */
const IBAN_FORMATS: readonly [string, string][] = [
  ['DE', '18n'],
  ['GB', '4a14n'],
  ['FR', '10n11c2n'],
  ['ES', '20n'],
  ['IT', '1a10n12c'],
  ['NL', '4a10n'],
  ['BE', '12n'],
  ['PT', '21n'],
  ['BR', '23n1a1c'],
  ['CH', '5n12c'],
  ['AT', '16n'],
  ['IE', '4a14n'],
  ['PL', '24n'],
  ['SE', '20n'],
  ['LU', '3n13c'],
  ['AE', '19n'],
];
/** Where a locale's visitors bank: its own country first; others send money abroad. */
const LOCAL_IBAN: Partial<Record<PiiLocale, string>> = {
  'en-GB': 'GB',
  'de-DE': 'DE',
  'fr-FR': 'FR',
  'es-ES': 'ES',
  'it-IT': 'IT',
  'nl-NL': 'NL',
  'pt-BR': 'BR',
};

function bban(r: Rand, structure: string): string {
  let out = '';
  for (const [, n, t] of structure.matchAll(/(\d+)([nac])/g)) {
    for (let i = 0; i < Number(n); i++) {
      const alpha = String.fromCharCode(65 + int(r, 0, 25));
      out += t === 'n' ? digits(r, 1) : t === 'a' ? alpha : r() < 0.6 ? digits(r, 1) : alpha;
    }
  }
  return out;
}

/** ISO 7064 MOD 97-10 check digits for `country` + `bban`. */
export function ibanCheck(country: string, account: string): string {
  let rem = 0;
  for (const ch of `${account}${country}00`) {
    const v = ch >= 'A' ? ch.charCodeAt(0) - 55 : Number(ch);
    rem = v >= 10 ? (rem * 100 + v) % 97 : (rem * 10 + v) % 97;
  }
  return String(98 - rem).padStart(2, '0');
}

/** An IBAN (the locale's country more often than not), compact, in groups of four, or lower case. */
export function iban(r: Rand, locale: PiiLocale, checkOffset = 0): string {
  const local = LOCAL_IBAN[locale];
  const [country, structure] =
    local && r() < 0.6 ? IBAN_FORMATS.find(([c]) => c === local)! : pick(r, IBAN_FORMATS);
  const account = bban(r, structure);
  const check = checkOffset
    ? String(((Number(ibanCheck(country, account)) + checkOffset - 2) % 97) + 2).padStart(2, '0')
    : ibanCheck(country, account);
  const compact = country + check + account;
  const layout = r();
  const printed = layout < 0.6 ? group(compact, Array(9).fill(4), ' ') : compact;
  return layout > 0.85 ? printed.toLowerCase() : printed;
}
