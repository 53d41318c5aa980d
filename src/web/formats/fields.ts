import { badIpReason, type WebEvent } from '../../core/index.js';

/**
 * Small field readers shared by the parsers. All are allocation-free scans; none throws.
 */

/** Reset every field of `out` to its absent value (same shape as `emptyEvent`, no allocation). */
export function resetEvent(out: WebEvent): void {
  out.ts = 0;
  out.ip = '';
  out.method = '';
  out.path = '';
  out.query = '';
  out.protocol = '';
  out.status = -1;
  out.bytes = -1;
  out.referer = '';
  out.userAgent = '';
  out.host = '';
  out.requestTimeMs = -1;
  out.body = '';
  out.forwardedFor = '';
  out.user = '';
}

/**
 * Non-negative decimal integer in `s[start..end)`; -1 for `-` or empty, -2 when not a number.
 *
 * @example
 * readUint('x 404 y', 2, 5) // 404
 */
export function readUint(s: string, start: number, end: number): number {
  if (end <= start) return -1;
  if (end - start === 1 && s.charCodeAt(start) === 45) return -1;
  if (end - start > 15) return -2;
  let v = 0;
  for (let i = start; i < end; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -2;
    v = v * 10 + c;
  }
  return v;
}

/** Whole-string form of `readUint`. */
export function parseUint(s: string): number {
  return readUint(s, 0, s.length);
}

/**
 * A duration in seconds with an optional fraction (`0.123`) → milliseconds; -1 when absent
 * or not a number (ALB writes `-1` for "not measured").
 *
 * @example
 * secondsToMs('0.086') // 86
 */
export function secondsToMs(s: string): number {
  if (s === '' || s === '-') return -1;
  const v = Number(s);
  return Number.isFinite(v) && v >= 0 ? v * 1000 : -1;
}

/** `-` (the logs' "absent") becomes `''`. */
export function dash(s: string): string {
  return s === '-' ? '' : s;
}

/**
 * The malformed-line reason for a client address that is not one, saying why.
 *
 * @example
 * badAddress('::2%25;id') // 'bad client address `::2%25;id`: zone id `25;id` is not an interface name'
 */
export function badAddress(raw: string): string {
  return `bad client address \`${raw}\`: ${badIpReason(raw)}`;
}
