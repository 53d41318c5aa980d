/**
 * Timestamp parsing for access logs, written for the hot path: fixed-position digit reads,
 * no regex, no `Date` parsing, and a one-entry cache because consecutive log lines almost
 * always share the same second. Every function returns `NaN` for a time it cannot read or that
 * cannot be true, and `timeProblem()` then says why, for the malformed line's reason.
 *
 * A time is accepted when it is a calendar date (no 29 February 2025, no 31 April) and falls
 * in [1990-01-01, 2100-01-01) UTC. The lower bound is the web's own: the first web server ran
 * at CERN from late 1990 and the oldest public web-log archives (Calgary 1994, NASA-HTTP and
 * ClarkNet 1995) are well inside, so an earlier time is a clock that was never set (the Unix
 * epoch, 1970-01-01 00:00:00, named as such; a DOS or GPS epoch of 1980) or a broken field
 * (year 0000). The upper bound is fixed rather than "now plus a margin": vigie runs offline on
 * machines whose own clock may be wrong, a server whose clock runs ahead must not lose its
 * lines, and analysing an archive again must give the same answer whatever the day.
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

/** First instant accepted (1990-01-01T00:00:00Z) and the first one past the range (2100-01-01). */
export const FIRST_LOG_TIME_MS = Date.UTC(1990, 0, 1);
export const END_LOG_TIME_MS = Date.UTC(2100, 0, 1);

let problem = '';

/**
 * Why the last parse function called here returned NaN, in a few plain words
 * (`2025-02-29 is not a calendar date`); `''` after a success.
 *
 * @example
 * parseClfTime('29/Feb/2025:00:00:00 +0000'); // NaN
 * timeProblem() // '2025-02-29 is not a calendar date'
 */
export function timeProblem(): string {
  return problem;
}

/**
 * The malformed-line reason for a time text just refused by one of the parse functions here.
 *
 * @example
 * parseClfTime('29/Feb/2025:00:00:00 +0000');
 * badTime('29/Feb/2025:00:00:00 +0000') // 'bad time `29/Feb/2025:00:00:00 +0000`: 2025-02-29 is not a calendar date'
 */
export function badTime(text: string, what = 'time'): string {
  return `bad ${what} \`${text}\`: ${problem}`;
}

function fail(why: string): number {
  problem = why;
  return NaN;
}

function daysInMonth(y: number, mo: number): number {
  if (mo !== 2) return mo === 4 || mo === 6 || mo === 9 || mo === 11 ? 30 : 31;
  return y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0) ? 29 : 28;
}

const pad = (n: number, width: number): string => String(n).padStart(width, '0');

function utcMs(y: number, mo: number, d: number, h: number, mi: number, s: number): number {
  if (y < 0 || mo < 1 || mo > 12 || d < 1 || h < 0 || h > 23 || mi < 0 || mi > 59 || s < 0 || s > 60) {
    return fail('not a time');
  }
  if (d > daysInMonth(y, mo)) return fail(`${pad(y, 4)}-${pad(mo, 2)}-${pad(d, 2)} is not a calendar date`);
  return daysFromCivil(y, mo, d) * DAY_MS + ((h * 60 + mi) * 60 + s) * 1000;
}

/** `ms` when it is in the accepted range, else NaN with the reason (see the file comment). */
function inRange(ms: number): number {
  if (ms !== ms) return ms;
  if (ms >= FIRST_LOG_TIME_MS && ms < END_LOG_TIME_MS) {
    problem = '';
    return ms;
  }
  if (ms === 0) return fail('the Unix epoch (1970-01-01 00:00:00 UTC), the time of a clock that was never set');
  return fail(ms < FIRST_LOG_TIME_MS ? 'before 1990, older than the web: a clock that was not set or a broken field' : 'after 2099: a clock that is wrong or a broken field');
}

