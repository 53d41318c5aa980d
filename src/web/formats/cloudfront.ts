import type { WebEvent } from '../../core/index.js';
import { columnIndex, readBasicColumns, readFieldsDirective } from './fields-directive.js';
import { percentDecode } from './escapes.js';
import { dash, resetEvent, secondsToMs } from './fields.js';
import { SKIP, type LineParser } from './types.js';

/**
 * The 33 fields of CloudFront standard logs, in order (AWS CloudFront Developer Guide,
 * "Standard log file fields"); used until the file's own `#Fields:` line is read.
 */
export const CLOUDFRONT_DEFAULT_FIELDS = [
  'date', 'time', 'x-edge-location', 'sc-bytes', 'c-ip', 'cs-method', 'cs(Host)', 'cs-uri-stem', 'sc-status',
  'cs(Referer)', 'cs(User-Agent)', 'cs-uri-query', 'cs(Cookie)', 'x-edge-result-type', 'x-edge-request-id',
  'x-host-header', 'cs-protocol', 'cs-bytes', 'time-taken', 'x-forwarded-for', 'ssl-protocol', 'ssl-cipher',
  'x-edge-response-result-type', 'cs-protocol-version', 'fle-status', 'fle-encrypted-fields', 'c-port',
  'time-to-first-byte', 'x-edge-detailed-result-type', 'sc-content-type', 'sc-content-len', 'sc-range-start',
  'sc-range-end',
] as const;

const WANTED = [
  'date', 'time', 'c-ip', 'cs-method', 'cs-uri-stem', 'cs-uri-query', 'sc-status', 'sc-bytes', 'cs(Referer)',
  'cs(User-Agent)', 'x-host-header', 'cs(Host)', 'time-taken', 'x-forwarded-for', 'cs-protocol-version',
] as const;
const F = {
  Date: 0, Time: 1, Ip: 2, Method: 3, Stem: 4, Query: 5, Status: 6, Bytes: 7, Referer: 8, Ua: 9,
  HostHeader: 10, Host: 11, Taken: 12, Xff: 13, Version: 14,
} as const;
type F = (typeof F)[keyof typeof F];

interface Layout {
  /** A line needs more fields than this index: AWS appends new fields at the end. */
  maxCol: number;
  col: number[];
}

function layout(fields: readonly string[]): Layout {
  const col = columnIndex(fields, WANTED);
  return { col, maxCol: Math.max(...col) };
}

const DEFAULT_LAYOUT = layout(CLOUDFRONT_DEFAULT_FIELDS);

function parseCloudFrontLine(parts: string[], l: Layout, out: WebEvent): string {
  const get = (f: F): string => (l.col[f]! >= 0 ? dash(parts[l.col[f]!]!) : '');
  const bad = readBasicColumns(get(F.Ip), get(F.Date), get(F.Time), get(F.Status), get(F.Bytes), out);
  if (bad !== '') return bad;
  out.method = get(F.Method);
  out.path = get(F.Stem);
  out.query = get(F.Query);
  out.referer = get(F.Referer);
  out.userAgent = percentDecode(get(F.Ua));
  // x-host-header is the Host the viewer sent; cs(Host) is the distribution's own domain.
  out.host = (get(F.HostHeader) || get(F.Host)).toLowerCase();
  out.requestTimeMs = secondsToMs(get(F.Taken));
  out.forwardedFor = get(F.Xff);
  out.protocol = get(F.Version);
  return '';
}

/**
 * Parser for CloudFront standard (access) logs: tab-separated, `#Version` / `#Fields`
 * directives, UTC date and time, URL-encoded user agent (decoded here). Stateful like W3C:
 * a `#Fields:` line sets the columns that follow. Create one per file.
 *
 * @example
 * createCloudFrontParser().parse('#Version: 1.0', emptyEvent()); // SKIP
 */
export function createCloudFrontParser(): LineParser {
  let current = DEFAULT_LAYOUT;
  return {
    format: 'cloudfront',
    parse(line: string, out: WebEvent): string {
      resetEvent(out);
      if (line === '') return SKIP;
      if (line.charCodeAt(0) === 35 /* # */) {
        const fields = readFieldsDirective(line);
        if (fields) current = layout(fields);
        return SKIP;
      }
      if (line.indexOf('\t') < 0) return 'no tab-separated fields';
      const parts = line.split('\t');
      if (parts.length <= current.maxCol) return `expected at least ${current.maxCol + 1} tab-separated fields, got ${parts.length}`;
      return parseCloudFrontLine(parts, current, out);
    },
  };
}
