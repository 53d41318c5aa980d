import { detachString } from './detach.js';
import { sampledHash } from './sampled-hash.js';

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
 * Parse IPv6 text `s[start..end)` (with `::` and an optional dotted-quad tail, any case, leading
 * zeros) into eight 16-bit groups in `out`. Returns false when it is not one address; `out` is
 * then unspecified. The one IPv6 parser of vigie: geolocation packs these groups into words.
 *
 * @example
 * const g = new Uint16Array(8);
 * ipv6ToGroups('2001:DB8::1', 0, 11, g); // true; g = [0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]
 */
export function ipv6ToGroups(s: string, start: number, end: number, out: Uint16Array): boolean {
  // 45 characters: eight groups of four with seven colons, or six groups and a dotted quad.
  if (end - start < 2 || end - start > 45) return false;
  let count = 0;
  let gap = -1;
  let i = start;
  if (s.charCodeAt(i) === 58) {
    if (s.charCodeAt(i + 1) !== 58) return false;
    gap = 0;
    i += 2;
  }
  while (i < end) {
    let v = 0;
    let j = i;
    for (; j < end && j - i < 5; j++) {
      const h = hexValue(s.charCodeAt(j));
      if (h < 0) break;
      v = v * 16 + h;
    }
    if (j < end && s.charCodeAt(j) === 46) {
      const v4 = count <= 6 ? ipv4ToNumber(s.slice(i, end)) : -1;
      if (v4 < 0) return false;
      out[count++] = v4 >>> 16;
      out[count++] = v4 & 0xffff;
      break;
    }
    if (j === i || j - i > 4 || count === 8) return false;
    out[count++] = v;
    if (j === end) break;
    if (s.charCodeAt(j) !== 58) return false;
    if (s.charCodeAt(j + 1) === 58) {
      if (gap >= 0) return false;
      gap = count;
      i = j + 2;
    } else {
      i = j + 1;
      if (i === end) return false;
    }
  }
  if (gap < 0) return count === 8;
  if (count > 7) return false;
  // Move the groups after `::` to the end and fill the gap with zeros.
  const shift = 8 - count;
  for (let k = count - 1; k >= gap; k--) out[k + shift] = out[k]!;
  out.fill(0, gap, gap + shift);
  return true;
}

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 97 && c <= 102) return c - 87;
  if (c >= 65 && c <= 70) return c - 55;
  return -1;
}

/** Start and length of the first longest run of zero groups (length 0 when there is none). */
function longestZeroRun(g: ArrayLike<number>): { at: number; length: number } {
  let at = -1;
  let length = 0;
  for (let k = 0; k < 8;) {
    if (g[k] !== 0) {
      k++;
      continue;
    }
    let e = k;
    while (e < 8 && g[e] === 0) e++;
    if (e - k > length) {
      at = k;
      length = e - k;
    }
    k = e;
  }
  return { at, length };
}

/**
 * RFC 5952 text of eight 16-bit groups: lower case, no leading zeros, the longest run of two or
 * more zero groups (the first of equal runs) written `::`.
 *
 * @example
 * formatIpv6([0x2001, 0xdb8, 0, 0, 1, 0, 0, 0]) // '2001:db8:0:0:1::'
 */
export function formatIpv6(g: ArrayLike<number>): string {
  const run = longestZeroRun(g);
  const best = run.length >= 2 ? run.at : -1;
  let out = '';
  for (let k = 0; k < 8; k++) {
    if (k === best) {
      out += '::';
      k += run.length - 1;
      continue;
    }
    if (k > 0 && k !== best + run.length) out += ':';
    out += g[k]!.toString(16);
  }
  return out;
}

/**
 * Whether `s`, which parsed into `g`, is already the RFC 5952 text: lower case, no leading
 * zeros, no dotted tail, and `::` exactly over the first longest run of two or more zero groups.
 * Servers write addresses with inet_ntop, which gives this form, so most IPv6 text in logs is
 * returned as is, without building a new string.
 */
