import { queryParams, type WebEvent } from '../../core/index.js';
import { decodeValue } from './value-shape.js';

/** One parameter of a request, where it was, raw (evidence) and decoded (what is modelled). */
export interface RequestParam {
  location: 'query' | 'body';
  name: string;
  raw: string;
  value: string;
}

/** Longest body read for parameters: form posts are small; a huge body is the length model's business. */
const MAX_BODY_CHARS = 65_536;

/**
 * Parameters of a request: the query string, then a form body (`a=1&b=2`) or the top-level
 * fields of a JSON object body. Names are decoded; values keep their raw form for evidence.
 *
 * @example
 * requestParams({ ...emptyEvent(), query: 'id=3&nombre=Vino+Rioja' })
 * // [{ location: 'query', name: 'id', raw: '3', value: '3' }, { ..., name: 'nombre', value: 'Vino Rioja' }]
 */
export function requestParams(event: WebEvent): RequestParam[] {
  const out: RequestParam[] = [];
  for (const [name, raw] of queryParams(event.query)) out.push({ location: 'query', name: decodeValue(name), raw, value: decodeValue(raw) });
  const body = event.body.length > MAX_BODY_CHARS ? event.body.slice(0, MAX_BODY_CHARS) : event.body;
  if (body === '') return out;
  const trimmed = body.trimStart();
  if (trimmed.startsWith('{')) {
    jsonParams(trimmed, out);
    return out;
  }
  for (const [name, raw] of queryParams(body.replace(/[\r\n]+$/, ''))) out.push({ location: 'body', name: decodeValue(name), raw, value: decodeValue(raw) });
  return out;
}

function jsonParams(text: string, out: RequestParam[]): void {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    // Not JSON after all: the whole body is one value, so its shape is still checked.
    out.push({ location: 'body', name: '(body)', raw: text, value: text });
    return;
  }
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return;
  for (const [name, v] of Object.entries(parsed)) {
    const value = typeof v === 'string' ? v : JSON.stringify(v) ?? '';
    out.push({ location: 'body', name, raw: value, value });
  }
}

// Path segments that name one item among many: numbers, hex ids, UUIDs, long mixed tokens.
const NUMBER_SEGMENT = /^\d+$/;
const UUID_SEGMENT = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const HEX_SEGMENT = /^(?=.*\d)[0-9a-f]{12,}$/i;
const TOKEN_SEGMENT = /^(?=.*\d)(?=.*[a-z])[A-Za-z0-9_-]{20,}$/i;

/**
 * The path an endpoint is known by: decoded once, repeated slashes and `/./` folded, and the
 * segments that identify one item among many (numbers, UUIDs, hex ids, long mixed tokens)
 * replaced by `{id}`, so `/article/123` and `/article/456` are one endpoint.
 *
 * @example
 * endpointPath('/fr/elections/2025//resultats') // '/fr/elections/{id}/resultats'
 */
export function endpointPath(rawPath: string): string {
  const path = rawPath.includes('%') ? decodeValue(rawPath.replace(/\+/g, '%2B')) : rawPath;
  const segments = path.split('/');
  const out: string[] = [];
  for (let i = 0; i < segments.length; i++) {
    const s = segments[i]!;
    if ((s === '' || s === '.') && i > 0 && i < segments.length - 1) continue;
    out.push(NUMBER_SEGMENT.test(s) || UUID_SEGMENT.test(s) || HEX_SEGMENT.test(s) || TOKEN_SEGMENT.test(s) ? '{id}' : s);
  }
  return out.join('/') || '/';
}

/** Methods checked as another: a HEAD is a GET without the body. */
export function methodFamily(method: string): string {
  const m = method.toUpperCase();
  return m === 'HEAD' ? 'GET' : m;
}
