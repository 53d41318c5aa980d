/**
 * Log text is written by attackers, and vigie shows it in terminals, browsers and reports. Some
 * characters change how the text around them is shown rather than being seen: control
 * characters (C0, DEL, C1: a terminal may act on them) and the Unicode bidirectional formatting
 * characters (a right-to-left override shows `/files/<U+202E>gnp.exe` as `/files/exe.png`; Trojan
 * Source, CVE-2021-42574). vigie stores and shows none of them: each is written as the `\xHH`
 * of its UTF-8 bytes, the way nginx and Apache write such bytes in their own logs, so nothing
 * is lost and the evidence reads as the server logged it.
 */

const HEX = '0123456789abcdef';

/**
 * Finds a character `escapeControls` rewrites: C0 controls, DEL, C1 controls, the Arabic
 * letter mark (U+061C), LRM and RLM (U+200E, U+200F), the embeddings and overrides
 * (U+202A–U+202E) and the isolates (U+2066–U+2069).
 */
// eslint-disable-next-line no-control-regex
export const UNSAFE_TEXT = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

function unsafe(c: number): boolean {
  if (c < 0x7f) return c < 0x20;
  if (c <= 0x9f) return true;
  if (c < 0x61c) return false;
  return c === 0x61c || c === 0x200e || c === 0x200f || (c >= 0x202a && c <= 0x202e) || (c >= 0x2066 && c <= 0x2069);
}

/** `\xHH` for each UTF-8 byte of the (BMP, non-surrogate) character `c`. */
function escaped(c: number): string {
  const byte = (b: number): string => `\\x${HEX[b >> 4]}${HEX[b & 15]}`;
  if (c < 0x80) return byte(c);
  if (c < 0x800) return byte(0xc0 | (c >> 6)) + byte(0x80 | (c & 63));
  return byte(0xe0 | (c >> 12)) + byte(0x80 | ((c >> 6) & 63)) + byte(0x80 | (c & 63));
}

/**
 * `s` with every character of `UNSAFE_TEXT` written as the `\xHH` of its UTF-8 bytes; `s`
 * itself (no copy) when it has none, the common case. The one escaping of log text in vigie:
 * parsers use it on decoded fields, the store on every value it receives, evidence on the
 * fragments it quotes.
 *
 * @example
 * escapeControls('a\nb')              // 'a\\x0ab'
 * escapeControls('/files/\u202egnp.exe') // '/files/\\xe2\\x80\\xaegnp.exe'
 */
export function escapeControls(s: string): string {
  let i = 0;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 || c >= 0x7f) && unsafe(c)) break;
  }
  if (i === s.length) return s;
  let out = s.slice(0, i);
  let last = i;
  for (; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if ((c < 0x20 || c >= 0x7f) && unsafe(c)) {
      out += s.slice(last, i) + escaped(c);
      last = i + 1;
    }
  }
  return out + s.slice(last);
}
