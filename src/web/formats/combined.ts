import { normaliseIp, type WebEvent } from '../../core/index.js';
import { closingQuote, unescapeField } from './escapes.js';
import { badAddress, dash, readUint, resetEvent } from './fields.js';
import { parseRequestLine } from './request-line.js';
import { badTime, parseClfTime } from './time.js';
import type { LineParser } from './types.js';

/**
 * NCSA common and combined logs (Apache, nginx), hand-scanned with `indexOf`/`charCodeAt`:
 * `[vhost[:port]] ip ident user [time] "request" status bytes ["referer" "user-agent" extras...]`.
 *
 * Only the outer shape decides a malformed line: an address, a `[time]`, a quoted request,
 * a three-digit status and a byte count. Quoted fields go through the escape-aware slow path
 * only when they contain a backslash.
 *
 * Trailing extras after the user agent are read by shape, first match wins: a quoted list of
 * addresses is X-Forwarded-For (`"$http_x_forwarded_for"`); an unquoted number with a `.` is
 * seconds (nginx `$request_time`), without one microseconds (Apache `%D`); an unquoted host
 * name is the virtual host (`$host`). Other extras are ignored.
 */

/** `example.org:443` → `example.org`; IPv6 literals and port-less names pass through. */
function vhostName(token: string): string {
  const colon = token.indexOf(':');
  if (colon < 0 || token.indexOf(':', colon + 1) >= 0) return token.toLowerCase();
  return token.slice(0, colon).toLowerCase();
}

function looksLikeAddressList(s: string): boolean {
  const comma = s.indexOf(',');
  return normaliseIp((comma < 0 ? s : s.slice(0, comma)).trim()) !== '';
}

function looksLikeHostName(s: string): boolean {
  let letters = false;
  let dots = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i) | 32;
    if (c >= 97 && c <= 122) letters = true;
    else if (c === 46) dots = true;
    else if (!((c >= 48 && c <= 57) || c === 45 || c === 58 || c === 127 /* '_' | 32 */)) return false;
  }
  return letters && dots;
}

/** Read the extras after the user agent; returns '' or a malformed reason. */
function parseExtras(line: string, p: number, out: WebEvent, plain: boolean): string {
  let sawTime = false;
  while (p < line.length) {
    if (line.charCodeAt(p) === 32) {
      p++;
      continue;
    }
    if (line.charCodeAt(p) === 34) {
      const q = closingQuote(line, p + 1, plain);
      if (q < 0) return 'missing closing quote in a trailing field';
      const v = line.slice(p + 1, q);
      if (out.forwardedFor === '' && v !== '-' && looksLikeAddressList(v)) out.forwardedFor = v;
      p = q + 1;
      continue;
    }
    let end = line.indexOf(' ', p);
    if (end < 0) end = line.length;
    const v = line.slice(p, end);
    if (!sawTime && v !== '-' && v.length <= 20 && Number.isFinite(Number(v))) {
      sawTime = true;
      const n = Number(v);
      if (n >= 0) out.requestTimeMs = v.indexOf('.') >= 0 ? n * 1000 : n / 1000;
    } else if (out.host === '' && looksLikeHostName(v)) {
      out.host = vhostName(v);
    }
    p = end;
  }
  return '';
}

/** One quoted free-text field at `line[p] === '"'`; returns the index after its closing quote, or -1. */
function quotedText(line: string, p: number, out: WebEvent, referer: boolean, plain: boolean): number {
  const q = closingQuote(line, p + 1, plain);
  if (q < 0) return -1;
  const bs = plain ? -1 : line.indexOf('\\', p + 1);
  const v = bs >= 0 && bs < q ? unescapeField(line, p + 1, q, false) : line.slice(p + 1, q);
  if (referer) out.referer = dash(v);
  else out.userAgent = dash(v);
  return q + 1;
}

