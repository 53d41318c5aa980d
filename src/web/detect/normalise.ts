/**
 * Cheap normalisation of one request part before signature matching: undo the encodings
 * attackers use to slip past literal matching, and nothing more.
 *
 * Case is kept: matching is case-insensitive (the prefilter folds ASCII case, patterns are
 * compiled with `i`), which is the same as lower-casing without paying for a copy, and the
 * evidence keeps the attacker's own spelling.
 */

/** How a part is decoded: `+` is a space only in query strings and form bodies. */
export type PartKind = 'path' | 'query' | 'other';

const MAX_DECODE_PASSES = 3;

/**
 * Decoded form of one raw request part, or the same string when nothing needs decoding
 * (the common case on clean traffic: no allocation).
 *
 * Steps: percent-decoding (`%XX`, `%uXXXX`, UTF-8 with overlong forms of ASCII folded to
 * ASCII), repeated up to 3 times while it changes; `+` as space in queries (first pass only,
 * a decoded `%2B` stays a plus); `\xHH` / `\uHHHH` escapes; HTML character references
 * (`&lt;`, `&#39;`, `&#x27;`...); tab-like spaces to plain spaces; null bytes removed;
 * look-alike dots and slashes (full-width, division slash) to ASCII; in paths, `\` to `/`.
 * Invalid escapes are kept as they are.
 *
 * @example
 * normalise('/a/..%252f..%252fetc/passwd', 'path') // '/a/../../etc/passwd'
 * normalise("q=l%27%C3%A9lection+2025", 'query')   // "q=l'élection 2025"
 */
export function normalise(raw: string, kind: PartKind): string {
  if (!needsDecoding(raw, kind)) return raw;
  let s = raw;
  for (let pass = 0; pass < MAX_DECODE_PASSES; pass++) {
    const next = percentDecode(s, kind === 'query' && pass === 0);
    if (next === s) break;
    s = next;
  }
  if (s.includes('\\')) s = s.replace(BACKSLASH_ESCAPE, decodeBackslashEscape);
  if (s.includes('&')) s = s.replace(CHAR_REFERENCE, decodeCharReference);
  s = s.replace(SPACE_LIKE, ' ');
  if (s.includes('\0')) s = s.replace(NULLS, '');
  if (kind === 'path' && s.includes('\\')) s = s.replace(BACKSLASHES, '/');
  return kind === 'path' ? normalisePath(s) : s;
}

/**
 * `//` to `/` (not after a scheme's `:`) and `/./` to `/`, the tricks that slip `/.git/config`
 * past a literal match. `..` segments are kept: resolving them would hide the traversal itself.
 *
 * @example
 * normalisePath('/a/.//.git/./config') // '/a/.git/config'
 */
export function normalisePath(path: string): string {
  if (!path.includes('//') && !path.includes('/.')) return path;
  return path.replace(/(?<!:)\/{2,}/g, '/').replace(/\/\.(?=\/|$)/g, '').replace(/\/\.(?=\/|$)/g, '') || '/';
}

/** Flags of {@link DECODING_TRIGGERS}: what a character may require. */
export const TRIGGER_ALWAYS = 1;
export const TRIGGER_PLUS = 2;
export const TRIGGER_AMPERSAND = 4;
/** Flag a scanner reports for any character outside ASCII (look-alikes, no-break space). */
export const TRIGGER_NON_ASCII = 8;
// `#` and `;` only matter next to `&`: a query full of `&` separators needs no second look
// unless one of them occurs too.
const TRIGGER_REFERENCE_END = 16;

/**
 * For each ASCII code, whether `normalise` may have work to do when it occurs (0: never).
 * Scanners OR these flags while they read a part, and call {@link needsDecoding} only when
 * the result is not 0, so clean text is read once.
 */
export const DECODING_TRIGGERS: Uint8Array = (() => {
  const t = new Uint8Array(128);
  for (let c = 0; c < 0x20; c++) t[c] = TRIGGER_ALWAYS;
  t[0x25] = TRIGGER_ALWAYS; // %
  t[0x5c] = TRIGGER_ALWAYS; // backslash
  t[0x2b] = TRIGGER_PLUS;
  t[0x26] = TRIGGER_AMPERSAND;
  t[0x23] = TRIGGER_REFERENCE_END;
  t[0x3b] = TRIGGER_REFERENCE_END;
  return t;
})();

