import { emptyEvent, type EventSource, type Finding, type RequestDetector, type WebEvent } from '../../core/index.js';

/**
 * One request in the corpora's shape, as `vigie web scan --requests` reads it: `method`, `uri`
 * (request target), optional `headers` (object or list of `[name, value]` pairs) and optional
 * `body` (or `data`). Other fields are ignored.
 */
export interface RequestObject {
  method?: unknown;
  uri?: unknown;
  headers?: unknown;
  body?: unknown;
  data?: unknown;
  /** `HTTP/1.1`...: the protocol of the request line. */
  version?: unknown;
  /** The whole request as sent, base64: when present, it is read instead of the fields above. */
  encoded_request?: unknown;
}

/**
 * The {@link WebEvent} a request object stands for: target split at the first `?` into path
 * and query, `User-Agent`, `Referer`, `Host` and `X-Forwarded-For` taken from the headers
 * (names case-insensitive), every other header as a `name: value` line of `headers`, body from
 * `body`, else `data`.
 *
 * @example
 * requestToEvent({ method: 'GET', uri: '/fr/recherche?q=vote', headers: { 'User-Agent': 'curl/8' } })
 * // { ...emptyEvent(), method: 'GET', path: '/fr/recherche', query: 'q=vote', userAgent: 'curl/8' }
 */
export function requestToEvent(request: RequestObject): WebEvent {
  if (typeof request.encoded_request === 'string' && request.encoded_request !== '') {
    const decoded = decodeRawRequest(request.encoded_request);
    if (decoded !== undefined) return requestToEvent(decoded);
  }
  const event = emptyEvent();
  if (typeof request.version === 'string') event.protocol = request.version;
  event.method = typeof request.method === 'string' ? request.method : '';
  const uri = typeof request.uri === 'string' ? request.uri : '';
  const q = uri.indexOf('?');
  event.path = q < 0 ? uri : uri.slice(0, q);
  event.query = q < 0 ? '' : uri.slice(q + 1);
  let others = '';
  for (const [name, value] of headerPairs(request.headers)) {
    switch (name.toLowerCase()) {
      case 'user-agent': if (value.trim() === '') others += `${name}: \n`; else event.userAgent = value; break;
      case 'referer': event.referer = value; break;
      // An empty Host stays a header line: rules must tell "sent empty" from "not sent".
      case 'host': if (value.trim() === '') others += `${name}: \n`; else event.host = value; break;
      case 'x-forwarded-for': event.forwardedFor = value; break;
      // Line breaks in a value are percent-encoded, so it stays one line and decodes back to them.
      default: others += `${name}: ${value.replace(/\r/g, '%0D').replace(/\n/g, '%0A')}\n`;
    }
  }
  event.headers = others;
  event.body = bodyText(request.body ?? request.data);
  return event;
}

/**
 * Findings of `detector` on one request object.
 *
 * @example
 * const detector = createRuleDetector();
 * scanRequest(detector, { method: 'GET', uri: "/search?q=1' union select password from users--" })
 * // [{ rule: 'sqli-union-select', location: 'query:q', ... }]
 */
export function scanRequest(
  detector: RequestDetector,
  request: RequestObject,
  source: EventSource = { file: '-', line: 0 },
): Finding[] {
  const out: Finding[] = [];
  detector.inspect(requestToEvent(request), source, out);
  return out;
}

/**
 * A raw request (base64 of `METHOD target VERSION`, header lines, blank line, body) as a
 * request object; undefined when it has no request line.
 */
function decodeRawRequest(base64: string): RequestObject | undefined {
  const text = Buffer.from(base64, 'base64').toString('latin1');
  const end = /\r?\n\r?\n/.exec(text);
  const head = end === null ? text : text.slice(0, end.index);
  const lines = head.split(/\r?\n/);
  const requestLine = /^(\S+) (\S+)(?: (\S+))?$/.exec(lines[0] ?? '');
  if (requestLine === null) return undefined;
  const headers: Array<[string, string]> = [];
  for (const line of lines.slice(1)) {
    const colon = line.indexOf(':');
    if (colon > 0) headers.push([line.slice(0, colon), line.slice(colon + 1).trim()]);
  }
  const body = end === null ? '' : text.slice(end.index + end[0].length);
  return { method: requestLine[1], uri: requestLine[2], version: requestLine[3] ?? '', headers, body };
}

function headerPairs(headers: unknown): Array<[string, string]> {
  if (Array.isArray(headers)) {
    return headers.filter(
      (h): h is [string, string] => Array.isArray(h) && typeof h[0] === 'string' && typeof h[1] === 'string',
    );
  }
  if (headers !== null && typeof headers === 'object') {
    return Object.entries(headers).filter((h): h is [string, string] => typeof h[1] === 'string');
  }
  return [];
}

function bodyText(body: unknown): string {
  if (typeof body === 'string') return body;
  if (Array.isArray(body)) return body.filter((b) => typeof b === 'string').join('\n');
  if (body !== null && typeof body === 'object') return JSON.stringify(body);
  return '';
}

/** What `vigie web scan` says about one request: the contract of its output lines. */
export interface RequestVerdict {
  attack: boolean;
  /** Distinct classes of the findings, in the order first found. */
  classes: string[];
  /** Distinct rule or detector ids, in the order first found. */
  rules: string[];
  /**
   * Sum of the severities (1–5) of the distinct rules that fired: 0 for a clean request, higher
   * when more, or more severe, independent evidence agrees.
   */
  score: number;
}

/**
 * The verdict on one request from its findings.
 *
 * @example
 * requestVerdict([]) // { attack: false, classes: [], rules: [], score: 0 }
 */
export function requestVerdict(findings: readonly Finding[]): RequestVerdict {
  const classes: string[] = [];
  const rules: string[] = [];
  let score = 0;
  for (const f of findings) {
    if (!classes.includes(f.class)) classes.push(f.class);
    if (rules.includes(f.rule)) continue;
    rules.push(f.rule);
    score += f.severity;
  }
  return { attack: findings.length > 0, classes, rules, score };
}
