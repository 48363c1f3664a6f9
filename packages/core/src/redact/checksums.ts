/**
 * Luhn (mod 10) check used by payment card numbers. `digits` holds only 0-9.
 *
 * @example isLuhnValid('4111111111111111') // true
 */
export function isLuhnValid(digits: string): boolean {
  let sum = 0;
  let double = false;
  for (let i = digits.length - 1; i >= 0; i--) {
    let d = digits.charCodeAt(i) - 48;
    if (d < 0 || d > 9) return false;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
    double = !double;
  }
  return digits.length > 0 && sum % 10 === 0;
}

/**
 * ISO 13616 IBAN check: two letters, two check digits, then the account; the number formed by
 * moving the first four characters to the end (letters as 10..35) is 1 modulo 97.
 * `iban` must be upper-case with no spaces. The per-country length is checked by the detector.
 *
 * @example isIbanValid('DE89370400440532013000') // true
 */
export function isIbanValid(iban: string): boolean {
  if (!/^[A-Z]{2}\d{2}[A-Z0-9]{11,30}$/.test(iban)) return false;
  return mod97(iban.slice(4) + iban.slice(0, 4)) === 1;
}

/** The remainder modulo 97 of a string of digits and letters (letters count as 10..35). */
function mod97(s: string): number {
  let remainder = 0;
  for (let i = 0; i < s.length; i++) {
    const code = s.charCodeAt(i);
    const value = code >= 65 ? code - 55 : code - 48;
    remainder = value >= 10 ? (remainder * 100 + value) % 97 : (remainder * 10 + value) % 97;
  }
  return remainder;
}

// Verhoeff's dihedral-group tables (multiplication and permutation).
const VERHOEFF_D = [
  '0123456789',
  '1234067895',
  '2340178956',
  '3401289567',
  '4012395678',
  '5987604321',
  '6598710432',
  '7659821043',
  '8765932104',
  '9876543210',
];
const VERHOEFF_P = [
  '0123456789',
  '1576283094',
  '5803796142',
  '8916043527',
  '9453126870',
  '4286573901',
  '2793806415',
  '7046913258',
];

/**
 * Verhoeff check used by Indian Aadhaar numbers (12 digits, the last one the check digit).
 *
 * @example isVerhoeffValid('234123412346') // true
 */
export function isVerhoeffValid(digits: string): boolean {
  let c = 0;
  for (let i = 0; i < digits.length; i++) {
    const d = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (d < 0 || d > 9) return false;
    c = VERHOEFF_D[c]!.charCodeAt(VERHOEFF_P[i % 8]!.charCodeAt(d) - 48) - 48;
  }
  return digits.length > 0 && c === 0;
}

/**
 * Chinese resident identity number (GB 11643): 17 digits and a check character (0-9 or X) by
 * ISO 7064 MOD 11-2, with a plausible date of birth in digits 7-14. `id` is upper-case.
 *
 * @example isChineseIdValid('11010519491231002X') // true
 */
export function isChineseIdValid(id: string): boolean {
  if (!/^[1-9]\d{16}[\dX]$/.test(id)) return false;
  const month = Number(id.slice(10, 12));
  const day = Number(id.slice(12, 14));
  const year = Number(id.slice(6, 10));
  if (year < 1900 || year > 2099 || month < 1 || month > 12 || day < 1 || day > 31) return false;
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += (id.charCodeAt(i) - 48) * (2 ** (17 - i) % 11);
  return '10X98765432'[sum % 11] === id[17];
}

/**
 * Brazilian CPF: 11 digits whose last two are mod-11 check digits (all-equal numbers are
 * invalid).
 *
 * @example isCpfValid('52998224725') // true
 */
export function isCpfValid(digits: string): boolean {
  if (!/^\d{11}$/.test(digits) || /^(\d)\1{10}$/.test(digits)) return false;
  for (const n of [9, 10]) {
    let sum = 0;
    for (let i = 0; i < n; i++) sum += (digits.charCodeAt(i) - 48) * (n + 1 - i);
    if (((sum * 10) % 11) % 10 !== digits.charCodeAt(n) - 48) return false;
  }
  return true;
}

/**
 * Spanish DNI (8 digits and a letter) or NIE (X/Y/Z, 7 digits and a letter): the letter is the
 * number modulo 23 looked up in a fixed table. `id` is upper-case without separators.
 *
 * @example isSpanishIdValid('12345678Z') // true
 */
export function isSpanishIdValid(id: string): boolean {
  const m = /^([XYZ]|\d)(\d{7})([A-Z])$/.exec(id);
  if (!m) return false;
  const first = m[1]!;
  const lead = first === 'X' ? '0' : first === 'Y' ? '1' : first === 'Z' ? '2' : first;
  return 'TRWAGMYFPDXBNJZSQVHLCKE'[Number(lead + m[2]) % 23] === m[3];
}