/**
 * From the OR of {@link DECODING_TRIGGERS} flags of a part's characters: false when the part
 * surely needs no decoding, true when {@link needsDecoding} must look closer.
 *
 * @example
 * mayNeedDecoding(TRIGGER_AMPERSAND, 'query') // false: `a=1&b=2` has no character reference
 */
export function mayNeedDecoding(flags: number, kind: PartKind): boolean {
  if ((flags & (TRIGGER_ALWAYS | TRIGGER_NON_ASCII)) !== 0) return true;
  if ((flags & TRIGGER_PLUS) !== 0 && kind === 'query') return true;
  return (flags & TRIGGER_AMPERSAND) !== 0 && (flags & TRIGGER_REFERENCE_END) !== 0;
}

/**
 * True when `raw` holds something `normalise` would change. One pass over the characters,
 * no allocation: this is what keeps clean traffic cheap.
 *
 * @example
 * needsDecoding('/fr/voter?lang=fr&utm_source=x', 'query') // false
 */
export function needsDecoding(raw: string, kind: PartKind): boolean {
  if (kind === 'path' && normalisePath(raw) !== raw) return true;
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x80) {
      if (c === 0xa0 || LOOK_ALIKES.has(c)) return true;
      continue;
    }
    const t = DECODING_TRIGGERS[c]!;
    if (t === 0 || t === TRIGGER_REFERENCE_END) continue;
    if (t === TRIGGER_ALWAYS) return true;
    if (t === TRIGGER_PLUS && kind === 'query') return true;
    if (t === TRIGGER_AMPERSAND && isCharReferenceStart(raw, i)) return true;
  }
  return false;
}

// `&#...` always; a named reference only with its `;`, so `a=1&lang=fr` stays untouched.
function isCharReferenceStart(s: string, i: number): boolean {
  if (s.charCodeAt(i + 1) === 0x23 /* # */) return true;
  if (/^&(?:lt|gt|quot)(?![a-z0-9=_])/i.test(s.slice(i, i + 6))) return true;
  const semi = s.indexOf(';', i + 2);
  return semi > 0 && semi - i <= 10 && /^[a-z]+$/i.test(s.slice(i + 1, semi));
}

const BACKSLASH_ESCAPE = /\\x([0-9a-f]{2})|\\u([0-9a-f]{4})/gi;
// Browsers also read `&lt`, `&gt` and `&quot` without their `;` (legacy references); `&amp`
// is left alone, a query may end with it.
const CHAR_REFERENCE = /&#x([0-9a-f]{1,6});?|&#([0-9]{1,7});?|&([a-z]{2,8});|&(lt|gt|quot)(?![a-z0-9=_])/gi;
const SPACE_LIKE = /[\t\v\f\u00a0]/g;
const NULLS = /\0/g;
const BACKSLASHES = /\\/g;

const NAMED_REFERENCES: Record<string, string> = {
  lt: '<', gt: '>', amp: '&', quot: '"', apos: "'", nbsp: ' ', colon: ':', semi: ';',
  tab: '\t', newline: '\n', lpar: '(', rpar: ')', sol: '/', bsol: '\\', comma: ',',
  period: '.', excl: '!', grave: '`', lbrace: '{', rbrace: '}', lsqb: '[', rsqb: ']',
  equals: '=', plus: '+', num: '#', dollar: '$', percnt: '%', ast: '*', quest: '?',
  vert: '|', verbar: '|', lowbar: '_', hyphen: '-', dash: '-',
};

// IIS "best fit" and Unicode look-alikes that servers have folded to dots and slashes.
const LOOK_ALIKES = new Map<number, string>([
  [0xff0e, '.'], [0xff0f, '/'], [0xff3c, '\\'], [0x2215, '/'], [0x2216, '\\'],
  [0x2044, '/'], [0xfe68, '\\'], [0x2024, '.'], [0xff1c, '<'], [0xff1e, '>'],
  // Quote look-alikes that SQL Server's and IIS's best-fit conversions turn into real quotes.
  [0x2018, "'"], [0x2019, "'"], [0x2032, "'"], [0x02bc, "'"], [0xff07, "'"], [0x201c, '"'], [0x201d, '"'],
  [0x2033, '"'], [0xff02, '"'],
]);

