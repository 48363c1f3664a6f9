import { describe, expect, it } from 'vitest';
import { redactPII } from './redact-pii.js';

const ids = (text: string) =>
  redactPII(text)
    .findings.filter((f) => f.kind === 'national-id')
    .map((f) => text.slice(f.start, f.end));

describe('national identity numbers', () => {
  it.each([
    ['en-US SSN', 'My SSN is 078-05-1120.', '078-05-1120'],
    ['en-US SSN, bare after its name', 'SSN: 078051120', '078051120'],
    ['en-GB NINO, spaced', 'NI number AB 12 34 56 C please', 'AB 12 34 56 C'],
    ['en-GB NINO, compact', 'my NINO is AB123456C', 'AB123456C'],
    ['en-IN Aadhaar, grouped', 'Aadhaar 2341 2341 2346', '2341 2341 2346'],
    ['en-IN Aadhaar, bare after its name', 'my aadhaar number: 234123412346', '234123412346'],
    ['de-DE Steuer-IdNr after its name', 'Steuer-ID 86095742719', '86095742719'],
    ['fr-FR NIR, spaced', 'n° de sécu : 1 84 12 76 451 089 46', '1 84 12 76 451 089 46'],
    ['es-ES DNI', 'mi DNI es 12345678Z', '12345678Z'],
    ['es-ES DNI with dots', 'DNI 12.345.678-Z', '12.345.678-Z'],
    ['es-ES NIE', 'NIE X1234567L', 'X1234567L'],
    ['it-IT codice fiscale', 'codice fiscale RSSMRA85T10A562S', 'RSSMRA85T10A562S'],
    ['it-IT codice fiscale, lower case', 'cf: rssmra85t10a562s grazie', 'rssmra85t10a562s'],
    ['nl-NL BSN after its name', 'mijn BSN is 111222333', '111222333'],
    ['pt-BR CPF', 'meu CPF é 529.982.247-25', '529.982.247-25'],
    ['ja-JP My Number after its name', 'マイナンバーは123456789018です', '123456789018'],
    ['zh-CN resident ID', '身份证号11010519491231002X，谢谢', '11010519491231002X'],
    ['zh-CN resident ID, lower-case x', '身份证 11010519491231002x', '11010519491231002x'],
    ['zh-TW ID', '身分證字號A123456789', 'A123456789'],
  ])('%s', (_name, text, id) => {
    expect(ids(text)).toEqual([id]);
    expect(redactPII(text).text).toContain('[national-id]');
  });

  it.each([
    ['a 9-digit number without "SSN"', 'Order 078051120 shipped'],
    ['a 12-digit number without a name', 'Invoice 234123412346'],
    ['a BSN-valid number after "order"', 'bestelnummer 111222333'],
    ['an SSN with area 000', 'Ref 000-12-3456'],
    ['a wrong DNI letter', 'DNI 12345678A'],
    ['an ID with an impossible date', '身份证 110105194913310021'],
    ['an 11-digit CPF-valid number without "CPF"', 'pedido 52998224725'],
    ['a model number', 'model WH1000XM4B'],
    ['a NINO-shaped SKU after "SKU"', 'SKU AB123456C'],
    ['a Taiwan-ID-shaped order number', 'order A123456789'],
    ['a DNI-shaped reference', 'referencia 12345678Z'],
  ])('keeps %s', (_why, text) => {
    expect(redactPII(text).text).toBe(text);
  });
});
