import { defineCatalogue, fill, textFormat, type Lang, type Reason, type TextFormat } from '../core/module/index.js';

/**
 * Which source answered an address's country, as a reason code (`geo.source.*`) with its
 * parameters. The English text is the first of an attribution's `reasons`; `geo lookup` also
 * prints the code's id (`source`) and the French text (`source_fr`).
 */
export type GeoSourceId = 'geofeed' | 'cloud_region_file' | 'databases_agree' | 'databases_disagree' | 'one_database' | 'registry' | 'unallocated' | 'none';

type P = Readonly<Record<string, any>>;

/** What else sides with a country: `registry` and/or `network` (the announcing AS's home). */
const supportEn = (p: P): string[] => (p.support as string[]).map((s) => (s === 'registry' ? 'the registry' : `its network AS${p.asn}'s home country`));
const supportFr = (p: P): string[] => (p.support as string[]).map((s) => (s === 'registry' ? 'le registre' : `le pays d'attache de son réseau AS${p.asn}`));

const alsoEn = (p: P): string => {
  const s = supportEn(p);
  if (s.length > 0) return `; ${s.join(' and ')} ${s.length > 1 ? 'agree' : 'agrees'}`;
  return p.registry ? `; the registry lists ${p.registry} (where the block is registered, not always where it is used)` : '';
};
const alsoFr = (p: P): string => {
  const s = supportFr(p);
  if (s.length > 0) return `\u202f; ${s.join(' et ')} ${s.length > 1 ? 'concordent' : 'concorde'}`;
  return p.registry ? `\u202f; le registre indique ${p.registry} (là où le bloc est enregistré, pas toujours là où il sert)` : '';
};

/** A geofeed label `geofeed FILE of OPERATOR` in French; a cloud file's label is a name. */
const labelFr = (p: P): string => {
  const m = /^geofeed (\S+)(?: of (.+))?$/.exec(String(p.label));
  return m ? `le geofeed ${m[1]}${m[2] ? ` de ${m[2]}` : ''}` : `le fichier ${p.label}`;
};

const operatorFileEn = (p: P): string => {
  const place = [p.city, p.subdivision, p.zone && `region ${p.zone}`].filter(Boolean).join(', ');
  const others = [p.dbip ? `DB-IP says ${p.dbip}` : '', p.whois ? `the registry-based database says ${p.whois}` : ''].filter(Boolean);
  const agree = p.agree ? '; the geolocation databases agree' : '';
  return `${p.label} (data of ${p.date}) places ${p.prefix} in ${p.country}${place ? ` (${place})` : ''}: the operator's own statement, taken first${others.length > 0 ? `; ${others.join(', ')}` : agree}`;
};
const operatorFileFr = (p: P, f: TextFormat): string => {
  const place = [p.city, p.subdivision, p.zone && `région ${p.zone}`].filter(Boolean).join(', ');
  const others = [p.dbip ? `DB-IP dit ${p.dbip}` : '', p.whois ? `la base fondée sur les registres dit ${p.whois}` : ''].filter(Boolean);
  const agree = p.agree ? '\u202f; les bases de géolocalisation concordent' : '';
  return `${labelFr(p)} (données du ${f.date(String(p.date))}) situe ${p.prefix} en ${p.country}${place ? ` (${place})` : ''}\u00a0: la déclaration de l'opérateur lui-même, prise en premier${others.length > 0 ? `\u202f; ${others.join(', ')}` : agree}`;
};

const disagreeWhyEn = (p: P): string => {
  if (p.why === 'hosting') return 'the registry-based database, which reads operators\' own geofeeds first, is taken for a hosting network';
  if (p.why === 'tie') return 'nothing else breaks the tie, so the registry-based database is taken';
  const s = supportEn(p);
  return `${s.join(' and ')} side${s.length > 1 ? '' : 's'} with ${p.country}`;
};
const disagreeWhyFr = (p: P): string => {
  if (p.why === 'hosting') return 'la base fondée sur les registres, qui lit d\'abord les geofeeds des opérateurs, est retenue pour un réseau d\'hébergement';
  if (p.why === 'tie') return 'rien d\'autre ne les départage, la base fondée sur les registres est donc retenue';
  const s = supportFr(p);
  return `${s.join(' et ')} ${s.length > 1 ? 'vont' : 'va'} dans le sens de ${p.country}`;
};

