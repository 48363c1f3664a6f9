import { describe, expect, it } from 'vitest';
import { compileTrust, normalizeIp, resolveClientAddress } from './client-address.js';

describe('resolveClientAddress (the proxy-addr rule)', () => {
  const hops = (n: number) => compileTrust(n);

  it('ignores X-Forwarded-For unless proxies are trusted', () => {
    expect(resolveClientAddress('198.51.100.1', '203.0.113.9', compileTrust(false))).toEqual({
      address: '198.51.100.1',
    });
  });

  it('takes the right-most address the trusted hops did not add, never a client-written one', () => {
    // nginx (10.0.0.1) appends the visitor's address to whatever the visitor sent.
    expect(resolveClientAddress('10.0.0.1', '6.6.6.6, 203.0.113.7', hops(1)).address).toBe(
      '203.0.113.7',
    );
    // CDN then nginx: two hops.
    expect(
      resolveClientAddress('10.0.0.1', '6.6.6.6, 203.0.113.7, 172.16.0.5', hops(2)).address,
    ).toBe('203.0.113.7');
    // A chain shorter than the hop count: the left-most entry (as Express does).
    expect(resolveClientAddress('10.0.0.1', '203.0.113.7', hops(3)).address).toBe('203.0.113.7');
  });

  it('applies the same rule when the socket address is unknown (the platform is hop 0)', () => {
    expect(resolveClientAddress(undefined, '6.6.6.6, 203.0.113.7', hops(1)).address).toBe(
      '203.0.113.7',
    );
    expect(resolveClientAddress(undefined, '6.6.6.6, 203.0.113.7', hops(0)).address).toBe(
      undefined,
    );
  });

  it('trusts listed proxies and CIDR ranges only', () => {
    const trust = compileTrust(['10.0.0.0/8', '::1']);
    expect(resolveClientAddress('10.1.2.3', '6.6.6.6, 203.0.113.7', trust).address).toBe(
      '203.0.113.7',
    );
    expect(resolveClientAddress('::1', '203.0.113.7, 10.9.9.9', trust).address).toBe('203.0.113.7');
    // Not from a listed proxy: the socket's peer is the client, whatever the header says.
    expect(resolveClientAddress('198.51.100.4', '203.0.113.7', trust).address).toBe('198.51.100.4');
    // IPv4-mapped IPv6 socket addresses match IPv4 ranges.
    expect(resolveClientAddress('::ffff:10.0.0.1', '203.0.113.7', trust).address).toBe(
      '203.0.113.7',
    );
    // Unknown socket address: nothing can be checked against the list.
    expect(resolveClientAddress(undefined, '203.0.113.7', trust).address).toBe(undefined);
  });

  it('validates addresses: garbage ends the walk at the trusted hop before it', () => {
    expect(resolveClientAddress('10.0.0.1', 'not-an-ip', hops(1))).toEqual({
      address: '10.0.0.1',
      invalid: 'not-an-ip',
    });
    expect(resolveClientAddress('10.0.0.1', '203.0.113.7:5123', hops(1)).address).toBe(
      '203.0.113.7',
    );
    expect(resolveClientAddress('10.0.0.1', '[2001:db8::1]:443', hops(1)).address).toBe(
      '2001:db8::1',
    );
  });

  it('normalizes and rejects loose IP forms', () => {
    expect(normalizeIp('::ffff:127.0.0.1')).toBe('127.0.0.1');
    expect(normalizeIp('0x7f.1')).toBe(undefined);
    expect(normalizeIp('1')).toBe(undefined);
    expect(normalizeIp('')).toBe(undefined);
    expect(() => compileTrust(['nginx'])).toThrow(/not an IP address or CIDR/);
    expect(() => compileTrust(-1)).toThrow(/whole number/);
  });
});
