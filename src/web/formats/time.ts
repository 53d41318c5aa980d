/**
 * Timestamp parsing for access logs, written for the hot path: fixed-position digit reads,
 * no regex, no `Date` parsing, and a one-entry cache because consecutive log lines almost
 * always share the same second. Every function returns `NaN` for text it cannot read.
 */

const MONTHS = 'JanFebMarAprMayJunJulAugSepOctNovDec';

/** Month number of the English abbreviation at `s[i..i+3)`; -1 when unknown. No string is built. */
function monthAt(s: string, i: number): number {
  const a = s.charCodeAt(i);
  const b = s.charCodeAt(i + 1);
  const c = s.charCodeAt(i + 2);
  for (let m = 0; m < 36; m += 3) {
    if (MONTHS.charCodeAt(m) === a && MONTHS.charCodeAt(m + 1) === b && MONTHS.charCodeAt(m + 2) === c) return m / 3 + 1;
  }
  return -1;
}

const DAY_MS = 86_400_000;

/** Days from 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's days_from_civil). */
function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146_097 + doe - 719_468;
}

/** Value of `n` decimal digits at `s[i..]`, or -1 when one is not a digit. */
function digits(s: string, i: number, n: number): number {
  let v = 0;
  for (let k = i; k < i + n; k++) {
    const c = s.charCodeAt(k) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || d > 31 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) {
    return NaN;
  }
  return daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000;
}

/** `+0200` / `-07:00` at `s[i..]` → offset in ms, or NaN. */
function zoneOffsetMs(s: string, i: number): number {
  const sign = s.charCodeAt(i) === 45 ? -1 : s.charCodeAt(i) === 43 ? 1 : 0;
  if (sign === 0) return NaN;
  const hh = digits(s, i + 1, 2);
  const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
  const mm = digits(s, i + 3 + colon, 2);
  if (hh < 0 || mm < 0 || hh > 23 || mm > 59 || s.length !== i + 5 + colon) return NaN;
  return sign * (hh * 60 + mm) * 60_000;
}

let clfKey = '';
let clfValue = NaN;

/**
 * Apache / nginx `%t` text without brackets, `10/Oct/2000:13:55:36 -0700` → epoch ms (UTC).
 *
 * @example
 * parseClfTime('10/Oct/2000:13:55:36 -0700') // 971211336000
 */
export function parseClfTime(s: string): number {
  if (s === clfKey) return clfValue;
  let v = NaN;
  if (s.length === 26 && s.charCodeAt(2) === 47 && s.charCodeAt(6) === 47 && s.charCodeAt(11) === 58 &&
      s.charCodeAt(14) === 58 && s.charCodeAt(17) === 58 && s.charCodeAt(20) === 32) {
    const mo = monthAt(s, 3);
    const base = utcMs(digits(s, 7, 4), mo, digits(s, 0, 2), digits(s, 12, 2), digits(s, 15, 2), digits(s, 18, 2));
    v = base - zoneOffsetMs(s, 21);
  }
  clfKey = s;
  clfValue = v;
  return v;
}

let isoKey = '';
let isoValue = NaN;

/**
 * ISO-8601 date-time → epoch ms: `2018-07-02T22:23:00.186641Z`, `2019-12-04T21:02:31+00:00`,
 * `2019-12-04 21:02:31` (a space for `T`; no zone means UTC, as W3C and CloudFront write it).
 * Fractions beyond milliseconds are truncated.
 *
 * @example
 * parseIsoTime('2016-05-23T08:05:34.853Z') // 1463990734853
 */
export function parseIsoTime(s: string): number {
  if (s.length < 19) return NaN;
  const key = s.length === 19 ? s : s.slice(0, 19);
  let base: number;
  if (key === isoKey) {
    base = isoValue;
  } else {
    const t = s.charCodeAt(10);
    base = s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && (t === 84 || t === 32 || t === 116) &&
        s.charCodeAt(13) === 58 && s.charCodeAt(16) === 58
      ? utcMs(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2), digits(s, 11, 2), digits(s, 14, 2), digits(s, 17, 2))
      : NaN;
    isoKey = key;
    isoValue = base;
  }
  if (s.length === 19 || base !== base) return base;
  let i = 19;
  let ms = 0;
  if (s.charCodeAt(i) === 46 || s.charCodeAt(i) === 44) {
    let scale = 100;
    for (i++; i < s.length; i++) {
      const c = s.charCodeAt(i) - 48;
      if (c < 0 || c > 9) break;
      ms += c * scale;
      scale /= 10;
    }
    ms = Math.floor(ms);
  }
  if (i === s.length) return base + ms;
  const z = s.charCodeAt(i);
  if ((z === 90 || z === 122) && i === s.length - 1) return base + ms;
  return base + ms - zoneOffsetMs(s, i);
}

/**
 * W3C / CloudFront separate `date` and `time` fields, both UTC.
 *
 * @example
 * parseDateTime('2019-12-04', '21:02:31') // 1575493351000
 */
export function parseDateTime(date: string, time: string): number {
  if (date.length !== 10 || time.length < 8) return NaN;
  return parseIsoTime(`${date}T${time}`);
}

/**
 * Epoch seconds with a fraction (nginx `$msec`, `1575493351.123`) → epoch ms.
 *
 * @example
 * parseEpochSeconds('1575493351.123') // 1575493351123
 */
export function parseEpochSeconds(s: string): number {
  if (s === '' || s.length > 20) return NaN;
  const v = Number(s);
  return Number.isFinite(v) && v >= 0 ? Math.round(v * 1000) : NaN;
}
