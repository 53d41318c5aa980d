import { RangeIndexBuilder, type RangeIndex } from './range-index.js';

/**
 * Special-purpose address space (IANA registries, RFC 6890 and successors): no country can be
 * said of these, whatever a database answers. Each block carries the reason a report shows.
 */
const SPECIAL: ReadonlyArray<readonly [string, string]> = [
  ['0.0.0.0/8', '"this network" address (RFC 1122)'],
  ['10.0.0.0/8', 'private address (RFC 1918)'],
  ['100.64.0.0/10', 'carrier-grade NAT shared address (RFC 6598)'],
  ['127.0.0.0/8', 'loopback address'],
  ['169.254.0.0/16', 'link-local address'],
  ['172.16.0.0/12', 'private address (RFC 1918)'],
  ['192.0.0.0/24', 'IETF protocol assignment (RFC 6890)'],
  ['192.0.2.0/24', 'documentation address (RFC 5737)'],
  ['192.88.99.0/24', 'deprecated 6to4 relay anycast (RFC 7526)'],
  ['192.168.0.0/16', 'private address (RFC 1918)'],
  ['198.18.0.0/15', 'benchmarking address (RFC 2544)'],
  ['198.51.100.0/24', 'documentation address (RFC 5737)'],
  ['203.0.113.0/24', 'documentation address (RFC 5737)'],
  ['224.0.0.0/4', 'multicast address'],
  ['240.0.0.0/4', 'reserved address (RFC 1112)'],
  ['::/128', 'unspecified address'],
  ['::1/128', 'loopback address'],
  ['64:ff9b::/96', 'NAT64 translation address (RFC 6052)'],
  ['64:ff9b:1::/48', 'local NAT64 translation address (RFC 8215)'],
  ['100::/64', 'discard-only address (RFC 6666)'],
  ['2001::/23', 'IETF protocol assignment (RFC 2928)'],
  ['2001:db8::/32', 'documentation address (RFC 3849)'],
  ['2002::/16', '6to4 address (RFC 3056)'],
  ['3fff::/20', 'documentation address (RFC 9637)'],
  ['fc00::/7', 'unique local (private) address (RFC 4193)'],
  ['fe80::/10', 'link-local address'],
  ['ff00::/8', 'multicast address'],
];

let index: RangeIndex | undefined;
const reasons: string[] = [];

/**
 * Why `ip` has no country by definition (private, loopback, documentation...), or null when it
 * is ordinary public space. Takes the numeric forms from `ip-words.ts`.
 *
 * @example
 * specialReasonV4(ipv4ToNumber('10.1.2.3')) // 'private address (RFC 1918)'
 */
export function specialReasonV4(n: number): string | null {
  const i = specialIndex().lookupV4(n);
  return i < 0 ? null : reasons[i]!;
}

/** {@link specialReasonV4} for IPv6 words. */
export function specialReasonV6(words: Uint32Array): string | null {
  const i = specialIndex().lookupV6(words);
  if (i >= 0) return reasons[i]!;
  // Global unicast IPv6 is 2000::/3 only; the rest of the space is reserved by the IETF.
  return words[0]! >>> 29 === 1 ? null : 'reserved IPv6 address (not global unicast)';
}

function specialIndex(): RangeIndex {
  if (index) return index;
  const builder = new RangeIndexBuilder();
  // The blocks do not nest, so the builder's overlap rule never drops one.
  for (const [cidr, reason] of SPECIAL) {
    let id = reasons.indexOf(reason);
    if (id < 0) id = reasons.push(reason) - 1;
    builder.addCidr(cidr, id);
  }
  index = builder.build();
  return index;
}
