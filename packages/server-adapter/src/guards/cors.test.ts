import { describe, expect, it } from 'vitest';
import { createCorsGuard } from './cors.js';

const allowed = (list: string[], origin: string) =>
  createCorsGuard({ allowedOrigins: list }).check(
    new Request('http://adapter.test/api/support', { method: 'POST', headers: { origin } }),
  ).allowed;

describe('allowedOrigins: parsed and compared by scheme, host and port', () => {
  const list = ['https://shop.example', 'https://*.acme.example', 'http://127.0.0.1:8080/'];

  it.each([
    'https://shop.example',
    'https://SHOP.example',
    'https://eu.acme.example',
    'https://a.b.acme.example',
    'http://127.0.0.1:8080',
  ])('allows %s', (origin) => {
    expect(allowed(list, origin)).toBe(true);
  });

  it.each([
    // String prefix/suffix tricks that passed the old matcher.
    'https://evil.example/.acme.example',
    'https://evil.example?.acme.example',
    'https://evil.example#.acme.example',
    'https://evil.example\\.acme.example',
    'https://user@x.acme.example',
    // Scheme, port and host mismatches.
    'http://eu.acme.example',
    'https://eu.acme.example:8443',
    'https://acme.example',
    'https://acme.example.evil.test',
    'https://evilacme.example',
    'https://shop.example:8443',
    'http://127.0.0.1:8081',
    'https://shop.example/',
    'null',
    'not a url',
  ])('refuses %s', (origin) => {
    expect(allowed(list, origin)).toBe(false);
  });

  it('refuses malformed allow-list entries at start-up', () => {
    expect(() => createCorsGuard({ allowedOrigins: ['shop.example'] })).toThrow(/is not an origin/);
    expect(() => createCorsGuard({ allowedOrigins: ['https://shop.example/path'] })).toThrow(
      /is not an origin/,
    );
  });
});
