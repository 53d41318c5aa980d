/**
 * Field parsers for contribution files: amounts, dates, postal codes, names. Each returns
 * `null` for a value it cannot read, so the caller counts the row as malformed with a reason.
 */

const MONTHS: Record<string, number> = {
  jan: 1, feb: 2, mar: 3, apr: 4, may: 5, jun: 6, jul: 7, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dec: 12,
  janv: 1, 'févr': 2, fevr: 2, mars: 3, avr: 4, mai: 5, juin: 6, juil: 7, 'août': 8, aout: 8, déc: 12,
};

const pad = (n: number) => String(n).padStart(2, '0');

function iso(y: number, m: number, d: number): string | null {
  if (!(y >= 1900 && y <= 2100 && m >= 1 && m <= 12 && d >= 1 && d <= 31)) return null;
  const t = new Date(Date.UTC(y, m - 1, d));
  if (t.getUTCMonth() !== m - 1) return null;
  return `${y}-${pad(m)}-${pad(d)}`;
}

/**
 * A date as ISO `YYYY-MM-DD`: `2011-04-13`, `2011/04/13`, `Apr 13, 2011`, `13 avr. 2011`,
 * `4/13/2011` (month first, as Elections Canada and the IJF write it), with an optional time.
 * Empty gives `''`; anything else `null`.
 *
 * @example
 * parseDate('Apr 13, 2011') // '2011-04-13'
 */
export function parseDate(raw: string): string | null {
  const s = raw.trim();
  if (s === '') return '';
  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[ T].*)?$/.exec(s);
  if (m) return iso(+m[1]!, +m[2]!, +m[3]!);
  m = /^([A-Za-zéû]+)\.? (\d{1,2}), (\d{4})$/.exec(s);
  if (m) {
    const mo = MONTHS[m[1]!.toLowerCase()];
    return mo ? iso(+m[3]!, mo, +m[2]!) : null;
  }
  m = /^(\d{1,2}) ([A-Za-zéû]+)\.? (\d{4})$/.exec(s);
  if (m) {
    const mo = MONTHS[m[2]!.toLowerCase()];
    return mo ? iso(+m[3]!, mo, +m[1]!) : null;
  }
  m = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?: .*)?$/.exec(s);
  if (m) return iso(+m[3]!, +m[1]!, +m[2]!);
  return null;
}

/**
 * Dollars as written in the modern files (`   200.00`, `1,275.00`, `-50`, `1 275,00`) to
 * whole cents. Empty is 0.
 */
export function parseDollars(raw: string): number | null {
  let s = raw.trim().replace(/^\$|\$$/g, '').trim();
  if (s === '') return 0;
  if (/^-?\d{1,3}( \d{3})*(,\d{1,2})?$/.test(s) || /^-?\d+,\d{1,2}$/.test(s)) s = s.replace(/ /g, '').replace(',', '.');
  else s = s.replace(/,/g, '');
  if (!/^-?\d+(\.\d{0,2})?$/.test(s)) return null;
  return Math.round(Number(s) * 100);
}

/** Integer cents as in the 2004–2013 as-submitted files (`25000` = $250.00). */
export function parseCents(raw: string): number | null {
  const s = raw.trim();
  if (s === '') return 0;
  return /^-?\d+$/.test(s) ? Number(s) : null;
}

/** `k1a 0a6` → `K1A0A6`; anything else upper-cased without spaces (kept, flagged by the detectors). */
export function normalisePostal(raw: string): string {
  return raw.toUpperCase().replace(/[\s-]+/g, '');
}

/** A Canadian postal code (letters D, F, I, O, Q, U never used; W, Z never first). */
export const CANADIAN_POSTAL = /^[ABCEGHJ-NPRSTVXY]\d[ABCEGHJ-NPRSTV-Z]\d[ABCEGHJ-NPRSTV-Z]\d$/;

/** Provinces and territories (with the legacy `YK` and `NF`). */
export const CANADIAN_PROVINCES = new Set(['AB', 'BC', 'MB', 'NB', 'NL', 'NF', 'NS', 'NT', 'NU', 'ON', 'PE', 'QC', 'PQ', 'SK', 'YT', 'YK']);

/**
 * Split a contributor name into last, first and middle: `Tremblay, Jean-François M` (the
 * modern files) or `Jean-François M. Tremblay` (the 2004–2013 files).
 *
 * @example
 * splitName('Wong, Siu Ming') // { last: 'Wong', first: 'Siu Ming', middle: '' }
 */
export function splitName(full: string): { last: string; first: string; middle: string } {
  const s = full.trim().replace(/\s+/g, ' ');
  const comma = s.indexOf(',');
  if (comma >= 0) {
    const last = s.slice(0, comma).trim();
    const rest = s.slice(comma + 1).trim().split(' ');
    const tail = rest.length > 1 && /^[A-Za-z]\.?$/.test(rest[rest.length - 1]!) ? rest.pop()!.replace('.', '') : '';
    return { last, first: rest.join(' '), middle: tail };
  }
  const parts = s.split(' ');
  if (parts.length === 1) return { last: parts[0]!, first: '', middle: '' };
  const last = parts.pop()!;
  const middle = parts.length > 1 && /^[A-Za-z]\.?$/.test(parts[parts.length - 1]!) ? parts.pop()!.replace('.', '') : '';
  return { last, first: parts.join(' '), middle };
}

/**
 * A line that is not one person: the rollup of a return (`Contributions of $200 or less`,
 * `Contributions de 200 $ ou moins`, `Contributors = 286 Z - Bulk Contributions Under $200`,
 * `(43 donateurs) 1 de 2 Contributions >200$`), card batches and anonymous totals. Kept apart
 * from itemised rows: limits and rings are about people.
 */
export function isRollupName(name: string): boolean {
  return /\b(contributions?|contributors|donateurs|donations|anonym\w*|anonyme)\b/i.test(name);
}
