import { emptyEvent } from '../../core/index.js';
import { createParser } from './create-parser.js';
import { SKIP, type LogFormat } from './types.js';

/**
 * Candidates in tie-break order, most specific first. `common` comes before `combined`:
 * the combined parser also reads common lines, so when both read every line the file is
 * common; a combined file fails the (strict) common parser and so cannot tie.
 */
const CANDIDATES: readonly LogFormat[] = ['alb', 'cloudfront', 'w3c', 'json', 'common', 'combined'];

/**
 * Reasons of a line that has the format's shape but a time or client address that is wrong
 * (made by `badTime` and `badAddress`). Such a line still tells the format: a device whose clock
 * was never set writes a whole file of 1970 times, and its lines must be reported malformed with
 * that reason, not the file refused as unrecognised.
 */
const VALUE_FAULT = /^bad (?:time|date\/time|client address) `/;

/** How many of the first non-empty lines `detectFormat` looks at. */
export const DETECT_SAMPLE_LINES = 20;

/**
 * Guess the format of a file from its first lines: every parser reads up to the first 20
 * non-empty lines, the one that reads the most wins (ties go to the more specific format).
 * Directive lines (`#Fields:`...) feed the stateful parsers but count for nothing; a line of the
 * right shape with a wrong time or address counts as read. Returns
 * `undefined` when no parser reads at least half of the non-directive lines.
 *
 * @example
 * detectFormat(['203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326']) // 'common'
 */
export function detectFormat(firstLines: readonly string[]): LogFormat | undefined {
  const sample = firstLines.filter((l) => l.trim() !== '').slice(0, DETECT_SAMPLE_LINES);
  const out = emptyEvent();
  let best: LogFormat | undefined;
  let bestScore = 0;
  let needed = 1;
  for (const format of CANDIDATES) {
    const parser = createParser(format);
    let ok = 0;
    let records = 0;
    for (const line of sample) {
      const reason = parser.parse(line, out);
      if (reason === SKIP) continue;
      records++;
      if (reason === '' || VALUE_FAULT.test(reason)) ok++;
    }
    if (ok > bestScore) {
      best = format;
      bestScore = ok;
      needed = Math.ceil(records / 2);
    }
  }
  return best !== undefined && bestScore >= needed ? best : undefined;
}
