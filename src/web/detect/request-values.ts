import type { WebEvent } from '../../core/index.js';
import { printable } from './evidence.js';
import { normalise, type PartKind } from './normalise.js';
import { isMultipartBody, isXmlBody, multipartParts, xmlValues } from './request-parts.js';

/**
 * The values of a request an injection detector reads, each with the name of where it came
 * from: `path`, `query:<name>`, `body:<name>` (form bodies), `body:json.<a>.<b>` (JSON
 * bodies), `body:<part>` (multipart parts, by field name), `body` (any other body), `cookie:<name>`
 * and `header:<name>` (request objects only: logs carry no other headers), `user_agent`, `referer`.
 */

/** Called for each value; returning true stops the walk (one finding per detector and request). */
export type ValueVisitor = (location: string, text: string, raw: string) => boolean;

/** Which raw characters make a value worth decoding and inspecting (1) or not (0). */
export type CharFilter = Uint8Array;

const MAX_PARAM_NAME_CHARS = 64;
const MAX_JSON_DEPTH = 16;
const MAX_JSON_LEAVES = 256;
const MAX_PATH_SEGMENTS = 16;
const MAX_HEADER_LINES = 64;

/**
 * A {@link CharFilter} from the characters listed, plus the characters that hide others
 * (`%`, `+`, `&`, `\`, controls and non-ASCII, which need decoding first).
 */
export function charFilter(interesting: string): CharFilter {
  const t = new Uint8Array(128);
  for (const ch of interesting + '%+&\\') t[ch.charCodeAt(0)] = 1;
  for (let c = 0; c < 0x20; c++) t[c] = 1;
  return t;
}

/** True when `raw` holds a character the filter marks: the cheap test clean values fail. */
export function passes(raw: string, filter: CharFilter): boolean {
  for (let i = 0; i < raw.length; i++) {
    const c = raw.charCodeAt(i);
    if (c >= 0x80 || filter[c] === 1) return true;
  }
  return false;
}

/**
 * Visits each value of `event` that passes `filter`, decoded by {@link normalise}, in order:
 * path (whole, then each segment), query parameters, body, cookies and other headers; then
 * User-Agent and Referer unless `headers` is false (callers that remember header verdicts read
 * those themselves). Stops when `visit` returns true.
 *
 * @example
 * forEachValue(event, filter, (location, text) => text.includes("'"))
 */
export function forEachValue(event: WebEvent, filter: CharFilter, visit: ValueVisitor, headers = true): void {
  if (event.path !== '' && passes(event.path, filter) && visitPath(event.path, filter, visit)) return;
  if (event.query !== '' && passes(event.query, filter) && visitPairs(event.query, 'query', filter, visit)) return;
  if (event.body !== '' && passes(event.body, filter) && visitBody(event.body, filter, visit)) return;
  // Logs carry no other headers: one comparison, so the cost on log lines is nil.
  if (event.headers !== undefined && event.headers !== '' && passes(event.headers, filter) && visitHeaders(event.headers, filter, visit)) return;
  if (!headers) return;
  if (event.userAgent !== '' && passes(event.userAgent, filter) && visit('user_agent', normalise(event.userAgent, 'other'), event.userAgent)) return;
  if (event.referer !== '' && passes(event.referer, filter)) visit('referer', normalise(event.referer, 'query'), event.referer);
}

/**
 * The whole path, then each segment on its own: a payload in a path segment
 * (`/item/1' or '1'='1`) reads as SQL or script only from the segment's start. A `/` inside a
 * quoted run is part of it, not a separator: a broken link to `/posts/"file://$file";`
 * (a shell snippet a crawler took for a URL) has one segment `"file://$file";`, not `$file";`.
 */
function visitPath(path: string, filter: CharFilter, visit: ValueVisitor): boolean {
  if (visit('path', normalise(path, 'path'), path)) return true;
  const quoted = quotedRuns(path);
  let from = 0;
  for (let n = 0; n < MAX_PATH_SEGMENTS && from < path.length; n++) {
    let slash = path.indexOf('/', from);
    while (slash >= 0 && insideRun(quoted, slash)) slash = path.indexOf('/', slash + 1);
    const end = slash < 0 ? path.length : slash;
    const segment = path.slice(from, end);
    if (segment !== '' && segment.length < path.length && passes(segment, filter) && visit('path', normalise(segment, 'other'), segment)) return true;
    if (slash < 0) break;
    from = slash + 1;
  }
  return false;
}

