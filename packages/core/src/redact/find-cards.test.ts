import { describe, expect, it } from 'vitest';
import { redactPII } from './redact-pii.js';

const kinds = (text: string) =>
  redactPII(text).findings.map((f) => [f.kind, text.slice(f.start, f.end)]);

describe('payment cards', () => {
  // Brands' published test numbers (Luhn-valid) in the layouts the brands print.
  it.each([
    ['Visa 16, 4-4-4-4', '4111 1111 1111 1111'],
    ['Visa 16, dashes', '4012-8888-8888-1881'],
    ['Visa 13', '4222222222222'],
    ['Mastercard', '5555 5555 5555 4444'],
    ['Mastercard 2-series', '2223 0031 2200 3222'],
    ['Amex 4-6-5', '3782 822463 10005'],
    ['Amex plain', '371449635398431'],
    ['Discover', '6011 1111 1111 1117'],
    ['Diners 4-6-4', '3056 930902 5904'],
    ['Diners 4-4-4-2', '3852 0000 0232 37'],
    ['JCB', '3530 1113 3330 0000'],
    ['JCB 19', '3589 1234 5678 9012 346'],
    ['Maestro 12', '5018 0000 0009'],
    ['Maestro 19, 4-4-4-4-3', '6759 0000 0000 0000 005'],
    ['UnionPay 16', '6200 0000 0000 0005'],
    ['UnionPay 19, 6-13', '621234 5678901234569'],
    ['Mir', '2201 3820 0000 0013'],
    ['RuPay', '6521 5500 0000 0001'],
  ])('finds %s: %s', (_brand, number) => {
    expect(kinds(`Paid with card ${number}, thanks`)).toEqual([['card', number]]);
  });

  it('finds cards after card words in other languages and right after CJK text', () => {
    expect(redactPII('Meine Kreditkarte: 4111-1111-1111-1111').text).toBe(
      'Meine Kreditkarte: [card]',
    );
    expect(redactPII('我的卡号是6200000000000005，谢谢').text).toBe('我的卡号是[card]，谢谢');
    expect(redactPII('カード番号は３５３０１１１３３３３０００００です').text).toBe(
      'カード番号は[card]です',
    );
  });

  it.each([
    ['Luhn fails', 'Card 4111 1111 1111 1112 was declined'],
    ['order number that passes Luhn', 'Order number 4111111111111111 shipped'],
    ['tracking number that passes Luhn', 'Tracking: 4111 1111 1111 1111'],
    ['EAN-13 barcode', 'EAN 4006381333931'],
    ['ISBN-13', 'ISBN 978-3-16-148410-0'],
    ['no brand has this prefix', 'Ref 9111111111111111'],
    ['20 digits (USPS tracking)', 'Parcel 9400 1000 0000 0000 0000 00'],
  ])('keeps %s', (_why, text) => {
    expect(redactPII(text).text).toBe(text);
  });
});
