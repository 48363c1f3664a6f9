import ipaddr from 'ipaddr.js';

/**
 * Which proxies in front of the adapter to believe when they name the client in
 * `X-Forwarded-For`:
 * - `false` (default): none; the client is the socket's peer (`context.clientAddress`).
 * - a number `n`: the `n` nearest hops are yours (the socket's peer is hop 1; `true` means 1).
 * - a list of addresses or CIDR ranges (`'10.0.0.0/8'`, `'::1'`): hops whose address is listed.
 * - a function `(address, hop) => boolean`, hop 0 being the socket's peer.
 */
export type TrustProxy = boolean | number | readonly string[] | TrustProxyFn;

/** Decides whether the hop at `hop` (0 = the socket's peer) with `address` is a proxy of yours. */
export type TrustProxyFn = (address: string | undefined, hop: number) => boolean;

/** The address as a canonical string (IPv4-mapped IPv6 as IPv4), or undefined when it is not an IP. */
export function normalizeIp(text: string | undefined): string | undefined {
  if (!text) return undefined;
  let s = text.trim();
  // "[::1]:8080" and "1.2.3.4:8080" as some proxies write them.
  const bracket = /^\[([^\]]+)\](?::\d+)?$/.exec(s);
  if (bracket) s = bracket[1]!;
  else if (/^\d{1,3}(?:\.\d{1,3}){3}:\d+$/.test(s)) s = s.slice(0, s.lastIndexOf(':'));
  if (!ipaddr.isValid(s)) return undefined;
  // ipaddr accepts loose IPv4 forms ("1", "0x7f.1"); only the dotted-quad and IPv6 forms count.
  if (!s.includes(':') && !ipaddr.IPv4.isValidFourPartDecimal(s)) return undefined;
  return ipaddr.process(s).toString();
}

/** Compiles a {@link TrustProxy} setting into one function. Throws on a malformed list entry. */
export function compileTrust(trust: TrustProxy | undefined): TrustProxyFn {
  if (trust === undefined || trust === false) return () => false;
  if (typeof trust === 'function') return trust;
  if (trust === true) return (_address, hop) => hop < 1;
  if (typeof trust === 'number') {
    if (!Number.isInteger(trust) || trust < 0) {
      throw new Error(
        `[support-bot] Failed to read rateLimit.trustProxy: ${trust} is not a whole number of hops. Please pass the number of proxies in front of the adapter.`,
      );
    }
    return (_address, hop) => hop < trust;
  }
  const ranges = trust.map((entry) => {
    const text = entry.trim();
    try {
      if (text.includes('/')) {
        const [range, bits] = ipaddr.parseCIDR(text);
        if (range.kind() === 'ipv6' && (range as ipaddr.IPv6).isIPv4MappedAddress()) {
          return { range: (range as ipaddr.IPv6).toIPv4Address(), bits: Math.max(0, bits - 96) };
        }
        return { range, bits };
      }
      const address = ipaddr.process(text);
      return { range: address, bits: address.kind() === 'ipv4' ? 32 : 128 };
    } catch {
      throw new Error(
        `[support-bot] Failed to read rateLimit.trustProxy: "${entry}" is not an IP address or CIDR range. Please list your proxies' addresses.`,
      );
    }
  });
  return (address) => {
    const ip = normalizeIp(address);
    if (!ip) return false;
    const parsed = ipaddr.parse(ip);
    return ranges.some(
      (r) => r.range.kind() === parsed.kind() && parsed.match(r.range as never, r.bits),
    );
  };
}

/** The client and why: the address, or undefined when no valid address could be established. */
export interface ClientAddressResult {
  address: string | undefined;
  /** Set when an address in the chain was not an IP (the hop before it is used instead). */
  invalid?: string;
}

/**
 * Express' `proxy-addr` rule, applied the same way whether or not the socket's address is known:
 * the chain is the socket's peer followed by the `X-Forwarded-For` entries right to left; walk it
 * while hops are trusted; the client is the first hop that is not (the right-most address your
 * proxies did not add). A client-written entry further left is never reached. An entry that is
 * not a valid IP ends the walk at the trusted hop before it (the platform's socket address is
 * taken as given).
 */
export function resolveClientAddress(
  socketAddress: string | undefined,
  forwardedFor: string | null,
  trust: TrustProxyFn,
): ClientAddressResult {
  const chain: (string | undefined)[] = [socketAddress];
  if (forwardedFor) {
    const entries = forwardedFor.split(',');
    for (let i = entries.length - 1; i >= 0; i--) chain.push(entries[i]!.trim());
  }
  let last: string | undefined;
  for (let hop = 0; hop < chain.length; hop++) {
    const raw = chain[hop];
    // The socket's address comes from the platform, not the client: kept as given if not an IP.
    const ip = normalizeIp(raw) ?? (hop === 0 ? raw : undefined);
    if (hop > 0 && !ip) return { address: last, invalid: raw ?? '' };
    if (hop === chain.length - 1 || !trust(ip, hop)) return { address: ip };
    last = ip;
  }
  return { address: last };
}
