import { MAX_FRAGMENT_CHARS, type EventSource, type Finding, type WebEvent } from '../../core/index.js';
import type { WebRule } from './rule-schema.js';

/** Longest fragment quoted inside a reason sentence; the full one is in `fragment`. */
const MAX_REASON_FRAGMENT_CHARS = 60;
const MAX_PARAM_NAME_CHARS = 64;

/**
 * Evidence text made safe to print on one line: control characters as `\xHH`, cut to `max`
 * characters (with `…` when cut).
 *
 * @example
 * printable('a\r\nb', 200) // 'a\\x0d\\x0ab'
 */
export function printable(text: string, max: number): string {
  const cut = text.length > max ? text.slice(0, max - 1) + '…' : text;
  // eslint-disable-next-line no-control-regex
  return cut.replace(/[\x00-\x1f\x7f]/g, (c) => `\\x${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}

/**
 * Where a match was found, as a finding `location` and the words a reason uses for it.
 *
 * @example
 * whereWords('query:id', false) // 'in query parameter `id`'
 */
export function whereWords(location: string, inName: boolean): string {
  const colon = location.indexOf(':');
  const kind = PARAM_WORDS[location.slice(0, colon)];
  if (colon > 0 && kind !== undefined) {
    const name = location.slice(colon + 1);
    return inName ? `in the name of ${kind} \`${name}\`` : `in ${kind} \`${name}\``;
  }
  return PART_WORDS[location] ?? `in ${location}`;
}

const PARAM_WORDS: Record<string, string> = {
  query: 'query parameter',
  body: 'body parameter',
  header: 'header',
  cookie: 'cookie',
};

const PART_WORDS: Record<string, string> = {
  path: 'in the path',
  query: 'in the query string',
  request: 'in the request target',
  user_agent: 'in the User-Agent',
  referer: 'in the Referer',
  body: 'in the body',
  method: 'in the method',
  headers: 'in the headers',
};

/**
 * `<where>:<name>` with the parameter name made printable and bounded: `query:id`,
 * `body:user`, `header:x-api-version`, `cookie:session` (a name given as `cookie:<name>`).
 *
 * @example
 * paramLocation('cookie:lang', 'header') // 'cookie:lang'
 */
export function paramLocation(decodedName: string, where: 'query' | 'body' | 'header' = 'query'): string {
  if (where === 'header' && decodedName.startsWith('cookie:')) {
    return `cookie:${printable(decodedName.slice('cookie:'.length), MAX_PARAM_NAME_CHARS)}`;
  }
  return `${where}:${printable(decodedName, MAX_PARAM_NAME_CHARS)}`;
}

/**
 * A request-scope finding for `rule`, matched text `matched` at `location`.
 *
 * @example
 * out.push(requestFinding(rule, event, source, 'query:id', 'union select', false));
 */
export function requestFinding(
  rule: WebRule,
  event: WebEvent,
  source: EventSource,
  location: string,
  matched: string,
  inName: boolean,
): Finding {
  const shown = printable(matched, MAX_REASON_FRAGMENT_CHARS);
  const reason =
    rule.check === undefined
      ? `\`${shown}\` ${whereWords(location, inName)}`
      : `${location.replace('_', '-')} \`${shown}\`: ${rule.description}`;
  return {
    scope: 'request',
    class: rule.class,
    rule: rule.id,
    severity: rule.severity,
    ip: event.ip,
    ts: event.ts,
    location,
    fragment: printable(matched, MAX_FRAGMENT_CHARS),
    file: source.file,
    line: source.line,
    windowStart: 0,
    windowEnd: 0,
    reason,
  };
}
