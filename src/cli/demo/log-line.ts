/** One request as it will be written to the access log; text fields are already log-safe. */
export interface DemoRequest {
  ip: string;
  method: string;
  /** Request target, escaped as the server writes it (see escape.ts). */
  target: string;
  proto: string;
  status: number;
  /** Body bytes; 0 is written `-`, as Apache's %b does. */
  bytes: number;
  referer: string;
  ua: string;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const pad2 = (n: number): string => (n < 10 ? `0${n}` : String(n));

/**
 * The `[%t]` stamp of a combined log line, in UTC.
 *
 * @example
 * clfTimestamp(Date.UTC(2025, 3, 28, 13, 5, 9) / 1000); // '28/Apr/2025:13:05:09 +0000'
 */
export function clfTimestamp(epochSecs: number): string {
  const d = new Date(epochSecs * 1000);
  return `${pad2(d.getUTCDate())}/${MONTHS[d.getUTCMonth()]}/${d.getUTCFullYear()}:${pad2(d.getUTCHours())}:${pad2(
    d.getUTCMinutes(),
  )}:${pad2(d.getUTCSeconds())} +0000`;
}

/**
 * An Apache/nginx "combined" line: `%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-agent}i"`.
 *
 * @example
 * formatCombined({ ip: '1.2.3.4', method: 'GET', target: '/', proto: 'HTTP/1.1', status: 200,
 *   bytes: 512, referer: '-', ua: 'curl/8.5.0' }, '28/Apr/2025:13:05:09 +0000');
 * // '1.2.3.4 - - [28/Apr/2025:13:05:09 +0000] "GET / HTTP/1.1" 200 512 "-" "curl/8.5.0"'
 */
export function formatCombined(req: DemoRequest, stamp: string): string {
  return `${req.ip} - - [${stamp}] "${req.method} ${req.target} ${req.proto}" ${req.status} ${
    req.bytes === 0 ? '-' : req.bytes
  } "${req.referer}" "${req.ua}"`;
}
