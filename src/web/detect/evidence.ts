import { escapeControls, MAX_FRAGMENT_CHARS, type EventSource, type Finding, type WebEvent } from '../../core/index.js';
import type { Reason } from '../../core/module/index.js';
import { webText } from '../text/index.js';
import type { WebRule } from './rule-schema.js';

/** Longest fragment quoted inside a reason sentence; the full one is in `fragment`. */
export const MAX_REASON_FRAGMENT_CHARS = 60;
const MAX_PARAM_NAME_CHARS = 64;

/**
 * Evidence text made safe to print on one line: control and bidirectional characters as `\xHH`
 * (see `escapeControls`), cut to `max` characters (with `…` when cut).
 *
 * @example
 * printable('a\r\nb', 200) // 'a\\x0d\\x0ab'
 */
export function printable(text: string, max: number): string {
  return escapeControls(text.length > max ? text.slice(0, max - 1) + '…' : text);
}

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
  const fragment = printable(matched, MAX_REASON_FRAGMENT_CHARS);
  const why: Reason =
    rule.check === undefined
      ? { code: 'web.signature', params: inName ? { fragment, location, in_name: true } : { fragment, location } }
      : { code: 'web.check', params: { fragment, location, description: rule.description, description_fr: rule.description_fr ?? rule.description } };
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
    reason: webText(why, 'en'),
    why,
  };
}
