import { queryParams, type WebEvent } from '../../core/index.js';
import { normalise } from './normalise.js';
import type { RuleTarget } from './rule-schema.js';

/**
 * How the rule engine reads the parts of a request: parameters of queries and form bodies,
 * header lines and cookies, and the raw text of each rule target.
 */

/** Query or form parameters, names and values decoded. */
export function decodedParams(raw: string): Array<[string, string]> {
  return queryParams(raw).map(([n, v]) => [normalise(n, 'query'), normalise(v, 'query')]);
}

/** A body that reads as `a=1&b=2`, not JSON or XML: its parameters are confirmed one by one. */
export function isFormBody(body: string): boolean {
  const c = body.charCodeAt(0);
  return body.includes('=') && c !== 0x7b /* { */ && c !== 0x3c /* < */ && c !== 0x5b /* [ */;
}

/**
 * Header lines as `[name, value]` pairs, values decoded; a Cookie header is split into its
 * cookies, named `cookie:<name>`, so a finding says which cookie carried the payload.
 */
export function headerParams(headers: string, decode: boolean): Array<[string, string]> {
  const out: Array<[string, string]> = [];
  const d = (text: string): string => (decode ? normalise(text, 'query') : text);
  for (const line of headers.split('\n')) {
    const colon = line.indexOf(':');
    if (colon <= 0) continue;
    const name = line.slice(0, colon).trim().toLowerCase();
    const value = line.slice(colon + 1).trim();
    if (name !== 'cookie') {
      out.push([name, d(value)]);
      continue;
    }
    for (const cookie of value.split(';')) {
      const eq = cookie.indexOf('=');
      const cookieName = (eq < 0 ? cookie : cookie.slice(0, eq)).trim();
      out.push([`cookie:${d(cookieName)}`, d(eq < 0 ? '' : cookie.slice(eq + 1).trim())]);
    }
  }
  return out;
}

/** Length of a target's raw text, without building it for `request`. */
export function rawLength(event: WebEvent, target: RuleTarget): number {
  if (target === 'request') return event.path.length + (event.query === '' ? 0 : event.query.length + 1);
  return rawValue(event, target).length;
}

/** The raw text of a rule target, as sent. */
export function rawValue(event: WebEvent, target: RuleTarget): string {
  switch (target) {
    case 'path': return event.path;
    case 'query': return event.query;
    case 'user_agent': return event.userAgent;
    case 'referer': return event.referer;
    case 'body': return event.body;
    case 'method': return event.method;
    case 'request': return event.query === '' ? event.path : `${event.path}?${event.query}`;
    case 'headers': return event.headers ?? '';
  }
}
