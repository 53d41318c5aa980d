import { isIPv4, isIPv6 } from 'node:net';

/**
 * A dotted quad as an unsigned number, or -1 when it is not one.
 *
 * @example
 * ipv4ToNumber('1.2.3.4') // 16909060
 */
export function ipv4ToNumber(s: string): number {
  const n = s.length;
  if (n < 7 || n > 15) return -1;
  let value = 0;
  let part = 0;
  let digits = 0;
  let dots = 0;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 46) {
      if (digits === 0 || ++dots > 3) return -1;
      value = value * 256 + part;
      part = 0;
      digits = 0;
    } else if (c >= 48 && c <= 57) {
      if (digits > 0 && part === 0) return -1;
      part = part * 10 + (c - 48);
      if (++digits > 3 || part > 255) return -1;
    } else {
      return -1;
    }
  }
  if (dots !== 3 || digits === 0) return -1;
  return value * 256 + part;
}

/** True when `s` is a dotted-quad IPv4 address (no leading zeros: `01` is ambiguous, octal). */
export function isIPv4Fast(s: string): boolean {
  return ipv4ToNumber(s) >= 0;
}

/**
 * Normalise a client address as logs write it: strips a port (`1.2.3.4:5678`, `[::1]:443`),
 * a zone id, unwraps IPv4-mapped IPv6 (`::ffff:1.2.3.4` → `1.2.3.4`; looking the mapped form
 * up in an IPv4 database finds nothing), lower-cases IPv6. Returns `''` when it is not an address.
 *
 * @example
 * normaliseIp('::FFFF:203.0.113.7') // '203.0.113.7'
 * normaliseIp('[2001:DB8::1]:443')  // '2001:db8::1'
 */
export function normaliseIp(raw: string): string {
  if (isIPv4Fast(raw)) return raw;
  let s = raw.trim();
  if (s === '' || s === '-') return '';
  if (s.charCodeAt(0) === 91 /* [ */) {
    const close = s.indexOf(']');
    if (close < 0) return '';
    s = s.slice(1, close);
  } else {
    const colon = s.indexOf(':');
    // One colon only: IPv4 with a port. IPv6 has at least two.
    if (colon > 0 && s.indexOf(':', colon + 1) < 0) s = s.slice(0, colon);
  }
  const zone = s.indexOf('%');
  if (zone >= 0) s = s.slice(0, zone);
  if (isIPv4Fast(s)) return s;
  if (!isIPv6(s)) return isIPv4(s) ? s : '';
  s = s.toLowerCase();
  const mapped = /^(?:0{0,4}:){0,4}(?:0{0,4}:)?:?ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(s)
    ?? /^::ffff:(\d{1,3}\.\d{1,3}\.\d{1,3}\.\d{1,3})$/.exec(s);
  if (mapped?.[1] && isIPv4Fast(mapped[1])) return mapped[1];
  const hexMapped = /^::ffff:([0-9a-f]{1,4}):([0-9a-f]{1,4})$/.exec(s);
  if (hexMapped?.[1] && hexMapped[2]) {
    const hi = parseInt(hexMapped[1], 16);
    const lo = parseInt(hexMapped[2], 16);
    return `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  }
  return s;
}

/**
 * The client behind `trustedHops` proxies: X-Forwarded-For lists addresses left to right as
 * they were appended, so the entry each trusted proxy appended is read from the right. The
 * leftmost entries are whatever the client chose to send and are never trusted on their own.
 * Returns `''` when the header has too few valid entries.
 *
 * @example
 * clientFromForwardedFor('198.51.100.1, 203.0.113.5', 1) // '203.0.113.5'
 */
export function clientFromForwardedFor(header: string, trustedHops: number): string {
  if (header === '' || header === '-' || trustedHops < 1) return '';
  const parts = header.split(',');
  const index = parts.length - trustedHops;
  if (index < 0) return '';
  return normaliseIp(parts[index]!.trim());
}
