import { ZONE_COUNTRIES } from './zone-countries.js';

/**
 * Which countries keep a UTC offset on given days, daylight saving included: each IANA zone's
 * offset is computed with Node's Intl (full ICU, shipped with Node 20), the zone's country comes
 * from tzdata's zone.tab (zone-countries.ts). Memoised per day: campaigns share their days.
 */

const formatters = new Map<string, Intl.DateTimeFormat>();
const perDay = new Map<string, ReadonlyMap<string, number[]>>();
/** Most days sampled from a campaign's span (first and last day always among them). */
export const MAX_SAMPLED_DAYS = 16;

/**
 * A zone's offset from UTC in hours at an instant (`+5.5` for Asia/Kolkata), or null when the
 * runtime does not know the zone.
 *
 * @example
 * zoneOffsetHours('America/Toronto', new Date('2025-01-15T12:00:00Z')) // -5
 * zoneOffsetHours('America/Toronto', new Date('2025-07-15T12:00:00Z')) // -4
 */
export function zoneOffsetHours(zone: string, at: Date): number | null {
  let f = formatters.get(zone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: zone, timeZoneName: 'longOffset' });
    } catch {
      return null;
    }
    formatters.set(zone, f);
  }
  const name = f.formatToParts(at).find((p) => p.type === 'timeZoneName')?.value ?? '';
  const m = /^GMT(?:([+-])(\d{1,2})(?::(\d{2}))?)?$/.exec(name);
  if (!m) return null;
  if (m[1] === undefined) return 0;
  const h = Number(m[2]) + Number(m[3] ?? 0) / 60;
  return m[1] === '-' ? -h : h;
}

// Antarctica's research stations keep many offsets and house no operator worth naming.
const NO_RESIDENTS = new Set(['AQ']);

/** Every country's distinct offsets at noon UTC of a day (`YYYY-MM-DD`). */
function offsetsOn(day: string): ReadonlyMap<string, number[]> {
  let map = perDay.get(day);
  if (map) return map;
  const at = new Date(`${day}T12:00:00Z`);
  const out = new Map<string, number[]>();
  for (const [cc, zones] of Object.entries(ZONE_COUNTRIES)) {
    if (NO_RESIDENTS.has(cc)) continue;
    const offsets = new Set<number>();
    for (const z of zones) {
      const o = zoneOffsetHours(z, at);
      if (o !== null) offsets.add(o);
    }
    out.set(cc, [...offsets].sort((a, b) => a - b));
  }
  perDay.set(day, (map = out));
  return map;
}

/**
 * Days to check from a span: the first, the last, and evenly spaced days between (at most
 * {@link MAX_SAMPLED_DAYS}), so a span across a daylight-saving change sees both offsets.
 */
export function sampleDays(firstSeen: string, lastSeen: string): string[] {
  const a = Date.parse(firstSeen.slice(0, 10) + 'T00:00:00Z');
  const b = Date.parse(lastSeen.slice(0, 10) + 'T00:00:00Z');
  if (!Number.isFinite(a)) return [];
  const end = Number.isFinite(b) && b > a ? b : a;
  const days = Math.round((end - a) / 86_400_000) + 1;
  const step = Math.max(1, Math.ceil(days / MAX_SAMPLED_DAYS));
  const out = new Set<string>();
  for (let d = 0; d < days; d += step) out.add(new Date(a + d * 86_400_000).toISOString().slice(0, 10));
  out.add(new Date(end).toISOString().slice(0, 10));
  return [...out];
}

/**
 * The countries with a zone at the offset (within half an hour, so UTC+5 and UTC+6 both take
 * India's +5:30: a working day is read to the hour) on at least one of the days, sorted.
 *
 * @example
 * countriesKeeping(-4, ['2025-07-15']).includes('CA') // true: Eastern daylight time
 * countriesKeeping(-4, ['2025-01-15']).includes('CA') // true too: Atlantic standard time (Halifax)
 * countriesKeeping(8, ['2025-07-15']).includes('CA')  // false
 */
export function countriesKeeping(offsetHours: number, days: readonly string[]): string[] {
  const out = new Set<string>();
  for (const day of days) {
    for (const [cc, offsets] of offsetsOn(day)) if (offsets.some((o) => Math.abs(o - offsetHours) <= 0.5)) out.add(cc);
  }
  return [...out].sort();
}

/**
 * A country's zones at the offset on the days (for the reason's "which zone keeps it").
 *
 * @example
 * zonesKeeping('CA', -5, ['2025-01-15']) // ['America/Toronto', ...]
 */
export function zonesKeeping(country: string, offsetHours: number, days: readonly string[]): string[] {
  const out = new Set<string>();
  for (const day of days) {
    const at = new Date(`${day}T12:00:00Z`);
    for (const z of ZONE_COUNTRIES[country] ?? []) {
      const o = zoneOffsetHours(z, at);
      if (o !== null && Math.abs(o - offsetHours) <= 0.5) out.add(z);
    }
  }
  return [...out].sort();
}
