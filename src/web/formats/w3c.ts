import type { WebEvent } from '../../core/index.js';
import { columnIndex, readBasicColumns, readFieldsDirective } from './fields-directive.js';
import { dash, parseUint, resetEvent } from './fields.js';
import { splitTarget } from './request-line.js';
import { SKIP, type LineParser } from './types.js';

/**
 * IIS's default `#Fields:` since IIS 8.5 (logExtFileFlags default adds Referer to IIS 7's
 * Date, Time, ClientIP, UserName, ServerIP, Method, UriStem, UriQuery, HttpStatus, Win32Status,
 * TimeTaken, ServerPort, UserAgent, HttpSubStatus), in the order IIS writes the columns.
 * Used for lines that arrive before any `#Fields:` directive; a 14-column line gets the
 * IIS 7 list (the same without `cs(Referer)`).
 */
export const IIS_DEFAULT_FIELDS = [
  'date', 'time', 's-ip', 'cs-method', 'cs-uri-stem', 'cs-uri-query', 's-port', 'cs-username', 'c-ip',
  'cs(User-Agent)', 'cs(Referer)', 'sc-status', 'sc-substatus', 'sc-win32-status', 'time-taken',
] as const;
const IIS7_DEFAULT_FIELDS = IIS_DEFAULT_FIELDS.filter((f) => f !== 'cs(Referer)');

const WANTED = [
  'date', 'time', 'c-ip', 'cs-method', 'cs-uri-stem', 'cs-uri-query', 'sc-status', 'sc-bytes', 'cs(Referer)',
  'cs(User-Agent)', 'cs-host', 'time-taken', 'cs-username', 'cs-version', 'cs-uri',
  'X-Forwarded-For', 'cs(X-Forwarded-For)', 'OriginalIP', 'cs(Referrer)',
] as const;
/** Positions in `WANTED` (the three X-Forwarded-For spellings share `Xff`, first found wins). */
const F = {
  Date: 0, Time: 1, Ip: 2, Method: 3, Stem: 4, Query: 5, Status: 6, Bytes: 7, Referer: 8, Ua: 9, Host: 10,
  Taken: 11, User: 12, Version: 13, Uri: 14, Xff: 15,
} as const;
type F = (typeof F)[keyof typeof F];

interface Layout {
  count: number;
  col: number[];
}

function layout(fields: readonly string[]): Layout {
  const col = columnIndex(fields, WANTED);
  col[F.Xff] = [col[F.Xff]!, col[F.Xff + 1]!, col[F.Xff + 2]!].find((i) => i >= 0) ?? -1;
  if (col[F.Referer]! < 0) col[F.Referer] = col[F.Xff + 3]!; // some IIS 6 files spell it cs(Referrer)
  return { count: fields.length, col };
}

const DEFAULT_LAYOUT = layout(IIS_DEFAULT_FIELDS);
const IIS7_LAYOUT = layout(IIS7_DEFAULT_FIELDS);

function parseW3cLine(parts: string[], l: Layout, out: WebEvent): string {
  const get = (f: F): string => (l.col[f]! >= 0 ? dash(parts[l.col[f]!]!) : '');
  const bad = readBasicColumns(get(F.Ip), get(F.Date), get(F.Time), get(F.Status), get(F.Bytes), out);
  if (bad !== '') return bad;
  out.method = get(F.Method);
  const uri = get(F.Uri);
  if (uri !== '') splitTarget(uri, out);
  out.host = get(F.Host).toLowerCase() || out.host;
  if (l.col[F.Stem]! >= 0) out.path = get(F.Stem);
  if (l.col[F.Query]! >= 0) out.query = get(F.Query);
  out.referer = get(F.Referer);
  out.userAgent = get(F.Ua).replaceAll('+', ' ');
  out.requestTimeMs = Math.max(parseUint(get(F.Taken)), -1);
  out.user = get(F.User);
  out.protocol = get(F.Version);
  out.forwardedFor = get(F.Xff);
  return '';
}

/**
 * Parser for W3C extended logs as IIS writes them: columns separated by single spaces, `-`
 * for absent, `+` for a space in the user agent, date and time in UTC. Stateful: each
 * `#Fields:` line sets the columns for the lines after it; other `#` directives are skipped.
 * Create one per file.
 *
 * @example
 * const p = createW3cParser();
 * p.parse('#Fields: date time c-ip cs-method cs-uri-stem sc-status', emptyEvent()); // SKIP
 * p.parse('2024-05-01 10:00:00 203.0.113.9 GET /index.html 200', emptyEvent());    // ''
 */
export function createW3cParser(): LineParser {
  let current: Layout | undefined;
  return {
    format: 'w3c',
    parse(line: string, out: WebEvent): string {
      resetEvent(out);
      if (line === '') return SKIP;
      if (line.charCodeAt(0) === 35 /* # */) {
        const fields = readFieldsDirective(line);
        if (fields) current = layout(fields);
        return SKIP;
      }
      const parts = line.split(' ');
      const l = current ?? (parts.length === IIS7_LAYOUT.count ? IIS7_LAYOUT : DEFAULT_LAYOUT);
      if (parts.length !== l.count) return `expected ${l.count} space-separated fields, got ${parts.length}`;
      return parseW3cLine(parts, l, out);
    },
  };
}
