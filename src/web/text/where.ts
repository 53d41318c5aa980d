import type { Lang } from '../../core/module/index.js';

/**
 * Where in a request a finding matched, in words of each language, from its `location`
 * (`query:id`, `body:json.user.name`, `user_agent`...). The location stays the stored,
 * technical value; these words only render it.
 */

const NBSP = '\u00a0';

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
  client: 'dans le comportement du client',
};

/** Text quoted in a French sentence: `« x »` with no-break spaces. */
export function quotedFr(text: string): string {
  return `«${NBSP}${text}${NBSP}»`;
}

/**
 * Where a match was found, in words.
 *
 * @example
 * whereWords('query:id', false) // 'in query parameter `id`'
 * whereWords('query:id', false, 'fr') // 'dans le paramètre de requête « id »'
 */
export function whereWords(location: string, inName: boolean, lang: Lang = 'en'): string {
  const colon = location.indexOf(':');
  const key = location.slice(0, colon);
  const name = location.slice(colon + 1);
  if (lang === 'fr') {
    const kind = PARAM_WORDS_FR[key];
    if (colon > 0 && kind !== undefined) return inName ? `dans le nom ${kind.of} ${quotedFr(name)}` : `dans ${kind.the} ${quotedFr(name)}`;
    return PART_WORDS_FR[location] ?? `dans ${quotedFr(location)}`;
  }
  const kind = PARAM_WORDS[key];
  if (colon > 0 && kind !== undefined) return inName ? `in the name of ${kind} \`${name}\`` : `in ${kind} \`${name}\``;
  return PART_WORDS[location] ?? `in ${location}`;
}

/**
 * {@link whereWords}, with the places only value checks name: a JSON body field or key.
 *
 * @example
 * locationWords('body:json.user.name') // 'in JSON body field `user.name`'
 */
export function locationWords(location: string, lang: Lang = 'en'): string {
  const fr = lang === 'fr';
  if (location.startsWith('body:json.')) {
    const field = location.slice('body:json.'.length);
    return fr ? `dans le champ ${quotedFr(field)} du corps JSON` : `in JSON body field \`${field}\``;
  }
  if (location === 'body:json') return fr ? 'dans une clé du corps JSON' : 'in a JSON body key';
  if (location.startsWith('body:')) {
    const name = location.slice('body:'.length);
    return fr ? `dans le paramètre du corps ${quotedFr(name)}` : `in body parameter \`${name}\``;
  }
  return whereWords(location, false, lang);
}
