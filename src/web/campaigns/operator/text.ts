import { defineCatalogue, type TextFormat } from '../../../core/module/index.js';

/*
 * The operator estimate's reasons, as codes with parameters, in English and in (Canadian)
 * French, each written for its language. Countries are ISO codes; `countries` parameters are
 * lists of `CC` or `CC n` strings, cut at {@link MAX_LISTED} with the rest counted.
 */

const NBSP = '\u00a0';
/** Countries named in a sentence; the rest are counted. */
export const MAX_LISTED = 10;

type P = Readonly<Record<string, any>>;
const listed = (items: readonly string[], f: TextFormat, more: (n: number) => string): string =>
  items.length <= MAX_LISTED ? f.list(items) : `${items.slice(0, MAX_LISTED).join(', ')} ${more(items.length - MAX_LISTED)}`;
const en = (items: readonly string[], f: TextFormat): string => listed(items, f, (n) => `and ${n} more`);
const fr = (items: readonly string[], f: TextFormat): string => listed(items, f, (n) => `et ${n} autres`);
const utc = (o: number): string => `UTC${o >= 0 ? '+' : '−'}${Math.abs(o)}`;
const w = (p: P, f: TextFormat, word: string): string => `${word} ${f.num(p.weight)}`;
const ofEn = (k: number, n: number, noun = 'address'): string => (n === 1 ? `the ${noun}` : `${k} of ${n} ${noun}es`);
const ofFr = (k: number, n: number): string => (n === 1 ? 'l’adresse' : `${k} adresse${k === 1 ? '' : 's'} sur ${n}`);
const spanEn = (p: P, f: TextFormat): string => (p.first === p.last ? `on ${f.date(p.first)}` : `from ${f.date(p.first)} to ${f.date(p.last)}`);
/** Relay kinds with their counts (`hosting 4, tor 1`), each kind named in the language. */
const KINDS_FR: Record<string, string> = { tor: 'Tor', vpn: 'RPV', hosting: 'hébergement', cdn: 'CDN', relay: 'relais' };
const kinds = (p: P, name: (k: string) => string): string => (p.kinds as string[]).map((k, i) => `${name(k)} ${p.kind_counts[i]}`).join(', ');
const spanFr = (p: P, f: TextFormat): string => (p.first === p.last ? `le ${f.date(p.first)}` : `du ${f.date(p.first)} au ${f.date(p.last)}`);

