import { describe, expect, it } from 'vitest';
import { isIbanValid, isLuhnValid } from './checksums.js';
import { redactPII } from './redact-pii.js';

describe('redactPII', () => {
  it('replaces emails, phones, cards and IBANs and reports offsets into the original text', () => {
    const text = 'Mail ana@example.com, call +44 20 7946 0958, card 4111-1111-1111-1111.';
    const result = redactPII(text);
    expect(result.text).toBe('Mail [email], call [phone], card [card].');
    expect(result.findings.map((f) => [f.kind, text.slice(f.start, f.end)])).toEqual([
      ['email', 'ana@example.com'],
      ['phone', '+44 20 7946 0958'],
      ['card', '4111-1111-1111-1111'],
    ]);
  });

  it.each([
    ['+1 (415) 555-0134', 'US, international'],
    ['(415) 555-0134', 'US'],
    ['415.555.0134', 'US, dots'],
    ['1-800-555-0199', 'US toll-free'],
    ['+49 30 1234567', 'Germany, international'],
    ['030 1234567', 'Germany, national'],
    ['01 23 45 67 89', 'France'],
    ['0033 1 23 45 67 89', 'France, 00 prefix'],
    ['020 7946 0958', 'UK'],
    ['0612345678', 'Netherlands mobile'],
    ['13800138000', 'China mobile'],
    ['138 0013 8000', 'China mobile, grouped'],
    ['+86 138 0013 8000', 'China, international'],
    ['010-12345678', 'Beijing landline'],
    ['(021) 1234 5678', 'Shanghai landline'],
  ])('finds the phone number %s (%s)', (phone) => {
    expect(redactPII(`Please call ${phone} today`).text).toBe('Please call [phone] today');
  });

  it('finds Chinese text around numbers', () => {
    expect(redactPII('我的手机是13800138000，邮箱是li.wei@qq.com').text).toBe(
      '我的手机是[phone]，邮箱是[email]',
    );
  });

  it.each([
    'Order #12345678 was placed on 2024-01-15 at 10:30',
    'Reference 1234567812345678 (not a card: fails Luhn)',
    'Total $1,299.00, IP 192.168.1.1, version 1.2.3',
    'Tracking 9400 1000 0000 0000 0000 00',
    'Account DE00 3704 0044 0532 0130 00 (wrong check digits)',
    'ZIP 94103-1234, 3 x 250 g',
  ])('keeps look-alikes: %s', (text) => {
    expect(redactPII(text).text).toBe(text);
  });

  it('checks IBANs with mod 97, with or without spaces, and stops before trailing words', () => {
    const r = redactPII('IBAN GB82 WEST 1234 5698 7654 32 BIC too, FR1420041010050500013M02606 ok');
    expect(r.text).toBe('IBAN [iban] BIC too, [iban] ok');
  });

  it('needs a phone keyword before a bare digit run that is not clearly a phone', () => {
    expect(redactPII('phone: 4155550134').text).toBe('phone: [phone]');
    expect(redactPII('order 4155550134').text).toBe('order 4155550134');
  });

  it('finds e-mail addresses with accented, Cyrillic and Chinese domains', () => {
    expect(redactPII('Schreib an jürgen.müller@gmx.de bitte').text).toBe(
      'Schreib an [email] bitte',
    );
    expect(redactPII('почта иван@пример.рф спасибо').text).toBe('почта [email] спасибо');
    expect(redactPII('邮箱li.wei@例子.中国谢谢').text).toBe('邮箱[email]谢谢');
    expect(redactPII('邮箱li.wei@qq.com谢谢').text).toBe('邮箱[email]谢谢');
  });

  it('checks IBANs by registry length in any case and grouping, and still takes a mod-97-valid one of another length', () => {
    expect(redactPII('iban de89 3704 0044 0532 0130 00 thx').text).toBe('iban [iban] thx');
    expect(redactPII('BR15 0000 0000 0000 1093 2840 814 P2').text).toBe('[iban]');
    expect(redactPII('IBAN: NL91ABNA0417164300.').text).toBe('IBAN: [iban].');
    // 28 characters where the registry says 27 for France, but mod 97 holds.
    expect(redactPII('RIB FR95200410100505000130M026061 merci').text).toBe('RIB [iban] merci');
    expect(redactPII('IBAN DE89 3704 0044 0532 0130 00 doppelt').text).toBe('IBAN [iban] doppelt');
  });

  // The SWIFT IBAN registry's example of each country, printed and compact, as visitors of
  // each locale paste them.
  it.each([
    ['en-GB', 'My IBAN is GB29 NWBK 6016 1331 9268 19, thanks', 'GB29 NWBK 6016 1331 9268 19'],
    ['de-DE', 'Bitte erstatten an DE89370400440532013000.', 'DE89370400440532013000'],
    ['fr-FR', 'RIB : FR76 3000 6000 0112 3456 7890 189', 'FR76 3000 6000 0112 3456 7890 189'],
    ['es-ES', 'mi IBAN es ES91 2100 0418 4502 0005 1332', 'ES91 2100 0418 4502 0005 1332'],
    ['it-IT', 'IBAN: IT60X0542811101000000123456', 'IT60X0542811101000000123456'],
    ['nl-NL', 'rekening nl91 abna 0417 1643 00 graag', 'nl91 abna 0417 1643 00'],
    ['pt-BR', 'conta BR1800360305000010009795493C1', 'BR1800360305000010009795493C1'],
    ['zh-CN', '收款账户：CH9300762011623852957，谢谢', 'CH9300762011623852957'],
  ])('finds the IBAN in %s: %s', (_locale, text, iban) => {
    const f = redactPII(text).findings;
    expect(f.map((x) => [x.kind, text.slice(x.start, x.end)])).toEqual([['iban', iban]]);
  });

  it.each([
    ['en-US', 'email me at john.smith+orders@gmail.com', 'john.smith+orders@gmail.com'],
    ['de-DE', 'E-Mail: anna-lena.weber@t-online.de, danke', 'anna-lena.weber@t-online.de'],
    ['fr-FR', 'écrivez à françois.martin@orange.fr.', 'françois.martin@orange.fr'],
    ['ja-JP', 'メールはYAMADA.TARO@YAHOO.CO.JPです', 'YAMADA.TARO@YAHOO.CO.JP'],
    ['zh-TW', '信箱：chen.yiting@ms1.hinet.net（謝謝）', 'chen.yiting@ms1.hinet.net'],
  ])('finds the e-mail in %s: %s', (_locale, text, email) => {
    const f = redactPII(text).findings;
    expect(f.map((x) => [x.kind, text.slice(x.start, x.end)])).toEqual([['email', email]]);
  });

  it.each([
    'Follow @supportbot or #deals',
    'IBAN DE88 3704 0044 0532 0130 00 (typo: wrong check digits)',
    'Model GB29X-1000 is sold out',
    'version 1.2.3@beta, user@localhost',
  ])('keeps look-alikes of e-mails and IBANs: %s', (text) => {
    expect(redactPII(text).text).toBe(text);
  });

  it('reads a generic "number" by the label right before it, even inside a longer word', () => {
    expect(redactPII('Bestellung Nr. 0301234567 ist da').text).toBe(
      'Bestellung Nr. 0301234567 ist da',
    );
    expect(redactPII('订单号13800138000已发货').text).toBe('订单号13800138000已发货');
    expect(redactPII('电话号码13800138000').text).toBe('电话号码[phone]');
    expect(redactPII('my number is 4155550134').text).toBe('my number is [phone]');
  });

  it('takes any Luhn-valid number after a card word, whatever its prefix', () => {
    expect(redactPII('card number is 3507 3526 5430 7070').text).toBe('card number is [card]');
    expect(redactPII('reference 3507 3526 5430 7070').text).toBe('reference 3507 3526 5430 7070');
  });

  it('has a placeholder per kind, and the national-id kind can be turned off', () => {
    expect(redactPII('DNI 12345678Z').text).toBe('DNI [national-id]');
    expect(redactPII('DNI 12345678Z', { replacements: { 'national-id': '<id>' } }).text).toBe(
      'DNI <id>',
    );
    expect(redactPII('DNI 12345678Z', { kinds: ['email', 'phone'] }).text).toBe('DNI 12345678Z');
  });

  it('applies extra patterns and custom replacements; kinds can be turned off', () => {
    const r = redactPII('Customer CU-99812, mail a@b.co', {
      patterns: [{ kind: 'customer', pattern: /CU-\d{5}/ }],
      replacements: { email: '<hidden>' },
    });
    expect(r.text).toBe('Customer [customer], mail <hidden>');
    expect(redactPII('mail a@b.co', { kinds: ['phone'] }).text).toBe('mail a@b.co');
  });
});

describe('checksums', () => {
  it('Luhn and mod 97', () => {
    expect(isLuhnValid('4111111111111111')).toBe(true);
    expect(isLuhnValid('4111111111111112')).toBe(false);
    expect(isIbanValid('DE89370400440532013000')).toBe(true);
    expect(isIbanValid('DE88370400440532013000')).toBe(false);
  });
});
