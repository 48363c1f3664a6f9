import { describe, expect, it } from 'vitest';
import {
  isBsnValid,
  isChineseIdValid,
  isCodiceFiscaleValid,
  isCpfValid,
  isFrenchNirValid,
  isIbanValid,
  isLuhnValid,
  isMyNumberValid,
  isSpanishIdValid,
  isSteuerIdValid,
  isTaiwanIdValid,
  isVerhoeffValid,
} from './checksums.js';

// Published examples from each number's issuer or its standard; the second of each pair has
// one character changed and must fail.
describe('checksums', () => {
  it.each([
    ['Luhn (Visa test card)', isLuhnValid, '4111111111111111', '4111111111111112'],
    [
      'IBAN mod 97 (DE registry example)',
      isIbanValid,
      'DE89370400440532013000',
      'DE88370400440532013000',
    ],
    [
      'IBAN mod 97 (GB registry example)',
      isIbanValid,
      'GB82WEST12345698765432',
      'GB82WEST12345698765433',
    ],
    ['Verhoeff (Aadhaar)', isVerhoeffValid, '234123412346', '234123412347'],
    [
      'Chinese resident ID (GB 11643 example)',
      isChineseIdValid,
      '11010519491231002X',
      '110105194912310021',
    ],
    ['Brazilian CPF', isCpfValid, '52998224725', '52998224724'],
    ['Spanish DNI', isSpanishIdValid, '12345678Z', '12345678A'],
    ['Spanish NIE', isSpanishIdValid, 'X1234567L', 'X1234567T'],
    ['Italian codice fiscale', isCodiceFiscaleValid, 'RSSMRA85T10A562S', 'RSSMRA85T10A562T'],
    ['Taiwan ID', isTaiwanIdValid, 'A123456789', 'A123456788'],
    ['French NIR', isFrenchNirValid, '184127645108946', '184127645108947'],
    ['Dutch BSN (elfproef)', isBsnValid, '111222333', '111222334'],
    ['German Steuer-IdNr', isSteuerIdValid, '86095742719', '86095742718'],
    ['Japanese My Number', isMyNumberValid, '123456789018', '123456789017'],
  ] as const)('%s', (_name, check, valid, invalid) => {
    expect(check(valid)).toBe(true);
    expect(check(invalid)).toBe(false);
  });

  it('rejects impossible dates and repeated digits', () => {
    expect(isChineseIdValid('110105194913310021')).toBe(false);
    expect(isCpfValid('11111111111')).toBe(false);
    expect(isBsnValid('000000000')).toBe(false);
  });
});
