import type { WebEvent } from '../../core/index.js';
import { printable } from './evidence.js';
import { normalise, type PartKind } from './normalise.js';

/**
 * The values of a request an injection detector reads, each with the name of where it came
 * from: `path`, `query:<name>`, `body:<name>` (form bodies), `body:json.<a>.<b>` (JSON
 * bodies), `body` (any other body), `user_agent`, `referer`.
 */

/** Called for each value; returning true stops the walk (one finding per detector and request). */
export type ValueVisitor = (location: string, text: string, raw: string) => boolean;

/** Which raw characters make a value worth decoding and inspecting (1) or not (0). */
export type CharFilter = Uint8Array;

const MAX_PARAM_NAME_CHARS = 64;
const MAX_JSON_DEPTH = 16;
const MAX_JSON_LEAVES = 256;

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
 * path, query parameters, body; then User-Agent and Referer unless `headers` is false (callers
 * that remember header verdicts read those themselves). Stops when `visit` returns true.
 *
 * @example
 * forEachValue(event, filter, (location, text) => text.includes("'"))
 */
export function forEachValue(event: WebEvent, filter: CharFilter, visit: ValueVisitor, headers = true): void {
  if (event.path !== '' && passes(event.path, filter) && visit('path', normalise(event.path, 'path'), event.path)) return;
  if (event.query !== '' && passes(event.query, filter) && visitPairs(event.query, 'query', filter, visit)) return;
  if (event.body !== '' && passes(event.body, filter) && visitBody(event.body, filter, visit)) return;
  if (!headers) return;
  if (event.userAgent !== '' && passes(event.userAgent, filter) && visit('user_agent', normalise(event.userAgent, 'other'), event.userAgent)) return;
  if (event.referer !== '' && passes(event.referer, filter)) visit('referer', normalise(event.referer, 'query'), event.referer);
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
    if (raw !== '' && passes(raw, filter)) {
      const name = hasValue ? normalise(text.slice(start, eq), 'query') : '';
      const location = name === '' ? prefix : `${prefix}:${printable(name, MAX_PARAM_NAME_CHARS)}`;
      if (visit(location, normalise(raw, 'query'), raw)) return true;
    }
    start = end + 1;
  }
  return false;
}

function visitBody(body: string, filter: CharFilter, visit: ValueVisitor): boolean {
  const first = body.trimStart().charCodeAt(0);
  if (first === 0x7b || first === 0x5b) {
    const parsed = parseJson(body);
    if (parsed !== undefined) {
      const state = { leaves: 0, stop: false };
      walkJson(parsed, 'body:json', 0, filter, visit, state);
      return state.stop;
    }
  }
  if (first !== 0x3c /* < */ && body.includes('=')) return visitPairs(body, 'body', filter, visit);
  return visit('body', normalise(body, 'query' satisfies PartKind), body);
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