/** The geo module's reasons, in English and French (written, not translated by code). */
export const GEO_TEXT = defineCatalogue({
  en: {
    'geo.source.geofeed': operatorFileEn,
    'geo.source.cloud_region_file': operatorFileEn,
    'geo.source.databases_agree': (p: P) => `both geolocation databases place it in ${p.country}${alsoEn(p)}`,
    'geo.source.databases_disagree': (p: P) => `the geolocation databases disagree: DB-IP says ${p.dbip}, the registry-based database says ${p.whois}; ${disagreeWhyEn(p)}`,
    'geo.source.one_database': (p: P) => `only ${p.db === 'dbip' ? 'DB-IP' : 'the registry-based database'} places it, in ${p.country}${alsoEn(p)}`,
    'geo.source.registry': 'only the registry delegation places it, in {country} (where the block is registered, not always where it is used)',
    'geo.source.unallocated': 'not delegated by any regional internet registry and not routed (unallocated space): database answers ignored',
    'geo.source.none': 'no source has a country for it',
  },
  fr: {
    'geo.source.geofeed': operatorFileFr,
    'geo.source.cloud_region_file': operatorFileFr,
    'geo.source.databases_agree': (p: P) => `les deux bases de géolocalisation la situent en ${p.country}${alsoFr(p)}`,
    'geo.source.databases_disagree': (p: P) => `les bases de géolocalisation divergent\u00a0: DB-IP dit ${p.dbip}, la base fondée sur les registres dit ${p.whois}\u202f; ${disagreeWhyFr(p)}`,
    'geo.source.one_database': (p: P) => `seule ${p.db === 'dbip' ? 'DB-IP' : 'la base fondée sur les registres'} la situe, en ${p.country}${alsoFr(p)}`,
    'geo.source.registry': 'seule la délégation du registre la situe, en {country} (là où le bloc est enregistré, pas toujours là où il sert)',
    'geo.source.unallocated': 'délégué par aucun registre régional et annoncé par aucun réseau (espace non attribué)\u00a0: les réponses des bases sont ignorées',
    'geo.source.none': 'aucune source ne lui donne de pays',
  },
});

// Formats are built once, and only when a template formats something: building one costs the
// first lookup tens of milliseconds (the locale data), and the English source texts need none.
const formats = new Map<Lang, TextFormat>();

function lazyFormat(lang: Lang): TextFormat {
  let f: TextFormat | undefined;
  const get = (): TextFormat => (f ??= textFormat(lang));
  return {
    lang,
    num: (n, digits) => get().num(n, digits),
    pct: (share) => get().pct(share),
    money: (dollars) => get().money(dollars),
    date: (iso) => get().date(iso),
    list: (items) => get().list(items),
  };
}

/**
 * A geo reason in a language.
 *
 * @example
 * geoText({ code: 'geo.source.registry', params: { country: 'FR' } }, 'fr')
 * // 'seule la délégation du registre la situe, en FR (là où le bloc est enregistré, pas toujours là où il sert)'
 */
export function geoText(reason: Reason, lang: Lang): string {
  let f = formats.get(lang);
  if (!f) formats.set(lang, (f = lazyFormat(lang)));
  const template = GEO_TEXT[lang][reason.code];
  return template === undefined ? reason.code : fill(template, reason.params ?? {}, f);
}

/** The id of the source a `geo.source.*` reason names (`geofeed`, `databases_agree`, ...). */
export const sourceId = (reason: Reason): GeoSourceId => reason.code.slice('geo.source.'.length) as GeoSourceId;
