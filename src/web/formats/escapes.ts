import { escapeControls } from '../../core/index.js';

/**
 * Undoing the escapes Apache (`ap_escape_logitem`) and nginx write into quoted log fields:
 * `\"`, `\\`, `\xHH`, and Apache's `\n \r \t \b \v`. Request targets keep the byte a
 * non-printable escape stood for as `%HH`, so URL decoding later sees it; free text (referer,
 * user agent) keeps the escape as written, because the store must hold no control characters.
 */

const HEX = '0123456789ABCDEF';

function hexValue(c: number): number {
  if (c >= 48 && c <= 57) return c - 48;
  if (c >= 65 && c <= 70) return c - 55;
  if (c >= 97 && c <= 102) return c - 87;
  return -1;
}

/** Apache's two-character escapes for control bytes. */
function controlEscape(c: number): number {
  switch (c) {
    case 110: return 0x0a; // \n
    case 114: return 0x0d; // \r
    case 116: return 0x09; // \t
    case 98: return 0x08; // \b
    case 118: return 0x0b; // \v
    default: return -1;
  }
}

/**
 * Unescape `s[start..end)`. `target` true: non-printable `\xHH` (and `\n`...) become `%HH`;
 * false: they stay as written. An unknown escape keeps its backslash.
 *
 * @example
 * unescapeField('a\\"b\\x41\\x0a', 0, 14, true) // 'a"bA%0A'
 */
export function unescapeField(s: string, start: number, end: number, target: boolean): string {
  let out = '';
  let last = start;
  for (let i = start; i < end; i++) {
    if (s.charCodeAt(i) !== 92) continue;
    const n = i + 1 < end ? s.charCodeAt(i + 1) : -1;
    if (n === 34 || n === 92) {
      out += s.slice(last, i) + (n === 34 ? '"' : '\\');
      last = ++i + 1;
    } else if (n === 120 && i + 3 < end) {
      const hi = hexValue(s.charCodeAt(i + 2));
      const lo = hexValue(s.charCodeAt(i + 3));
      if (hi < 0 || lo < 0) continue;
      const v = hi * 16 + lo;
      out += s.slice(last, i);
      if (v >= 0x20 && v <= 0x7e) out += String.fromCharCode(v);
      else out += target ? `%${HEX[hi]}${HEX[lo]}` : s.slice(i, i + 4);
      i += 3;
      last = i + 1;
    } else if (target && controlEscape(n) >= 0) {
      const v = controlEscape(n);
      out += `${s.slice(last, i)}%${HEX[v >> 4]}${HEX[v & 15]}`;
      last = ++i + 1;
    }
  }
  return last === start ? s.slice(start, end) : out + s.slice(last, end);
}

/**
 * Index of the `"` closing a quoted field that opens before `from`, honouring backslash
 * escapes; -1 when there is none. `noBackslash`: the caller knows the line has none, which
 * saves a scan to the end of the line per field.
 *
 * @example
 * closingQuote('a\\"b" x', 0) // 4
 */
export function closingQuote(s: string, from: number, noBackslash = false): number {
  const q = s.indexOf('"', from);
  if (q < 0) return -1;
  if (noBackslash) return q;
  const b = s.indexOf('\\', from);
  if (b < 0 || b > q) return q; // fast path: no backslash before the first quote
  for (let i = from; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 92) i++;
    else if (c === 34) return i;
  }
  return -1;
}

/**
 * Decode `%HH` sequences as UTF-8 (CloudFront URL-encodes user agents). Malformed sequences
 * stay as written; invalid UTF-8 becomes U+FFFD; control and bidirectional characters come out
 * as `\xHH` (see `escapeControls` in core).
 *
 * @example
 * percentDecode('Mozilla/5.0%20(X11)') // 'Mozilla/5.0 (X11)'
 */
export function percentDecode(s: string): string {
  if (s.indexOf('%') < 0) return s;
  const bytes: number[] = [];
  let run = 0; // start of the current run of literal text
  const flush = (end: number): void => {
    if (end > run) for (const b of Buffer.from(s.slice(run, end), 'utf8')) bytes.push(b);
  };
  for (let i = 0; i < s.length; i++) {
    if (s.charCodeAt(i) !== 37 || i + 2 >= s.length) continue;
    const hi = hexValue(s.charCodeAt(i + 1));
    const lo = hexValue(s.charCodeAt(i + 2));
    if (hi < 0 || lo < 0) continue;
    flush(i);
    bytes.push(hi * 16 + lo);
    i += 2;
    run = i + 1;
  }
  flush(s.length);
  return escapeControls(Buffer.from(bytes).toString('utf8'));
}