function parseClf(line: string, out: WebEvent, common: boolean): string {
  resetEvent(out);
  const br = line.indexOf(' [');
  if (br < 0) return 'no [time] field';
  const a = line.indexOf(' ');
  const b = line.indexOf(' ', a + 1);
  if (b < 0 || b >= br) return 'expected `address ident user [time]` before the time';
  const c = line.indexOf(' ', b + 1);
  let ipStart = 0;
  let ipEnd = a;
  let userStart = b + 1;
  if (c !== br) {
    if (line.indexOf(' ', c + 1) !== br) return 'expected `address ident user [time]` before the time';
    out.host = vhostName(line.slice(0, a));
    ipStart = a + 1;
    ipEnd = b;
    userStart = c + 1;
  }
  const rawIp = line.slice(ipStart, ipEnd);
  out.ip = normaliseIp(rawIp);
  // A wrong address or time is reported only once the line has the format's shape: a common
  // line with an unset clock is then `bad time`, a combined line never "common with a bad time".
  let valueFault = out.ip === '' ? badAddress(rawIp) : '';
  out.user = dash(line.slice(userStart, br));

  const close = line.indexOf(']', br + 2);
  if (close < 0) return 'missing `]` after the time';
  const timeText = line.slice(br + 2, close);
  out.ts = parseClfTime(timeText);
  if (out.ts !== out.ts && valueFault === '') valueFault = badTime(timeText);

  if (line.charCodeAt(close + 1) !== 32 || line.charCodeAt(close + 2) !== 34) return 'missing quoted request';
  const rqStart = close + 3;
  // One scan for a backslash: most lines have none, and then every field takes the fast path.
  const bs = line.indexOf('\\', rqStart);
  const plain = bs < 0;
  const rqEnd = closingQuote(line, rqStart, plain);
  if (rqEnd < 0) return 'missing closing quote in request';
  parseRequestLine(bs >= 0 && bs < rqEnd ? unescapeField(line, rqStart, rqEnd, true) : line.slice(rqStart, rqEnd), out);

  if (line.charCodeAt(rqEnd + 1) !== 32) return 'expected a space and the status after the request';
  const sStart = rqEnd + 2;
  let sEnd = line.indexOf(' ', sStart);
  if (sEnd < 0) sEnd = line.length;
  out.status = readUint(line, sStart, sEnd);
  if (out.status < 0 || sEnd - sStart !== 3) return `bad status \`${line.slice(sStart, sEnd)}\``;
  if (sEnd === line.length) return 'missing bytes after the status';
  let bEnd = line.indexOf(' ', sEnd + 1);
  if (bEnd < 0) bEnd = line.length;
  out.bytes = readUint(line, sEnd + 1, bEnd);
  if (out.bytes === -2 || bEnd === sEnd + 1) return `bad bytes \`${line.slice(sEnd + 1, bEnd)}\``;
  if (bEnd === line.length) return valueFault;
  if (common) return 'unexpected fields after the bytes (a combined log?)';

  let p = bEnd + 1;
  if (line.charCodeAt(p) === 34) {
    p = quotedText(line, p, out, true, plain);
    if (p < 0) return 'missing closing quote in referer';
    if (line.charCodeAt(p) === 32 && line.charCodeAt(p + 1) === 34) {
      p = quotedText(line, p + 1, out, false, plain);
      if (p < 0) return 'missing closing quote in user agent';
    }
  }
  return parseExtras(line, p, out, plain) || valueFault;
}

/**
 * Parser for combined logs. It also reads common lines (referer and user agent then stay
 * `''`), so a file mixing both, or a combined log with a short line, loses nothing.
 *
 * @example
 * const e = emptyEvent();
 * createCombinedParser().parse('203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326 "-" "curl/8"', e); // ''
 */
export function createCombinedParser(): LineParser {
  return { format: 'combined', parse: (line, out) => parseClf(line, out, false) };
}

/**
 * Parser for common logs (combined without referer and user agent). Strict: a line with
 * fields after the byte count is malformed, so a combined file is never read as common and
 * silently stripped of its user agents.
 *
 * @example
 * createCommonParser().parse('203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326', emptyEvent()); // ''
 */
export function createCommonParser(): LineParser {
  return { format: 'common', parse: (line, out) => parseClf(line, out, true) };
}
