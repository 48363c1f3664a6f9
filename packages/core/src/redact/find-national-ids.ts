import {
  isBsnValid,
  isChineseIdValid,
  isCodiceFiscaleValid,
  isCpfValid,
  isFrenchNirValid,
  isMyNumberValid,
  isSpanishIdValid,
  isSteuerIdValid,
  isTaiwanIdValid,
  isVerhoeffValid,
} from './checksums.js';
import { type ContextAt, ID_END, NUMBER_START, type NumberContext } from './context-words.js';
import type { AddFinding } from './find-phones.js';

interface IdFormat {
  re: RegExp;
  /** Whether the match (upper-cased, separators removed) is valid; `context` is the label before it. */
  valid: (compact: string, raw: string, context: NumberContext | undefined) => boolean;
}

const re = (body: string) => new RegExp(`${NUMBER_START}(?:${body})${ID_END}`, 'gu');
const unlabelled = (c: NumberContext | undefined) => c !== 'other' && c !== 'card';

/** National identity numbers with a fixed structure or a check character. */
const FORMATS: readonly IdFormat[] = [
  // China: 6-digit region, date of birth, sequence, MOD 11-2 check (0-9 or X).
  {
    re: re(String.raw`[1-9]\d{5} ?\d{8} ?\d{3}[\dXx]`),
    valid: (c, _r, context) => unlabelled(context) && isChineseIdValid(c),
  },
  // Taiwan: letter, 1/2 (8/9 for residents), 8 digits, weighted check.
  {
    re: re('[A-Za-z][1289]\\d{8}'),
    valid: (c, _r, context) => unlabelled(context) && isTaiwanIdValid(c),
  },
  // Italy: codice fiscale, 16 characters with a check letter (omocodia letters allowed).
  {
    re: re(
      '[A-Za-z]{6}[0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{2}[A-Za-z][0-9LMNPQRSTUVlmnpqrstuv]{3}[A-Za-z]',
    ),
    valid: (c, _r, context) => unlabelled(context) && isCodiceFiscaleValid(c),
  },
  // UK National Insurance number: "QQ 12 34 56 C", "QQ123456C".
  {
    re: re(
      '[A-CEGHJ-PR-TW-Za-ceghj-pr-tw-z][A-CEGHJ-NPR-TW-Za-ceghj-npr-tw-z] ?\\d{2} ?\\d{2} ?\\d{2} ?[A-Da-d]',
    ),
    valid: (c, _r, context) => unlabelled(context) && !/^(?:BG|GB|NK|KN|TN|NT|ZZ)/.test(c),
  },
  // Spain: DNI "12345678Z", "12.345.678-Z"; NIE "X1234567L".
  {
    re: re('(?:[XYZxyz][ -]?\\d{7}|\\d{8}|\\d{2}\\.\\d{3}\\.\\d{3})(?:[ -]?[A-Z]|-?[a-z])'),
    valid: (c, _r, context) => unlabelled(context) && isSpanishIdValid(c),
  },
  // US Social Security number: "123-45-6789", "123 45 6789"; bare 9 digits after "SSN".
  {
    re: re('\\d{3}([ -])\\d{2}\\1\\d{4}|\\d{9}'),
    valid: (c, raw, context) =>
      (raw.length === 11 || context === 'id') &&
      /^(?!000|666|9)\d{3}(?!00)\d{2}(?!0000)\d{4}$/.test(c) &&
      unlabelled(context),
  },
  // Brazil: CPF "123.456.789-09"; bare 11 digits after "CPF".
  {
    re: re('\\d{3}\\.\\d{3}\\.\\d{3}-\\d{2}|\\d{9}-\\d{2}|\\d{11}'),
    valid: (c, raw, context) =>
      (raw.length > 11 || context === 'id') && unlabelled(context) && isCpfValid(c),
  },
  // India: Aadhaar "2345 6789 0123" (Verhoeff); bare 12 digits after "Aadhaar".
  {
    re: re('[2-9]\\d{3}([ -])\\d{4}\\1\\d{4}|[2-9]\\d{11}'),
    valid: (c, raw, context) =>
      (raw.length > 12 || context === 'id') && unlabelled(context) && isVerhoeffValid(c),
  },
  // Japan: My Number, 12 digits, only after its name.
  {
    re: re('\\d{4}([ -])\\d{4}\\1\\d{4}|\\d{12}'),
    valid: (c, _raw, context) => context === 'id' && isMyNumberValid(c),
  },
  // France: NIR (social security number), 15 characters with a mod-97 key.
  {
    re: re('[12478] ?\\d{2} ?\\d{2} ?(?:\\d{2}|2[ABab]) ?\\d{3} ?\\d{3} ?\\d{2}'),
    valid: (c, _raw, context) => unlabelled(context) && isFrenchNirValid(c),
  },
  // Netherlands: BSN (elfproef) and Germany: Steuer-IdNr, only after their names.
  {
    re: re('\\d{4}\\.\\d{2}\\.\\d{3}|\\d{9}'),
    valid: (c, _raw, context) => context === 'id' && isBsnValid(c),
  },
  {
    re: re('\\d{2} ?\\d{3} ?\\d{3} ?\\d{3}'),
    valid: (c, _raw, context) => context === 'id' && isSteuerIdValid(c),
  },
];

/**
 * Finds national identity numbers: US SSN, Chinese resident ID, Taiwan ID, UK National
 * Insurance number, Spanish DNI/NIE, Italian codice fiscale, Brazilian CPF, Indian Aadhaar,
 * French NIR, and (after their names) Dutch BSN, German Steuer-IdNr and Japanese My Number.
 * Each is checked by its check character or structure, and none is taken right after an order,
 * tracking, model or card word.
 */
export function findNationalIds(text: string, add: AddFinding, contextAt: ContextAt): void {
  for (const format of FORMATS) {
    for (const m of text.matchAll(format.re)) {
      const compact = m[0].replace(/[ .\-\u00A0]/g, '').toUpperCase();
      const context = contextAt(m.index);
      if (format.valid(compact, m[0], context)) add(m.index, m.index + m[0].length);
    }
  }
}
