/**
 * Addresses as numbers for range search: IPv4 as one unsigned 32-bit number (plain numbers, no
 * BigInt, so the hot path stays fast), IPv6 as four 32-bit words, most significant first.
 * Address parsing is shared with the rest of vigie: `ipv4ToNumber` and `ipv6ToGroups` live in core.
 */
import { ipv4ToNumber, ipv6ToGroups } from '../core/index.js';

export { ipv4ToNumber };

/**
 * Parse an IPv6 address (with `::` and an optional dotted-quad tail) into `out[0..3]`.
 * Returns false when it is not one; `out` is then unspecified.
 *
 * @example
 * const w = new Uint32Array(4);
 * ipv6ToWords('2001:db8::1', w); // true; w = [0x20010db8, 0, 0, 1]
 */
export function ipv6ToWords(s: string, out: Uint32Array): boolean {
  if (!ipv6ToGroups(s, 0, s.length, groups)) return false;
  for (let k = 0; k < 4; k++) out[k] = ((groups[2 * k]! << 16) | groups[2 * k + 1]!) >>> 0;
  return true;
}

const groups = new Uint16Array(8);

/** Four words from an unsigned 128-bit BigInt (the `-num` CSV files write IPv6 so). */
export function bigintToWords(v: bigint, out: Uint32Array, at = 0): void {
  for (let k = 3; k >= 0; k--) {
    out[at + k] = Number(v & 0xffffffffn);
    v >>= 32n;
  }
}

/** A parsed CIDR block: its first and last address. */
export type Cidr =
  | { family: 4; start: number; end: number }
  | { family: 6; start: Uint32Array; end: Uint32Array };

/**
 * Parse `a.b.c.d/n` or `x::/n` (a bare address is a /32 or /128). Host bits are ignored.
 * Returns null when it is not a block.
 *
 * @example
 * parseCidr('10.0.0.0/8') // { family: 4, start: 167772160, end: 184549375 }
 */
export function parseCidr(text: string): Cidr | null {
  const s = text.trim();
  const slash = s.indexOf('/');
  const addr = slash < 0 ? s : s.slice(0, slash);
  const bitsText = slash < 0 ? '' : s.slice(slash + 1);
  if (bitsText !== '' && !/^\d{1,3}$/.test(bitsText)) return null;
  const v4 = ipv4ToNumber(addr);
  if (v4 >= 0) {
    const bits = bitsText === '' ? 32 : Number(bitsText);
    if (bits > 32) return null;
    const size = 2 ** (32 - bits);
    const start = v4 - (v4 % size);
    return { family: 4, start, end: start + size - 1 };
  }
  const start = new Uint32Array(4);
  if (!ipv6ToWords(addr, start)) return null;
  const bits = bitsText === '' ? 128 : Number(bitsText);
  if (bits > 128) return null;
  const end = new Uint32Array(4);
  for (let k = 0; k < 4; k++) {
    const keep = Math.max(0, Math.min(32, bits - 32 * k));
    const mask = keep === 0 ? 0 : (0xffffffff << (32 - keep)) >>> 0;
    start[k] = (start[k]! & mask) >>> 0;
    end[k] = (start[k]! | ~mask) >>> 0;
  }
  return { family: 6, start, end };
}

/** -1, 0 or 1 as word vector `a` (at offset `i`) sorts before, with or after `b` (at `j`). */
export function compareWords(a: Uint32Array, i: number, b: Uint32Array, j: number): number {
  for (let k = 0; k < 4; k++) {
    const x = a[i + k]!;
    const y = b[j + k]!;
    if (x !== y) return x < y ? -1 : 1;
  }
  return 0;
}