/** Quote characters as sent in a path, encoded or not. */
const PATH_QUOTE = /%22|%27|["']/gi;

/** `[open, close]` offsets of each run between a quote and the next same quote in a raw path. */
function quotedRuns(path: string): Array<[number, number]> {
  if (!path.includes('"') && !path.includes("'") && !path.includes('%2')) return [];
  const runs: Array<[number, number]> = [];
  let open: { at: number; quote: string } | undefined;
  for (const m of path.matchAll(PATH_QUOTE)) {
    const quote = m[0].length === 3 ? (m[0] === '%22' ? '"' : "'") : m[0];
    if (open === undefined) open = { at: m.index, quote };
    else if (open.quote === quote) {
      runs.push([open.at, m.index]);
      open = undefined;
    }
  }
  return runs;
}

function insideRun(runs: ReadonlyArray<[number, number]>, at: number): boolean {
  return runs.some(([a, b]) => at > a && at < b);
}

/**
 * Structured headers whose syntax (`;q=0.9`, `*\/*`, `bytes=0-1`) would read as operators and
 * that an application does not echo or paste into a query: the protocol rules read them.
 */
const STRUCTURED_HEADERS = new Set([
  'accept', 'accept-charset', 'accept-encoding', 'accept-language', 'content-type', 'content-length', 'connection',
  'cache-control', 'pragma', 'keep-alive', 'proxy-connection', 'range', 'request-range', 'if-modified-since',
  'if-none-match', 'if-match', 'if-range', 'if-unmodified-since', 'te', 'transfer-encoding', 'upgrade-insecure-requests',
  'dnt', 'priority', 'content-encoding', 'expect', 'upgrade', 'sec-fetch-site', 'sec-fetch-mode', 'sec-fetch-dest',
  'sec-fetch-user', 'sec-ch-ua', 'sec-ch-ua-mobile', 'sec-ch-ua-platform',
]);

/** `Cookie` as `cookie:<name>` values (and names), any other free-form header as `header:<name>`. */
function visitHeaders(headers: string, filter: CharFilter, visit: ValueVisitor): boolean {
  let start = 0;
  for (let n = 0; n < MAX_HEADER_LINES && start < headers.length; n++) {
    let end = headers.indexOf('\n', start);
    if (end < 0) end = headers.length;
    const colon = headers.indexOf(':', start);
    if (colon > start && colon < end) {
      const name = headers.slice(start, colon).trim().toLowerCase();
      const raw = headers.slice(colon + 1, end).trim();
      if (name === 'cookie') {
        if (passes(raw, filter) && visitCookies(raw, filter, visit)) return true;
      } else if (raw !== '' && !STRUCTURED_HEADERS.has(name) && passes(raw, filter)) {
        if (visit(`header:${printable(name, MAX_PARAM_NAME_CHARS)}`, normalise(raw, 'other'), raw)) return true;
      }
    }
    start = end + 1;
  }
  return false;
}

function visitCookies(cookies: string, filter: CharFilter, visit: ValueVisitor): boolean {
  for (const cookie of cookies.split(';')) {
    const eq = cookie.indexOf('=');
    const rawName = (eq < 0 ? cookie : cookie.slice(0, eq)).trim();
    const raw = eq < 0 ? '' : cookie.slice(eq + 1).trim();
    const name = normalise(rawName, 'other');
    const location = `cookie:${printable(name, MAX_PARAM_NAME_CHARS)}`;
    // Names are data too: payloads are sent as cookie names (`'msdasql'`, `x<form=1`).
    if (rawName !== '' && passes(rawName, filter) && visit(location, name, rawName)) return true;
    if (raw !== '' && passes(raw, filter) && visit(location, normalise(raw, 'other'), raw)) return true;
  }
  return false;
}

/** `a=1&b=2` pairs; a part without `=` is read as a value (payloads are often sent bare). */
function visitPairs(text: string, prefix: string, filter: CharFilter, visit: ValueVisitor): boolean {
  let start = 0;
  while (start <= text.length) {
    let end = text.indexOf('&', start);
    if (end < 0) end = text.length;
    const eq = text.indexOf('=', start);
    const hasValue = eq >= 0 && eq < end;
    const raw = text.slice(hasValue ? eq + 1 : start, end);
    // Names are data too: `?x<svg/onload%3d=1`, `?1 or 1=1--=x` put the payload in the name.
    if (hasValue && eq > start && visitName(text.slice(start, eq), prefix, filter, visit)) return true;
    if (raw !== '' && passes(raw, filter)) {
      const name = hasValue ? normalise(text.slice(start, eq), 'query') : '';
      const location = name === '' ? prefix : `${prefix}:${printable(name, MAX_PARAM_NAME_CHARS)}`;
      const decoded = normalise(raw, 'query');
      if (visit(location, decoded, raw)) return true;
      // `name%3Dvalue`: an encoded `=` hides the parameter name; the value is read on its own too.
      const split = hasValue ? -1 : decoded.indexOf('=');
      if (split > 0 && split < decoded.length - 1 && ENCODED_NAME.test(decoded.slice(0, split))) {
        if (visit(`${prefix}:${printable(decoded.slice(0, split), MAX_PARAM_NAME_CHARS)}`, decoded.slice(split + 1), raw)) return true;
      }
    }
    start = end + 1;
  }
  return false;
}

const ENCODED_NAME = /^[\w.[\]-]{1,64}$/;

/** A parameter name read as a value (`query:<name>`), when it holds a character worth a look. */
function visitName(rawName: string, prefix: string, filter: CharFilter, visit: ValueVisitor): boolean {
  if (!passes(rawName, filter)) return false;
  const name = normalise(rawName, 'query');
  return visit(`${prefix}:${printable(name, MAX_PARAM_NAME_CHARS)}`, name, rawName);
}

function visitBody(body: string, filter: CharFilter, visit: ValueVisitor): boolean {
  const first = body.trimStart().charCodeAt(0);
  if (first === 0x2d /* - */ && isMultipartBody(body)) return visitMultipart(body, filter, visit);
  if (first === 0x7b || first === 0x5b) {
    const parsed = parseJson(body);
    if (parsed !== undefined) {
      const state = { leaves: 0, stop: false };
      walkJson(parsed, 'body:json', 0, filter, visit, state);
      return state.stop;
    }
  }
  if (first !== 0x3c /* < */ && (body.includes('=') || /%3d/i.test(body))) return visitPairs(body, 'body', filter, visit);
  if (visit('body', normalise(body, 'query' satisfies PartKind), body)) return true;
  return first === 0x3c && visitXml(body, filter, visit);
}

/**
 * Each attribute value and text node of an XML body as `body:xml` (see {@link xmlValues}):
 * an application reads them one by one.
 */
function visitXml(body: string, filter: CharFilter, visit: ValueVisitor): boolean {
  if (!isXmlBody(body)) return false;
  for (const raw of xmlValues(body)) {
    if (passes(raw, filter) && visit('body:xml', normalise(raw, 'other'), raw)) return true;
  }
  return false;
}

/**
 * Each part of a multipart body as `body:<field name>`: its content, then its file name. The
 * part headers (`Content-Disposition: form-data`) are framing, not data, so they are not read.
 */
function visitMultipart(body: string, filter: CharFilter, visit: ValueVisitor): boolean {
  for (const { name, fileName, content } of multipartParts(body)) {
    const location = name === '' ? 'body' : `body:${printable(name, MAX_PARAM_NAME_CHARS)}`;
    if (name !== '' && passes(name, filter) && visit(location, normalise(name, 'other'), name)) return true;
    if (fileName !== '' && passes(fileName, filter) && visit(location, normalise(fileName, 'other'), fileName)) return true;
    if (content !== '' && passes(content, filter) && visit(location, normalise(content, 'other'), content)) return true;
  }
  return false;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

interface WalkState {
  leaves: number;
  stop: boolean;
}

function walkJson(node: unknown, path: string, depth: number, filter: CharFilter, visit: ValueVisitor, state: WalkState): void {
  if (state.stop || depth > MAX_JSON_DEPTH || state.leaves >= MAX_JSON_LEAVES) return;
  if (typeof node === 'string') {
    state.leaves++;
    if (passes(node, filter)) state.stop = visit(path, normalise(node, 'other'), node);
    return;
  }
  if (node === null || typeof node !== 'object') return;
  for (const [key, value] of Object.entries(node)) {
    // Keys are data too: NoSQL and SQL payloads are sent as JSON keys.
    if (passes(key, filter) && visit(path, normalise(key, 'other'), key)) {
      state.stop = true;
      return;
    }
    walkJson(value, `${path}.${printable(key, MAX_PARAM_NAME_CHARS)}`, depth + 1, filter, visit, state);
    if (state.stop) return;
  }
}
