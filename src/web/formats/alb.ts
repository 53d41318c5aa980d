import { normaliseIp, type WebEvent } from '../../core/index.js';
import { closingQuote } from './escapes.js';
import { badAddress, dash, parseUint, resetEvent, secondsToMs } from './fields.js';
import { parseRequestLine } from './request-line.js';
import { badTime, parseIsoTime } from './time.js';
import type { LineParser } from './types.js';

/**
 * AWS Application Load Balancer access log entries (Elastic Load Balancing User Guide,
 * "Access log entries"), space-separated, in this order; vigie reads the first fourteen and
 * ignores the rest (AWS appends new fields at the end):
 * `type time elb client:port target:port request_processing_time target_processing_time
 * response_processing_time elb_status_code target_status_code received_bytes sent_bytes
 * "request" "user_agent" ...`.
 *
 * The request is absolute-form (`GET https://host:443/p?q HTTP/1.1`): the host goes to `host`
 * (default port dropped) and the path and query are split. ALB does not document an escape
 * syntax, so quoted fields are kept as logged (a backslash still protects a quote).
 */

const UNQUOTED_FIELDS = 12;

/** `client:port` → the address as written: ALB appends the port after the last colon, IPv6 included. */
function addressText(token: string): string {
  if (token.charCodeAt(0) === 91 /* [ */) return token;
  const colon = token.lastIndexOf(':');
  return colon > 0 ? token.slice(0, colon) : token;
}

function isEntryType(t: string): boolean {
  if (t.length === 0 || t.length > 8) return false;
  for (let i = 0; i < t.length; i++) {
    const c = t.charCodeAt(i);
    if (!((c >= 97 && c <= 122) || (c >= 48 && c <= 57))) return false;
  }
  return true;
}

function parseAlbLine(line: string, out: WebEvent): string {
  resetEvent(out);
  const f: string[] = [];
  let p = 0;
  for (let i = 0; i < UNQUOTED_FIELDS; i++) {
    const sp = line.indexOf(' ', p);
    if (sp < 0) return `expected at least ${UNQUOTED_FIELDS} fields before the request`;
    f.push(line.slice(p, sp));
    p = sp + 1;
  }
  if (!isEntryType(f[0]!)) return `unknown entry type \`${f[0]}\``;
  out.ts = parseIsoTime(f[1]!);
  if (out.ts !== out.ts) return badTime(f[1]!);
  const rawIp = addressText(f[3]!);
  out.ip = normaliseIp(rawIp);
  if (out.ip === '') return badAddress(rawIp);
  const times = [secondsToMs(f[5]!), secondsToMs(f[6]!), secondsToMs(f[7]!)];
  out.requestTimeMs = times.every((t) => t >= 0) ? times[0]! + times[1]! + times[2]! : -1;
  out.status = parseUint(f[8]!);
  if (out.status === -2 || (out.status >= 0 && f[8]!.length !== 3)) return `bad status \`${f[8]}\``;
  out.bytes = parseUint(f[11]!);
  if (out.bytes === -2) return `bad sent bytes \`${f[11]}\``;

  if (line.charCodeAt(p) !== 34) return 'missing quoted request';
  const rqEnd = closingQuote(line, p + 1);
  if (rqEnd < 0) return 'missing closing quote in request';
  parseRequestLine(line.slice(p + 1, rqEnd), out);
  if (line.charCodeAt(rqEnd + 1) !== 32 || line.charCodeAt(rqEnd + 2) !== 34) return 'missing quoted user agent';
  const uaEnd = closingQuote(line, rqEnd + 3);
  if (uaEnd < 0) return 'missing closing quote in user agent';
  out.userAgent = dash(line.slice(rqEnd + 3, uaEnd));
  return '';
}

/**
 * Parser for AWS Application Load Balancer access logs.
 *
 * @example
 * createAlbParser().parse('http 2018-07-02T22:23:00.186641Z app/my-lb/50dc 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - -', emptyEvent()); // ''
 */
export function createAlbParser(): LineParser {
  return { format: 'alb', parse: parseAlbLine };
}
