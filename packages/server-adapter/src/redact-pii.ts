/** What kind of personal data a finding is. */
export type PiiKind = 'email' | 'phone' | 'card' | 'iban' | 'custom';

export interface RedactOptions {
  /** Extra patterns (global regexes) replaced by `[redacted]`. */
  patterns?: RegExp[];
}

const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;
const IBAN = /\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b/g;
const CARD = /\b(?:\d[ -]?){12,18}\d\b/g;
const PHONE =
  /(?<![\d\w])(?:\+\d{1,3}[\s.-]?)?(?:\(\d{2,4}\)[\s.-]?)?\d{2,4}[\s.-]?\d{3,4}(?:[\s.-]?\d{3,4})?(?!\d)/g;

function luhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let d = Number(digits[digits.length - 1 - i]);
    if (i % 2 === 1) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return sum % 10 === 0;
}

function ibanValid(iban: string): boolean {
  const s = iban.replace(/ /g, '');
  const moved = s.slice(4) + s.slice(0, 4);
  let remainder = 0;
  for (const ch of moved) {
    const value = /\d/.test(ch) ? ch : String(ch.charCodeAt(0) - 55);
    for (const digit of value) remainder = (remainder * 10 + Number(digit)) % 97;
  }
  return remainder === 1;
}

/**
 * Replaces e-mail addresses, IBANs (mod-97 checked), payment card numbers (Luhn checked, so
 * order numbers survive) and phone numbers with `[email]`, `[iban]`, `[card]`, `[phone]`.
 *
 * @example
 * redactPII('mail me at jo@example.com').text // 'mail me at [email]'
 */
export function redactPII(
  text: string,
  options: RedactOptions = {},
): { text: string; found: PiiKind[] } {
  const found: PiiKind[] = [];
  let out = text.replace(EMAIL, () => {
    found.push('email');
    return '[email]';
  });
  out = out.replace(IBAN, (m) => {
    if (!ibanValid(m)) return m;
    found.push('iban');
    return '[iban]';
  });
  out = out.replace(CARD, (m) => {
    const digits = m.replace(/\D/g, '');
    if (digits.length < 13 || digits.length > 19 || !luhn(digits)) return m;
    found.push('card');
    return '[card]';
  });
  out = out.replace(PHONE, (m) => {
    const digits = m.replace(/\D/g, '').length;
    // A bare run of digits is more likely an order or tracking number than a phone number.
    if (digits < 8 || digits > 15 || !/^[+(]|[\s.-]/.test(m)) return m;
    found.push('phone');
    return '[phone]';
  });
  for (const pattern of options.patterns ?? []) {
    out = out.replace(pattern, () => {
      found.push('custom');
      return '[redacted]';
    });
  }
  return { text: out, found };
}
