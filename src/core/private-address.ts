import { ipv4ToNumber } from './ip.js';

// Ranges no one reaches from the internet (RFC 1918 private, RFC 6598 carrier-grade NAT,
// loopback, link-local), as [first, last] numbers of the IPv4 space.
const PRIVATE_V4: ReadonlyArray<readonly [number, number]> = [
  [0x0a000000, 0x0affffff], // 10.0.0.0/8
  [0x64400000, 0x647fffff], // 100.64.0.0/10
  [0x7f000000, 0x7fffffff], // 127.0.0.0/8
  [0xa9fe0000, 0xa9feffff], // 169.254.0.0/16
  [0xac100000, 0xac1fffff], // 172.16.0.0/12
  [0xc0a80000, 0xc0a8ffff], // 192.168.0.0/16
];

/**
 * Whether a canonical address (as `normaliseIp` writes it) is private: a local network, NAT,
 * loopback or link-local address. A log full of them was written behind a proxy or load
 * balancer that did not pass the client's address on, or on a lab network: no country can be
 * known, and campaigns and summaries say "private addresses" rather than "no data".
 *
 * @example
 * isPrivateAddress('192.168.4.163') // true
 * isPrivateAddress('fd00::1')       // true (unique local, RFC 4193)
 * isPrivateAddress('8.8.8.8')       // false
 */
export function isPrivateAddress(ip: string): boolean {
  const v4 = ipv4ToNumber(ip);
  if (v4 >= 0) return PRIVATE_V4.some(([first, last]) => v4 >= first && v4 <= last);
  const s = ip.toLowerCase();
  // fc00::/7 (unique local), fe80::/10 (link-local), ::1 (loopback).
  return /^f[cd][0-9a-f]{2}:/.test(s) || /^fe[89ab][0-9a-f]:/.test(s) || s === '::1';
}
