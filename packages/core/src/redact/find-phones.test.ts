import { describe, expect, it } from 'vitest';
import { redactPII } from './redact-pii.js';

const phones = (text: string) =>
  redactPII(text)
    .findings.filter((f) => f.kind === 'phone')
    .map((f) => text.slice(f.start, f.end));

// Numbers from the ranges regulators set aside for examples where they exist (US 555-01xx,
// UK Ofcom drama ranges), written the ways visitors of each locale write them.
describe.each([
  [
    'en-US',
    [
      'Call me at (201) 555-0123 tomorrow',
      'my cell: 212-555-0199 ext. 12, evenings',
      'Toll free 1-800-555-0199 please',
      'phone +1 415 555 0134 x123.',
      'You can reach me at 2125550199',
      'call 415.555.0134 #12 anytime',
    ],
  ],
  [
    'en-GB',
    [
      'Ring me on 020 7946 0958 please',
      'mobile 07700 900123 after 5',
      'Tel: +44 (0)161 496 0000',
      'office 0113 496 0000 ext 12',
    ],
  ],
  [
    'en-IN',
    [
      'WhatsApp +91 98765 43210 anytime',
      'Call me on 98765 43210',
      'office 011-2345 6789',
      'my number is 9876543210',
    ],
  ],
  [
    'de-DE',
    [
      'Rufen Sie mich an: 030 12345678',
      'Tel. 030/1234567, danke',
      'Handy 0171 1234567',
      'erreichbar unter +49 (0)89 1234567',
      'Durchwahl 030 12345-67 bitte',
    ],
  ],
  [
    'fr-FR',
    [
      'Appelez-moi au 01 23 45 67 89',
      'portable 06.12.34.56.78',
      'Tél. : +33 6 12 34 56 78',
      '+33 (0)1 23 45 67 89 poste 12',
    ],
  ],
  [
    'es-ES',
    [
      'Llámame al 612 34 56 78',
      'teléfono 912 345 678',
      'móvil +34 612 345 678',
      'mi número es 612345678',
    ],
  ],
  [
    'it-IT',
    [
      'Chiamatemi al 06 1234 5678',
      'cellulare 333 123 4567',
      'Tel. +39 02 1234 5678 int. 21',
      'chiamami al 3331234567',
    ],
  ],
  [
    'nl-NL',
    [
      'Bel me op 020-123 4567',
      'mobiel 06-12345678',
      'telefoon +31 6 12345678',
      'nummer 0612345678',
    ],
  ],
  [
    'pt-BR',
    [
      'Me liga no (11) 91234-5678',
      'telefone (21) 3456-7890',
      'WhatsApp +55 11 91234-5678',
      'celular 11912345678',
    ],
  ],
  [
    'ja-JP',
    [
      '電話番号は03-1234-5678です',
      '携帯：090-1234-5678',
      'フリーダイヤル 0120-123-456',
      'TEL +81 90-1234-5678',
      '携帯は０９０－１２３４－５６７８です',
    ],
  ],
  [
    'zh-CN',
    [
      '我的手机是13800138000',
      '电话：010-12345678',
      '请打 0755-12345678转123',
      '客服 400-123-4567',
      '手机 +86 138 0013 8000',
    ],
  ],
  [
    'zh-TW',
    [
      '我的手機是0912-345-678',
      '電話：(02) 2345-6789',
      '市話 02-2345-6789 分機 123',
      '+886 912 345 678',
    ],
  ],
])('phones in %s', (_locale, texts) => {
  it.each(texts)('%s', (text) => {
    const found = phones(text);
    expect(found).toHaveLength(1);
    // The whole number, extension included, and nothing around it.
    expect(text).toContain(found[0]);
    expect(found[0]).toMatch(/^[+(0-9０-９]/u);
    expect(found[0]).toMatch(/[0-9０-９]$/u);
    expect(found[0]!.replace(/[^0-9０-９]/gu, '').length).toBeGreaterThanOrEqual(7);
  });
});

describe('phones: exact spans', () => {
  it.each([
    ['my cell: 212-555-0199 ext. 12, evenings', '212-555-0199 ext. 12'],
    ['+33 (0)1 23 45 67 89 poste 12', '+33 (0)1 23 45 67 89 poste 12'],
    ['Durchwahl 030 12345-67 bitte', '030 12345-67'],
    ['请打 0755-12345678转123', '0755-12345678转123'],
    ['携帯は０９０－１２３４－５６７８です', '０９０－１２３４－５６７８'],
  ])('%s', (text, span) => {
    expect(phones(text)).toEqual([span]);
  });
});

// Look-alikes in each locale's own formats: none of them is a phone number.
describe('phones: look-alikes are kept', () => {
  it.each([
    'Order #112-1234567-1234567 shipped 01/15/2024 at 3:30 PM for $1,299.00 to ZIP 94103-1234.',
    'Order 123456789 delivered 15/01/2024 15:30, £49.99, postcode SW1A 1AA.',
    'Order 4071234567 on 15-01-2024, ₹1,23,456.00, PIN 110001.',
    'Bestellnummer 0301234567 vom 15.01.2024 um 15:30 Uhr, 1.299,00 €, PLZ 10115 Berlin.',
    'Commande n° 0612345678 du 15/01/2024 à 15h30, 1 299,00 €, 75008 Paris.',
    'Pedido nº 612345678 del 15/01/2024, 1.299,00 €, CP 28013 Madrid.',
    'Ordine n. 3331234567 del 15/01/2024 ore 15:30, € 1.299,00, CAP 00184 Roma.',
    'Bestelling 0612345678 op 15-01-2024 om 15:30 uur, € 1.299,00, 1012 AB Amsterdam.',
    'Pedido nº 11912345678 de 15/01/2024, R$ 1.299,90, CEP 01310-100.',
    '注文番号 09012345678、2024年1月15日 15:30、¥12,800、〒100-0001。',
    '订单号 13800138000，2024-01-15 15:30，¥1299.00，邮编100000。',
    '訂單編號 0912345678，113年1月15日，NT$1,200，郵遞區號 106。',
    'Tracking 1Z999AA10123456784, SF1234567890123, JD0001234567890, FedEx tracking 7489 2837 4829',
    'Invoice INV-2024-000123, model SM-G991B, WH-1000XM4, IP 192.168.1.10, v2.10.3, ISBN 0-306-40615-2',
    'On 2024-01-15 10:30 and 20240115, 3 x 250 g',
  ])('%s', (text) => {
    expect(redactPII(text).text).toBe(text);
  });
});

describe('phones: the locale is a hint', () => {
  it.each([
    ['es-ES', 'Hola, 612345678'],
    ['it-IT', 'Grazie! 3331234567'],
    ['en-IN', 'Thanks 9876543210'],
    ['pt-BR', 'Obrigado 11912345678'],
    ['en-US', 'Thanks 4155550134'],
  ])('%s: a bare mobile number counts with the hint, not without', (locale, text) => {
    expect(redactPII(text, { locale }).findings.map((f) => f.kind)).toEqual(['phone']);
    expect(redactPII(text).text).toBe(text);
  });

  it('never after an order word, and other locales are still found with a hint', () => {
    expect(redactPII('pedido 612345678', { locale: 'es-ES' }).text).toBe('pedido 612345678');
    expect(redactPII('Tel. 030 1234567', { locale: 'es-ES' }).text).toBe('Tel. [phone]');
  });
});
