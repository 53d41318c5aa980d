/**
 * The shape of one parameter value as the baseline sees it: its decoded text, its type and
 * its character classes. Pure functions, shared by learning and checking so both read a value
 * the same way.
 */

/** Value types, from the narrowest to `text` (anything). */
export const VALUE_TYPES = ['numeric', 'alpha', 'email', 'token', 'text'] as const;
export type ValueType = (typeof VALUE_TYPES)[number];

/** Bit of each type in a {@link typeMask}. */
export const TYPE_BITS: Record<ValueType, number> = { numeric: 1, alpha: 2, email: 4, token: 8, text: 16 };

const NUMERIC = /^[-+]?\d+(?:[.,]\d+)?$/;
const ALPHA = /^[\p{L}\p{M}]+$/u;
const TOKEN = /^[\p{L}\p{M}\d_.-]+$/u;
// RFC 5321 allows a domain without a dot (`user@localhost`), and forms cut long addresses at
// their `maxlength`, the top-level domain first: the type is the shape `local@domain`.
const EMAIL = /^[^\s@]+@[^\s@.][^\s@]*$/;

/**
 * Which types a decoded value fits, as a bit mask of {@link TYPE_BITS}. Types nest: a number
 * is also a token and text. The empty value fits every type (an empty form field is not a
 * change of type; the length model judges it).
 *
 * @example
 * typeMask('85') // numeric | token | text
 * typeMask("85'; DROP TABLE") // text
 */
export function typeMask(value: string): number {
  if (value === '') return 31;
  let mask = TYPE_BITS.text;
  if (TOKEN.test(value)) {
    mask |= TYPE_BITS.token;
    if (NUMERIC.test(value)) mask |= TYPE_BITS.numeric;
    else if (ALPHA.test(value)) mask |= TYPE_BITS.alpha;
  } else if (NUMERIC.test(value)) mask |= TYPE_BITS.numeric | TYPE_BITS.token;
  if (EMAIL.test(value)) mask |= TYPE_BITS.email;
  return mask;
}

/** Character classes of a decoded value: named classes for letters, digits and space, the character itself otherwise. */
export const CHAR_CLASS_NAMES: Record<string, string> = {
  digit: 'digits', lower: 'lower-case letters', upper: 'upper-case letters', letter: 'accented letters', space: 'spaces', other: 'other non-ASCII characters',
};

const LETTER = /[\p{L}\p{M}]/u;

/** The character class of one character (a code point). */
export function charClass(ch: string): string {
  const c = ch.codePointAt(0)!;
  if (c >= 0x30 && c <= 0x39) return 'digit';
  if (c >= 0x61 && c <= 0x7a) return 'lower';
  if (c >= 0x41 && c <= 0x5a) return 'upper';
  if (c === 0x20) return 'space';
  if (c < 0x80) return c < 0x20 || c === 0x7f ? 'control' : ch;
  return LETTER.test(ch) ? 'letter' : 'other';
}

/**
 * The distinct character classes of a value, in order of first appearance.
 *
 * @example
 * charClasses('C/ Mayor 5') // ['upper', '/', 'space', 'lower', 'digit']
 */
export function charClasses(value: string): string[] {
  const seen = new Set<string>();
  for (const ch of value) seen.add(charClass(ch));
  return [...seen];
}

/**
 * A parameter value as the application receives it: `+` as space, one pass of percent-decoding,
 * bytes read as UTF-8 or, when they are not valid UTF-8, as ISO-8859-1 (older sites, such as
 * CSIC 2010's shop, send `%F1` for `ñ`). Invalid escapes stay as written.
 *
 * @example
 * decodeValue('Jam%F3n+Ib%E9rico') // 'Jamón Ibérico'
 */
export function decodeValue(raw: string): string {
  if (!raw.includes('%') && !raw.includes('+')) return raw;
  const s = raw.replace(/\+/g, ' ');
  if (!s.includes('%')) return s;
  const bytes: number[] = [];
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x25 && /^[0-9a-fA-F]{2}$/.test(s.slice(i + 1, i + 3))) {
      bytes.push(parseInt(s.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (c < 0x80) bytes.push(c);
    else {
      const cp = s.codePointAt(i)!;
      for (const b of Buffer.from(String.fromCodePoint(cp), 'utf8')) bytes.push(b);
      if (cp > 0xffff) i++;
    }
  }
  const buf = Buffer.from(bytes);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buf);
  } catch {
    return buf.toString('latin1');
  }
}
