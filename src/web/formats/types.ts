import type { WebEvent } from '../../core/index.js';

/** Formats `vigie web analyze --format` accepts (besides `auto`). */
export const LOG_FORMATS = ['combined', 'common', 'json', 'w3c', 'alb', 'cloudfront'] as const;
export type LogFormat = (typeof LOG_FORMATS)[number];

/**
 * `parse` returns this for lines that are not requests but are valid in the format
 * (W3C / CloudFront `#` directives, blank lines). They are counted as skipped, not malformed.
 */
export const SKIP = '\u0000skip';

/**
 * A parser for one file. It may keep state between lines (W3C reads its `#Fields:` header),
 * so create one per file (or per chunk, feeding it the directive in effect first).
 *
 * `parse` fills `out` (every field: absent ones get their empty value, see `emptyEvent`) and
 * returns `''` on success, `SKIP` for a directive or blank line, or a short reason in plain
 * words for a malformed line ("missing closing quote in request", "bad status `2x0`").
 * It never throws on bad input. The line has no trailing newline or carriage return, is valid
 * UTF-8 (already checked), under 64 KiB, and has no control characters other than tab.
 * `out.ip` is the client address normalised with `normaliseIp` (from `core`).
 */
export interface LineParser {
  readonly format: LogFormat;
  parse(line: string, out: WebEvent): string;
}
