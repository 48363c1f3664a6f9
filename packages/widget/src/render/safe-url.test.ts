import { describe, expect, it } from 'vitest';
import { isExternalUrl, safeUrl } from './safe-url.js';

const BASE = 'https://shop.example/help/';

describe('safeUrl', () => {
  it('keeps http(s), mailto:, tel: and page-relative links', () => {
    for (const url of [
      'https://acme.example/returns',
      'HTTP://acme.example',
      'mailto:help@acme.example',
      'tel:+14155550100',
      '/account/orders',
      '../faq',
      '#top',
      'orders?id=3',
    ])
      expect(safeUrl(url, BASE)).toBe(url);
  });

  it('drops script, data and other schemes however they are disguised', () => {
    for (const url of [
      'javascript:alert(1)',
      'JaVaScRiPt:alert(1)',
      ' javascript:alert(1)',
      'java\tscript:alert(1)',
      'java\nscript:alert(1)',
      '\u0000javascript:alert(1)',
      'data:text/html,<script>alert(1)</script>',
      'vbscript:msgbox(1)',
      'blob:https://shop.example/x',
      'file:///etc/passwd',
      '',
    ])
      expect(safeUrl(url, BASE)).toBeUndefined();
  });

  it('reads backslashes as the browser does', () => {
    expect(safeUrl('/\\evil.example', BASE)).toBe('//evil.example');
    expect(isExternalUrl('//evil.example', BASE)).toBe(true);
    expect(isExternalUrl('/account', BASE)).toBe(false);
  });
});