function decodeBackslashEscape(match: string, hex2?: string, hex4?: string): string {
  return String.fromCharCode(parseInt(hex2 ?? hex4 ?? '', 16));
}

function decodeCharReference(match: string, hex?: string, dec?: string, name?: string, bare?: string): string {
  if (name !== undefined || bare !== undefined) return NAMED_REFERENCES[(name ?? bare)!.toLowerCase()] ?? match;
  const code = hex !== undefined ? parseInt(hex, 16) : parseInt(dec ?? '', 10);
  return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : match;
}

function hexValue(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  const l = c | 0x20;
  return l >= 0x61 && l <= 0x66 ? l - 0x57 : -1;
}

function hexAt(s: string, i: number, digits: number): number {
  let v = 0;
  for (let k = 0; k < digits; k++) {
    const h = hexValue(s.charCodeAt(i + k));
    if (h < 0) return -1;
    v = v * 16 + h;
  }
  return v;
}

/** One percent-decoding pass; returns `s` itself when nothing changed. */
function percentDecode(s: string, plusIsSpace: boolean): string {
  let out = '';
  let bytes: number[] = [];
  let last = 0;
  let changed = false;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    let byte = -1;
    let width = 0;
    if (c === 0x25) {
      byte = hexAt(s, i + 1, 2);
      width = 3;
      if (byte < 0 && (s.charCodeAt(i + 1) | 0x20) === 0x75 /* u */) {
        const unit = hexAt(s, i + 2, 4);
        if (unit >= 0) {
          out += flushBytes(bytes) + s.slice(last, i) + mapLookAlike(unit);
          bytes = [];
          last = i + 6;
          i += 5;
          changed = true;
          continue;
        }
      }
    } else if (c === 0x2b && plusIsSpace) {
      byte = 0x20;
      width = 1;
    } else if (c >= 0x80 && LOOK_ALIKES.has(c)) {
      out += flushBytes(bytes) + s.slice(last, i) + mapLookAlike(c);
      bytes = [];
      last = i + 1;
      changed = true;
      continue;
    }
    if (byte < 0) continue;
    if (last < i) {
      out += flushBytes(bytes) + s.slice(last, i);
      bytes = [];
    }
    bytes.push(byte);
    last = i + width;
    i += width - 1;
    changed = true;
  }
  if (!changed) return s;
  return out + flushBytes(bytes) + s.slice(last);
}

function mapLookAlike(code: number): string {
  return LOOK_ALIKES.get(code) ?? String.fromCharCode(code);
}

/**
 * Decodes a run of percent-decoded bytes as UTF-8. Overlong encodings of ASCII (`%c0%ae`,
 * `%e0%80%ae`), the classic traversal evasion, fold to the ASCII character; a byte that is not
 * part of a valid sequence is kept as the Latin-1 character of the same value.
 */
function flushBytes(bytes: number[]): string {
  let out = '';
  for (let i = 0; i < bytes.length; i++) {
    const b = bytes[i]!;
    if (b < 0x80) {
      out += String.fromCharCode(b);
      continue;
    }
    // Lead bytes up to 0xfd are read with their old 5- and 6-byte lengths: no valid character
    // needs them, but scanners send them as overlong forms of `.` and `/`.
    const need = b >= 0xfc ? (b <= 0xfd ? 5 : 0) : b >= 0xf8 ? 4 : b >= 0xf0 ? 3 : b >= 0xe0 ? 2 : b >= 0xc0 ? 1 : 0;
    let code = b & (0x7f >> (need + 1));
    let ok = need > 0 && i + need < bytes.length;
    for (let k = 1; ok && k <= need; k++) {
      const cont = bytes[i + k]!;
      if ((cont & 0xc0) !== 0x80) ok = false;
      else code = (code << 6) | (cont & 0x3f);
    }
    if (!ok || code > 0x10ffff) {
      out += String.fromCharCode(b);
      continue;
    }
    out += code > 0xffff ? String.fromCodePoint(code) : mapLookAlike(code);
    i += need;
  }
  return out;
}
