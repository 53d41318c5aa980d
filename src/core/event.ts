/**
 * One HTTP request as vigie sees it, whatever log format it came from.
 *
 * Strings are never `undefined`: a field the format does not carry is `''`, a number it does
 * not carry is `-1`. A fixed shape keeps the hot path monomorphic (V8 inline caches) and lets
 * the store write rows without per-field checks.
 *
 * @example
 * const e: WebEvent = { ...emptyEvent(), ip: '203.0.113.9', method: 'GET', path: '/' };
 */
export interface WebEvent {
  /** Request time, milliseconds since the epoch, UTC. */
  ts: number;
  /** Client address, canonical (`normaliseIp`): IPv6 in RFC 5952 form, IPv4-mapped as IPv4, no port, no zone. */
  ip: string;
  method: string;
  /** Request path as logged (still percent-encoded), without the query string. */
  path: string;
  /** Raw query string without the leading `?`; `''` when there is none. */
  query: string;
  /** `HTTP/1.1`, `HTTP/2.0`...; `''` when the log does not say. */
  protocol: string;
  status: number;
  /** Response bytes; -1 when unknown (`-` in combined logs). */
  bytes: number;
  referer: string;
  userAgent: string;
  /** Virtual host / Host header when the format has it. */
  host: string;
  /** Time to serve the request in milliseconds; -1 when the format does not carry it. */
  requestTimeMs: number;
  /** Request body when the format carries it (JSON logs with `request_body`). */
  body: string;
  /** Raw X-Forwarded-For value when the format has it; only used with `--trust-proxy`. */
  forwardedFor: string;
  /** Authenticated user name when logged (`-` becomes `''`). */
  user: string;
  /**
   * Request headers other than the four above, as `name: value` lines (`''` when absent). Only
   * request objects (`vigie web scan`) carry them; access logs do not.
   */
  headers?: string;
}

/** A fresh event with every field at its "absent" value. */
export function emptyEvent(): WebEvent {
  return {
    ts: 0,
    ip: '',
    method: '',
    path: '',
    query: '',
    protocol: '',
    status: -1,
    bytes: -1,
    referer: '',
    userAgent: '',
    host: '',
    requestTimeMs: -1,
    body: '',
    forwardedFor: '',
    user: '',
    headers: '',
  };
}

/**
 * Query parameters of an event, in order, names and values still percent-encoded
 * (decoding belongs to the detectors' normalisation, which keeps the raw value as evidence).
 *
 * @example
 * queryParams('a=1&b=&c') // [['a','1'],['b',''],['c','']]
 */
export function queryParams(query: string): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  if (query === '') return out;
  for (const part of query.split('&')) {
    if (part === '') continue;
    const eq = part.indexOf('=');
    out.push(eq < 0 ? [part, ''] : [part.slice(0, eq), part.slice(eq + 1)]);
  }
  return out;
}
