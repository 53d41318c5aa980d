import { escapeControls, MAX_FRAGMENT_CHARS, type EventSource, type Finding, type WebEvent } from '../../core/index.js';
import type { WebRule } from './rule-schema.js';

/** Longest fragment quoted inside a reason sentence; the full one is in `fragment`. */
const MAX_REASON_FRAGMENT_CHARS = 60;
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

/** {@link whereWords} in French (Canada): `dans le paramètre de requête « id »`. */
function whereWordsFr(location: string, inName: boolean): string {
  const colon = location.indexOf(':');
  const kind = PARAM_WORDS_FR[location.slice(0, colon)];
  if (colon > 0 && kind !== undefined) {
    const name = `«\u00a0${location.slice(colon + 1)}\u00a0»`;
    return inName ? `dans le nom ${kind.of} ${name}` : `dans ${kind.the} ${name}`;
  }
  return PART_WORDS_FR[location] ?? `dans ${location}`;
}

const PARAM_WORDS_FR: Record<string, { the: string; of: string }> = {
  query: { the: 'le paramètre de requête', of: 'du paramètre de requête' },
  body: { the: 'le paramètre du corps', of: 'du paramètre du corps' },
  header: { the: 'l’en-tête', of: 'de l’en-tête' },
  cookie: { the: 'le témoin', of: 'du témoin' },
};

const PART_WORDS_FR: Record<string, string> = {
  path: 'dans le chemin',
  query: 'dans la chaîne de requête',
  request: 'dans la cible de la requête',
  user_agent: 'dans l’en-tête User-Agent',
  referer: 'dans l’en-tête Referer',
  body: 'dans le corps',
  method: 'dans la méthode',
  headers: 'dans les en-têtes',
};

/**
 * The French reason of a signature finding, from its stored English reason and location;
 * `undefined` for reasons of another shape (tokenizers, checks, baseline, behaviour), which are
 * shown in English.
 *
 * @example
 * reasonInFrench('`union select` in query parameter `id`', 'query:id')
 * // '« union select » dans le paramètre de requête « id »'
 */
export function reasonInFrench(reason: string, location: string): string | undefined {
  if (!reason.startsWith('`')) return undefined;
  for (const inName of [false, true]) {
    const tail = `\` ${whereWords(location, inName)}`;
    if (reason.length > tail.length && reason.endsWith(tail)) {
      return `«\u00a0${reason.slice(1, reason.length - tail.length)}\u00a0» ${whereWordsFr(location, inName)}`;
    }
  }
  return undefined;
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