export const OPERATOR_TEXT = defineCatalogue({
  en: {
    'web.operator.foreign': (p: P, f) => `operator likely abroad (${en(p.countries, f)}), confidence ${f.num(p.confidence)}`,
    'web.operator.foreign_unplaced': (p: P, f) => `operator likely abroad, country not placed, confidence ${f.num(p.confidence)}`,
    'web.operator.domestic': (p: P, f) => `operator likely in ${p.home} (home), confidence ${f.num(p.confidence)}`,
    'web.operator.undetermined_none': 'operator undetermined: nothing weighed points abroad or home; the evidence is not enough',
    'web.operator.undetermined_weak': (p: P, f) => `operator undetermined: the evidence is too weak (at most ${f.num(p.confidence)}, ${f.num(p.needed)} needed)`,
    'web.operator.undetermined_conflict': (p: P, f) =>
      `operator undetermined: the evidence conflicts (abroad ${f.num(p.foreign)}, home ${f.num(p.domestic)})`,
    'web.operator.addresses_foreign': (p: P, f) =>
      `${ofEn(p.clear, p.total)} ${p.clear === 1 ? 'does' : 'do'} not hide ${p.clear === 1 ? 'its' : 'their'} origin and ${p.clear === 1 ? 'is' : 'are'} abroad (${en(p.countries, f)}): points abroad, ${w(p, f, 'weight')}`,
    'web.operator.addresses_domestic': (p: P, f) =>
      `${ofEn(p.clear, p.total)} ${p.clear === 1 ? 'does' : 'do'} not hide ${p.clear === 1 ? 'its' : 'their'} origin and ${p.clear === 1 ? 'is' : 'are'} in ${p.home}: points home, ${w(p, f, 'weight')}`,
    'web.operator.addresses_mixed': (p: P, f) =>
      `of the ${p.clear} addresses that do not hide their origin, ${p.home_n} are in ${p.home} and ${p.foreign_n} abroad (${en(p.countries, f)}): points ${p.points === 'foreign' ? 'abroad' : 'home'}, ${w(p, f, 'weight')}`,
    'web.operator.addresses_scattered': (p: P, f) =>
      `the ${p.clear} addresses that do not hide their origin are spread over ${p.spread} countries (${en(p.countries, f)}; the largest holds ${f.pct(p.top_share)}): a botnet or residential proxies, not the operator's own; not weighed`,
    'web.operator.addresses_none': (p: P) => `none of the ${p.total === 1 ? 'address' : `${p.total} addresses`} shows its origin (hidden or unknown): no address evidence`,
    'web.operator.relays': (p: P, f) =>
      `${ofEn(p.relays, p.total)} ${p.relays === 1 ? 'is a relay' : 'are relays'} (${kinds(p, (k) => k)}; ${f.pct(p.share)}), in ${en(p.countries, f)}: a relay's country is not the operator's; not weighed`,
    'web.operator.relays_home': (p: P, f) =>
      `${p.home_relays} of the relays ${p.home_relays === 1 ? 'is' : 'are'} in ${p.home} (${kinds(p, (k) => k)}): relays at home used by an operator the other evidence places abroad`,
    'web.operator.hours_foreign': (p: P, f) =>
      `working day at ${utc(p.offset)} ${spanEn(p, f)}: no time zone of ${p.home} keeps that offset then; ${p.fit} countries do (${en(p.countries, f)}): points abroad, ${w(p, f, 'weight')}`,
    'web.operator.hours_domestic': (p: P, f) =>
      `working day at ${utc(p.offset)} ${spanEn(p, f)}: ${p.home} keeps that offset then (${f.list(p.zones)}), as do ${p.others} other countries: points home, weakly, ${w(p, f, 'weight')}`,
    'web.operator.hours_none': 'the hours give no time zone (too few, too short, around the clock or ambiguous): no time-zone evidence',
    'web.operator.language_unavailable': 'language: this log format carries no Accept-Language header, so there is no language evidence',
    'web.operator.language_none': 'language: no Accept-Language header in these requests, so there is no language evidence',
    'web.operator.language_locale': (p: P, f) => `language hints: the locale ${f.list(p.locales)} in user agents or Accept-Language; shown, not weighed (a tool sets any locale it likes)`,
  },
  fr: {
    'web.operator.foreign': (p: P, f) => `opérateur probablement à l’étranger (${fr(p.countries, f)}), confiance ${f.num(p.confidence)}`,
    'web.operator.foreign_unplaced': (p: P, f) => `opérateur probablement à l’étranger, pays non déterminé, confiance ${f.num(p.confidence)}`,
    'web.operator.domestic': (p: P, f) => `opérateur probablement au pays (${p.home}), confiance ${f.num(p.confidence)}`,
    'web.operator.undetermined_none': `opérateur indéterminé${NBSP}: rien de pondéré n’indique l’étranger ou le pays; les éléments ne suffisent pas`,
    'web.operator.undetermined_weak': (p: P, f) => `opérateur indéterminé${NBSP}: les éléments sont trop faibles (au plus ${f.num(p.confidence)}, il faut ${f.num(p.needed)})`,
    'web.operator.undetermined_conflict': (p: P, f) =>
      `opérateur indéterminé${NBSP}: les éléments se contredisent (étranger ${f.num(p.foreign)}, pays ${f.num(p.domestic)})`,
    'web.operator.addresses_foreign': (p: P, f) =>
      `${ofFr(p.clear, p.total)} ne ${p.clear === 1 ? 'masque pas sa' : 'masquent pas leur'} provenance et ${p.clear === 1 ? 'est' : 'sont'} à l’étranger (${fr(p.countries, f)})${NBSP}: indique l’étranger, poids ${f.num(p.weight)}`,
    'web.operator.addresses_domestic': (p: P, f) =>
      `${ofFr(p.clear, p.total)} ne ${p.clear === 1 ? 'masque pas sa' : 'masquent pas leur'} provenance et ${p.clear === 1 ? 'est' : 'sont'} au pays (${p.home})${NBSP}: indique le pays, poids ${f.num(p.weight)}`,
    'web.operator.addresses_mixed': (p: P, f) =>
      `des ${p.clear} adresses qui ne masquent pas leur provenance, ${p.home_n} sont au pays (${p.home}) et ${p.foreign_n} à l’étranger (${fr(p.countries, f)})${NBSP}: indique ${p.points === 'foreign' ? 'l’étranger' : 'le pays'}, poids ${f.num(p.weight)}`,
    'web.operator.addresses_scattered': (p: P, f) =>
      `les ${p.clear} adresses qui ne masquent pas leur provenance sont réparties sur ${p.spread} pays (${fr(p.countries, f)}; le plus grand en compte ${f.pct(p.top_share)})${NBSP}: un réseau de zombies ou des mandataires résidentiels, pas les adresses de l’opérateur; non pondéré`,
    'web.operator.addresses_none': (p: P) =>
      p.total === 1 ? `l’adresse ne montre pas sa provenance (masquée ou inconnue)${NBSP}: aucun élément tiré des adresses`
        : `aucune des ${p.total} adresses ne montre sa provenance (masquée ou inconnue)${NBSP}: aucun élément tiré des adresses`,
    'web.operator.relays': (p: P, f) =>
      `${ofFr(p.relays, p.total)} ${p.relays === 1 ? 'est un relais' : 'sont des relais'} (${kinds(p, (k) => KINDS_FR[k] ?? k)}; ${f.pct(p.share)}; pays${NBSP}: ${fr(p.countries, f)})${NBSP}: le pays d’un relais n’est pas celui de l’opérateur; non pondéré`,
    'web.operator.relays_home': (p: P, f) =>
      `${p.home_relays} des relais ${p.home_relays === 1 ? 'est' : 'sont'} au pays (${p.home}; ${kinds(p, (k) => KINDS_FR[k] ?? k)})${NBSP}: des relais au pays utilisés par un opérateur que les autres éléments situent à l’étranger`,
    'web.operator.hours_foreign': (p: P, f) =>
      `journée de travail au fuseau ${utc(p.offset)} ${spanFr(p, f)}${NBSP}: aucun fuseau de ${p.home} n’a ce décalage à ces dates; ${p.fit} pays l’ont (${fr(p.countries, f)})${NBSP}: indique l’étranger, poids ${f.num(p.weight)}`,
    'web.operator.hours_domestic': (p: P, f) =>
      `journée de travail au fuseau ${utc(p.offset)} ${spanFr(p, f)}${NBSP}: ${p.home} a ce décalage à ces dates (${f.list(p.zones)}), comme ${p.others} autres pays${NBSP}: indique faiblement le pays, poids ${f.num(p.weight)}`,
    'web.operator.hours_none': `les heures ne donnent aucun fuseau (trop peu, trop brèves, à toute heure ou ambiguës)${NBSP}: aucun élément tiré du fuseau horaire`,
    'web.operator.language_unavailable': `langue${NBSP}: ce format de journal ne contient pas l’en-tête Accept-Language, donc aucun élément de langue`,
    'web.operator.language_none': `langue${NBSP}: aucun en-tête Accept-Language dans ces requêtes, donc aucun élément de langue`,
    'web.operator.language_locale': (p: P, f) => `indices de langue${NBSP}: la locale ${f.list(p.locales)} dans les agents utilisateurs ou l’en-tête Accept-Language; montré, non pondéré (un outil choisit la locale qu’il veut)`,
  },
});