// Codice fiscale: value of a character in an odd (1st, 3rd, ...) position; digits as A-J.
const CF_ODD = [
  1, 0, 5, 7, 9, 13, 15, 17, 19, 21, 2, 4, 18, 20, 11, 3, 6, 8, 12, 14, 16, 10, 22, 25, 24, 23,
];

/**
 * Italian codice fiscale: 16 characters (surname, name, birth year, month letter, day, place,
 * check letter), with the omocodia letters L-V allowed in place of digits. `cf` is upper-case.
 *
 * @example isCodiceFiscaleValid('RSSMRA85T10A562S') // true
 */
export function isCodiceFiscaleValid(cf: string): boolean {
  const D = '[0-9LMNPQRSTUV]';
  const shape = new RegExp(`^[A-Z]{6}${D}{2}[ABCDEHLMPRST]${D}{2}[A-Z]${D}{3}[A-Z]$`);
  if (!shape.test(cf)) return false;
  let sum = 0;
  for (let i = 0; i < 15; i++) {
    const code = cf.charCodeAt(i);
    const index = code <= 57 ? code - 48 : code - 65;
    sum += i % 2 === 0 ? CF_ODD[index]! : index;
  }
  return String.fromCharCode(65 + (sum % 26)) === cf[15];
}

/**
 * Taiwan national identification number: a letter (the place of first registration), 1/2 (or
 * 8/9 for residents' certificates), 8 digits, weighted checksum modulo 10. `id` is upper-case.
 *
 * @example isTaiwanIdValid('A123456789') // true
 */
export function isTaiwanIdValid(id: string): boolean {
  if (!/^[A-Z][1289]\d{8}$/.test(id)) return false;
  const letter = 'ABCDEFGHJKLMNPQRSTUVXYWZIO'.indexOf(id[0]!) + 10;
  let sum = Math.floor(letter / 10) + (letter % 10) * 9;
  for (let i = 1; i < 9; i++) sum += (id.charCodeAt(i) - 48) * (9 - i);
  return (sum + id.charCodeAt(9) - 48) % 10 === 0;
}

/**
 * French social security number (NIR): sex, year, month, department (2A/2B for Corsica),
 * commune, order, then a two-digit key equal to 97 minus the first 13 digits modulo 97.
 *
 * @example isFrenchNirValid('184127645108946') // true
 */
export function isFrenchNirValid(nir: string): boolean {
  const m = /^([1-478]\d{4})(\d{2}|2A|2B)(\d{6})(\d{2})$/.exec(nir);
  if (!m) return false;
  const dept = m[2] === '2A' ? '19' : m[2] === '2B' ? '18' : m[2]!;
  const body = m[1]! + dept + m[3]!;
  return 97 - mod97(body) === Number(m[4]);
}

/**
 * Dutch citizen service number (BSN): 9 digits passing the "elfproef" (weights 9..2, and -1
 * for the last digit, sum divisible by 11).
 *
 * @example isBsnValid('111222333') // true
 */
export function isBsnValid(digits: string): boolean {
  if (!/^\d{9}$/.test(digits) || /^0+$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += (digits.charCodeAt(i) - 48) * (9 - i);
  return (sum - (digits.charCodeAt(8) - 48)) % 11 === 0;
}

/**
 * German tax identification number (Steuer-IdNr): 11 digits, the first not 0, the last an
 * ISO 7064 MOD 11,10 check digit.
 *
 * @example isSteuerIdValid('86095742719') // true
 */
export function isSteuerIdValid(digits: string): boolean {
  if (!/^[1-9]\d{10}$/.test(digits)) return false;
  let product = 10;
  for (let i = 0; i < 10; i++) {
    let sum = (digits.charCodeAt(i) - 48 + product) % 10;
    if (sum === 0) sum = 10;
    product = (2 * sum) % 11;
  }
  const check = 11 - product;
  return (check === 10 ? 0 : check) === digits.charCodeAt(10) - 48;
}

/**
 * Japanese individual number (My Number): 12 digits, the last a weighted mod-11 check digit.
 *
 * @example isMyNumberValid('123456789018') // true
 */
export function isMyNumberValid(digits: string): boolean {
  if (!/^\d{12}$/.test(digits)) return false;
  let sum = 0;
  for (let n = 1; n <= 11; n++) sum += (digits.charCodeAt(11 - n) - 48) * (n <= 6 ? n + 1 : n - 5);
  const r = sum % 11;
  return (r <= 1 ? 0 : 11 - r) === digits.charCodeAt(11) - 48;
}