/** `+0200` / `-07:00` at `s[i..]` → offset in ms, or NaN. */
function zoneOffsetMs(s: string, i: number): number {
  const sign = s.charCodeAt(i) === 45 ? -1 : s.charCodeAt(i) === 43 ? 1 : 0;
  if (sign === 0) return fail('not a time zone offset');
  const hh = digits(s, i + 1, 2);
  const colon = s.charCodeAt(i + 3) === 58 ? 1 : 0;
  const mm = digits(s, i + 3 + colon, 2);
  if (hh < 0 || mm < 0 || hh > 23 || mm > 59 || s.length !== i + 5 + colon) return fail('not a time zone offset');
  return sign * (hh * 60 + mm) * 60_000;
}

let clfKey = '';
let clfValue = NaN;
let clfProblem = '';

/**
 * Apache / nginx `%t` text without brackets, `10/Oct/2000:13:55:36 -0700` → epoch ms (UTC).
 *
 * @example
 * parseClfTime('10/Oct/2000:13:55:36 -0700') // 971211336000
 */
export function parseClfTime(s: string): number {
  if (s === clfKey) {
    problem = clfProblem;
    return clfValue;
  }
  let v: number;
  if (s.length === 26 && s.charCodeAt(2) === 47 && s.charCodeAt(6) === 47 && s.charCodeAt(11) === 58 &&
      s.charCodeAt(14) === 58 && s.charCodeAt(17) === 58 && s.charCodeAt(20) === 32) {
    const mo = monthAt(s, 3);
    const base = utcMs(digits(s, 7, 4), mo, digits(s, 0, 2), digits(s, 12, 2), digits(s, 15, 2), digits(s, 18, 2));
    v = inRange(base === base ? base - zoneOffsetMs(s, 21) : base);
  } else {
    v = fail('not a time like `10/Oct/2000:13:55:36 -0700`');
  }
  clfKey = s;
  clfValue = v;
  clfProblem = problem;
  return v;
}

let isoKey = '';
let isoValue = NaN;
let isoProblem = '';

/**
 * ISO-8601 date-time → epoch ms: `2018-07-02T22:23:00.186641Z`, `2019-12-04T21:02:31+00:00`,
 * `2019-12-04 21:02:31` (a space for `T`; no zone means UTC, as W3C and CloudFront write it).
 * Fractions beyond milliseconds are truncated.
 *
 * @example
 * parseIsoTime('2016-05-23T08:05:34.853Z') // 1463990734853
 */
export function parseIsoTime(s: string): number {
  if (s.length < 19) return fail(NOT_ISO);
  const key = s.length === 19 ? s : s.slice(0, 19);
  let base: number;
  if (key === isoKey) {
    base = isoValue;
    problem = isoProblem;
  } else {
    const t = s.charCodeAt(10);
    base = s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45 && (t === 84 || t === 32 || t === 116) &&
        s.charCodeAt(13) === 58 && s.charCodeAt(16) === 58
      ? utcMs(digits(s, 0, 4), digits(s, 5, 2), digits(s, 8, 2), digits(s, 11, 2), digits(s, 14, 2), digits(s, 17, 2))
      : fail(NOT_ISO);
    isoKey = key;
    isoValue = base;
    isoProblem = base === base ? '' : problem;
  }
  if (base !== base) return base;
  return inRange(withFractionAndZone(s, base));
}

const NOT_ISO = 'not a time like `2019-12-04T21:02:31Z`';

/** `base` (the first 19 characters, read) plus the fraction and minus the zone offset after them. */
function withFractionAndZone(s: string, base: number): number {
  if (s.length === 19) return base;
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
  if (date.length !== 10 || time.length < 8) return fail('not a date like `2019-12-04` and a time like `21:02:31`');
  return parseIsoTime(`${date}T${time}`);
}

/**
 * Epoch seconds with a fraction (nginx `$msec`, `1575493351.123`) → epoch ms.
 *
 * @example
 * parseEpochSeconds('1575493351.123') // 1575493351123
 */
export function parseEpochSeconds(s: string): number {
  if (s === '' || s.length > 20) return fail('not a number of seconds');
  const v = Number(s);
  return Number.isFinite(v) ? inRange(Math.round(v * 1000)) : fail('not a number of seconds');
}