function isCanonicalIpv6(s: string, g: Uint16Array): boolean {
  const n = s.length;
  let colonsBefore = 0;
  let colonsAfter = 0;
  let gap = -1;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 58) {
      if (gap < 0 && s.charCodeAt(i + 1) === 58) {
        gap = i;
        i++;
      } else if (gap < 0) colonsBefore++;
      else colonsAfter++;
    } else if (c === 48) {
      // A leading zero: a 0 that starts a group and is followed by more digits.
      if ((i === 0 || s.charCodeAt(i - 1) === 58) && i + 1 < n && s.charCodeAt(i + 1) !== 58) return false;
    } else if (c > 102 || (c >= 65 && c <= 70) || c === 46) {
      return false;
    }
  }
  const run = longestZeroRun(g);
  if (run.length < 2) return gap < 0;
  if (gap < 0) return false;
  const before = gap === 0 ? 0 : colonsBefore + 1;
  const after = gap + 2 === n ? 0 : colonsAfter + 1;
  return before === run.at && after === 8 - run.at - run.length;
}

/** Interface names a zone id may be: Linux (at most 15 characters), BSD, macOS, or Windows' interface index. */
const ZONE_ID = /^[A-Za-z0-9][A-Za-z0-9_.-]{0,14}$/;
/** Prefix of an error from `canonical` (never the first character of an address). */
const ERROR = '\u0000';
const groups = new Uint16Array(8);

/** The canonical address, or ERROR and the reason it is not one. */
function canonical(raw: string): string {
  let s = raw;
  if (s.charCodeAt(0) === 32 || s.charCodeAt(s.length - 1) === 32) s = s.trim();
  if (s === '' || s === '-') return `${ERROR}no address`;
  if (s.length > 64) return `${ERROR}not an IP address`;
  let start = 0;
  let end = s.length;
  if (s.charCodeAt(0) === 91 /* [ */) {
    end = s.indexOf(']');
    if (end < 0) return `${ERROR}not an IP address (no closing \`]\`)`;
    start = 1;
    if (end + 1 < s.length && (s.charCodeAt(end + 1) !== 58 || !isPort(s, end + 2))) return `${ERROR}bad port after the address`;
  } else {
    const colon = s.indexOf(':');
    // One colon only: IPv4 with a port. IPv6 has at least two.
    if (colon > 0 && s.indexOf(':', colon + 1) < 0) {
      if (!isPort(s, colon + 1)) return `${ERROR}bad port after the address`;
      end = colon;
    }
  }
  const percent = s.indexOf('%', start);
  const zone = percent >= 0 && percent < end ? s.slice(percent + 1, end) : null;
  if (zone !== null) end = percent;
  if (s.indexOf(':', start) < 0 || s.indexOf(':', start) >= end) {
    const v4 = s.slice(start, end);
    if (!isIPv4Fast(v4)) return `${ERROR}not an IP address`;
    return zone === null ? v4 : `${ERROR}zone id on an IPv4 address`;
  }
  if (!ipv6ToGroups(s, start, end, groups)) return `${ERROR}not an IP address`;
  if (zone !== null) {
    if (!ZONE_ID.test(zone)) return `${ERROR}zone id \`${zone}\` is not an interface name`;
    // Only link-local addresses (fe80::/10) are scoped to an interface; the zone names the
    // logging host's interface, not the client, so the address is kept without it.
    if ((groups[0]! & 0xffc0) !== 0xfe80) return `${ERROR}zone id on an address that is not link-local`;
  }
  // IPv4-mapped (::ffff:0:0/96): a dual-stack socket's spelling of an IPv4 client.
  if (groups[5] === 0xffff && groups[0] === 0 && groups[1] === 0 && groups[2] === 0 && groups[3] === 0 && groups[4] === 0) {
    return `${groups[6]! >> 8}.${groups[6]! & 255}.${groups[7]! >> 8}.${groups[7]! & 255}`;
  }
  if (start === 0 && end === s.length && isCanonicalIpv6(s, groups)) return s;
  return formatIpv6(groups);
}

/** A port (1 to 5 digits, at most 65535) from `s[from]` to the end. */
function isPort(s: string, from: number): boolean {
  const n = s.length - from;
  if (n < 1 || n > 5) return false;
  let v = 0;
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return false;
    v = v * 10 + c;
  }
  return v <= 65535;
}

