import { lang } from './i18n/index.js';

// Formatters are built once per language: Intl constructors are slow, pages format thousands.
const cache = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();

function numberFormat(kind: 'int' | 'pct' | 'dec'): Intl.NumberFormat {
  const key = `${lang()}:${kind}`;
  let f = cache.get(key) as Intl.NumberFormat | undefined;
  if (!f) {
    const opts: Intl.NumberFormatOptions = kind === 'pct' ? { style: 'percent', maximumFractionDigits: 1 }
      : kind === 'dec' ? { maximumFractionDigits: 2 } : { maximumFractionDigits: 0 };
    f = new Intl.NumberFormat(lang(), opts);
    cache.set(key, f);
  }
  return f;
}

function dateFormat(kind: 'datetime' | 'date' | 'hour' | 'hourYear' | 'clock' | 'day' | 'dayYear' | 'stamp'): Intl.DateTimeFormat {
  const key = `${lang()}:${kind}`;
  let f = cache.get(key) as Intl.DateTimeFormat | undefined;
  if (!f) {
    // Everything is shown in UTC, as stored: the committee compares times across time zones.
    const opts: Intl.DateTimeFormatOptions = kind === 'date' ? { dateStyle: 'medium', timeZone: 'UTC' }
      : kind === 'clock' ? { hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }
      : kind === 'day' ? { month: 'short', day: 'numeric', timeZone: 'UTC' }
      : kind === 'dayYear' ? { year: 'numeric', month: 'short', day: 'numeric', timeZone: 'UTC' }
      : kind === 'hourYear' ? { year: 'numeric', month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }
      : kind === 'stamp' ? { year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }
      : kind === 'hour' ? { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }
        : { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' };
    f = new Intl.DateTimeFormat(lang(), opts);
    cache.set(key, f);
  }
  return f;
}

/** An integer in the current language: 12,345 (en-CA) or 12 345 (fr-CA). */
export function fmtInt(n: number): string {
  return numberFormat('int').format(n);
}

/** A share (0–1) as a percentage: 12.5% (en-CA) or 12,5 % (fr-CA). */
export function fmtPct(share: number): string {
  return numberFormat('pct').format(share);
}

/** A number with up to two decimals. */
export function fmtDec(n: number): string {
  return numberFormat('dec').format(n);
}

/** A date and time in UTC, in the current language. Empty for a missing value. */
export function fmtDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat('datetime').format(d);
}

/** A compact date and time for table rows, in UTC: 2025-04-28, 23:54 (en-CA), 2025-04-28 23 h 54 (fr-CA). */
export function fmtStamp(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat('stamp').format(d);
}

/** A date alone, in UTC. */
export function fmtDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso.length === 10 ? `${iso}T00:00:00Z` : iso);
  return Number.isNaN(d.getTime()) ? iso : dateFormat('date').format(d);
}

/** A short day-and-hour label for charts, in UTC, on the 24-hour clock; with the year when a chart spans several. */
export function fmtHour(iso: string, withYear = false): string {
  return dateFormat(withYear ? 'hourYear' : 'hour').format(new Date(iso));
}

/** A time of day on the 24-hour clock, in UTC: 09:00 (en-CA), 09 h 00 (fr-CA). */
export function fmtClock(iso: string): string {
  return dateFormat('clock').format(new Date(iso));
}

/** A short day, in UTC: Apr 28 (en-CA), 28 avr. (fr-CA); Apr 28, 2025 with the year. */
export function fmtDay(iso: string, withYear = false): string {
  return dateFormat(withYear ? 'dayYear' : 'day').format(new Date(iso));
}

/** A UTC offset in hours as `UTC+8`, `UTC−5` (true minus sign) or `UTC`. */
export function fmtOffset(hours: number): string {
  if (hours === 0) return 'UTC';
  return `UTC${hours > 0 ? '+' : '\u2212'}${numberFormat('dec').format(Math.abs(hours))}`;
}

/** A country's name from its two-letter code, in the current language. */
export function countryName(code: string | null | undefined): string {
  if (!code) return '';
  try {
    return new Intl.DisplayNames([lang()], { type: 'region' }).of(code.toUpperCase()) ?? code;
  } catch {
    return code;
  }
}