/**
 * The canonical text of a client address as logs write it, the one form vigie stores and
 * compares, or `''` when it is not one address (`badIpReason` says why):
 * - IPv6 in RFC 5952 form (`2A00:1450:0:0:0:0:0:3` → `2a00:1450::3`), so one client is one
 *   client whatever the server wrote;
 * - IPv4-mapped IPv6 in any spelling as the dotted quad (`::ffff:203.0.113.7` → `203.0.113.7`):
 *   a dual-stack server logs its IPv4 clients so, another server logs the same client as IPv4,
 *   and IPv4 geolocation and blocklists need the IPv4 form. Other embeddings (IPv4-compatible,
 *   NAT64, SIIT) stay IPv6: they are not an IPv4 client's own address;
 * - a port is dropped (`203.0.113.7:51234`, `[2001:db8::1]:443`);
 * - a zone id is accepted only on a link-local address and only when it is an interface name
 *   (`fe80::1%eth0` → `fe80::1`); anything else after `%` (`::2%25;id`) is not an address.
 * Dotted quads already canonical (most log lines) return at once, without a copy.
 *
 * @example
 * normaliseIp('2A00:1450:0:0:0:0:0:3') // '2a00:1450::3'
 * normaliseIp('::FFFF:203.0.113.7')    // '203.0.113.7'
 * normaliseIp('[2001:DB8::1]:443')     // '2001:db8::1'
 * normaliseIp('::2%25;id')             // ''
 */
export function normaliseIp(raw: string): string {
  if (isIPv4Fast(raw)) return raw;
  const slot = sampledHash(raw) & (CACHE_SLOTS - 1);
  if (cachedRaw[slot] === raw) return cachedIp[slot]!;
  const s = canonical(raw);
  const ip = s.charCodeAt(0) === 0 ? '' : s;
  // Detached: a slice of a parsed line would keep its whole chunk of text alive.
  cachedRaw[slot] = detachString(raw);
  cachedIp[slot] = ip === raw ? cachedRaw[slot]! : ip;
  return ip;
}

/**
 * Other text than a dotted quad (IPv6, addresses with ports) is remembered in a small
 * direct-mapped cache: a client sends tens of requests, so most lines repeat a recent address,
 * and a hit costs a sampled hash and one compare instead of a parse. Fixed size: a spray of
 * distinct addresses only misses.
 */
const CACHE_SLOTS = 1024;
const cachedRaw: string[] = new Array<string>(CACHE_SLOTS).fill('');
const cachedIp: string[] = new Array<string>(CACHE_SLOTS).fill('');

/**
 * Why `raw` is not a client address, in a few plain words (`zone id \`25;id\` is not an
 * interface name`), or `''` when it is one. For malformed-line reasons.
 *
 * @example
 * badIpReason('2001:db8::1%eth0') // 'zone id on an address that is not link-local'
 */
export function badIpReason(raw: string): string {
  const s = canonical(raw);
  return s.charCodeAt(0) === 0 ? s.slice(1) : '';
}

/**
 * The client behind `trustedHops` proxies: X-Forwarded-For lists addresses left to right as
 * they were appended, so the entry each trusted proxy appended is read from the right. The
 * leftmost entries are whatever the client chose to send and are never trusted on their own.
 * The entry comes back canonical (see `normaliseIp`); `''` when the header has too few entries
 * or that entry is not an address.
 *
 * @example
 * clientFromForwardedFor('198.51.100.1, 203.0.113.5', 1) // '203.0.113.5'
 */
export function clientFromForwardedFor(header: string, trustedHops: number): string {
  if (header === '' || header === '-' || trustedHops < 1) return '';
  const parts = header.split(',');
  const index = parts.length - trustedHops;
  if (index < 0) return '';
  let entry = parts[index]!.trim();
  // IIS (W3C) writes the space after a comma as `+`.
  if (entry.charCodeAt(0) === 43) entry = entry.slice(1);
  return normaliseIp(entry);
}
