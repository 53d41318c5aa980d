import { encodingName } from '../../core/encoding-names.js';
import type { OriginVerdict } from '../../core/index.js';
import { className } from '../text/index.js';
import type { LinkKind } from './link-clients.js';

/*
 * The French (Canadian) wording of a campaign's reasons, one function per English sentence
 * of describe-campaign.ts and utc-offset.ts, with the same figures. Canadian typography: ’ apostrophes, a
 * no-break space before the colon and the percent sign, none before the semicolon; « » quotes.
 */

const NBSP = '\u00a0';
/** A count written the French way (`1 697`, a narrow no-break space between thousands). */
const num = (n: number): string => n.toLocaleString('fr-CA');
const s = (n: number, one: string, many: string): string => `${num(n)} ${n === 1 ? one : many}`;
/** `9 h`: the hour as written in French text (the English side writes `09:00`). */
const hFr = (h: number): string => `${((h % 24) + 24) % 24} h`;
const quoted = (ua: string): string => `«${NBSP}${ua}${NBSP}»`;

/** French network type names for the obscured-origin sentence. */
const NETWORK_FR: Record<string, string> = { tor: 'Tor', vpn: 'RPV', hosting: 'hébergement', cdn: 'CDN', relay: 'relais' };

/**
 * Why the clients are grouped, in French.
 *
 * @example
 * groupingReasonFr(6, { 'same-tool': 15, 'same-targets': 0, similar: 0 }, 'sqlmap/1.7')
 * // '6 adresses liées : 15 paires partagent un agent utilisateur rare et les mêmes classes d’attaque (agent utilisateur principal « sqlmap/1.7 »)'
 */
export function groupingReasonFr(n: number, links: Readonly<Record<LinkKind, number>>, topUa: string | undefined): string {
  if (n === 1) return `une adresse${topUa ? `, agent utilisateur ${quoted(topUa)}` : ''}`;
  const parts: string[] = [];
  const k = (kind: LinkKind): number => links[kind] ?? 0;
  if (k('same-tool') > 0) parts.push(`${s(k('same-tool'), 'paire partage', 'paires partagent')} un agent utilisateur rare et les mêmes classes d’attaque`);
  if (k('same-targets') > 0) parts.push(`${s(k('same-targets'), 'paire sonde', 'paires sondent')} les mêmes chemins rarement visités`);
  if (k('similar') > 0) parts.push(`${s(k('similar'), 'paire envoie', 'paires envoient')} des charges utiles semblables aux mêmes heures`);
  return `${n} adresses liées${NBSP}: ${parts.join('; ')}${topUa ? ` (agent utilisateur principal ${quoted(topUa)})` : ''}`;
}

/** The payload families, rules and encodings, in French. */
export function payloadReasonFr(classes: readonly string[], rules: number, encodings: readonly string[]): string {
  const enc = encodings.length > 0 ? `; encodages${NBSP}: ${encodings.map((e) => encodingName(e, 'fr')).join(', ')}` : '';
  return `charges utiles${NBSP}: ${classes.map((c) => className(c, 'fr')).join(', ')} (${s(rules, 'règle', 'règles')})${enc}`;
}

/** Why the campaign has its origin verdict, in French; `where` lists address countries as the English does. */
export function originReasonFr(verdict: OriginVerdict, verdicts: Partial<Record<OriginVerdict, number>>, countryList: string,
  types: Record<string, number>, n: number, privateCount = 0): string {
  const of = (k: number): string => (n === 1 ? "l’adresse est" : k === 1 ? `1 adresse sur ${n} est` : `${k} adresses sur ${n} sont`);
  const where = `pays des adresses${NBSP}: ${countryList}`;
  switch (verdict) {
    case 'obscured': {
      const hiding = Object.entries(types).filter(([t]) => Object.hasOwn(NETWORK_FR, t)).map(([t, k]) => `${NETWORK_FR[t]} ${k}`).join(', ');
      return `${of(verdicts.obscured ?? 0)} derrière des réseaux Tor, RPV, d’hébergement, CDN ou relais (${hiding})${NBSP}: `
        + `le pays des adresses n’est pas celui de l’opérateur; ${where}`;
    }
    case 'foreign': return `${of(verdicts.foreign ?? 0)} à l’étranger, sur des réseaux qui ne masquent pas leur provenance; ${where}`;
    case 'domestic': return `${of(verdicts.domestic ?? 0)} au pays, sur des réseaux qui ne masquent pas leur provenance; ${where}`;
    default:
      if (privateCount === n) {
        return `provenance inconnue${NBSP}: ${n === 1 ? 'adresse privée' : `${n} adresses privées`} (réseau local, NAT ou bouclage)${NBSP}; `
          + 'le journal a été écrit derrière un mandataire ou un répartiteur de charge qui ne transmet pas l’adresse du client, ou sur un réseau de laboratoire';
      }
      return `provenance inconnue${NBSP}: ${n === 1 ? "l’adresse n’a pas été attribuée ou n’a pas de données" : "les adresses n’ont pas été attribuées ou n’ont pas de données"}`;
  }
}

/** The French sentences of the UTC offset estimate (see utc-offset.ts), one per outcome. */
export const offsetReasonFr = {
  tooFew: (total: number): string => `${s(total, 'requête', 'requêtes')}, c’est trop peu pour en déduire des heures de travail`,
  aroundTheClock: (pct: number, total: number): string =>
    `activité à toute heure (au plus ${pct}${NBSP}% des ${num(total)} requêtes sur 9 heures)${NBSP}: un horaire automatisé ou plusieurs mains, pas une seule journée de travail`,
  tooShort: (active: number): string =>
    `activité sur ${s(active, 'heure', 'heures')} seulement de la journée${NBSP}: trop peu pour placer une journée de travail de 9 heures, donc aucun fuseau`,
  ambiguous: (start: number, end: number): string =>
    `activité de ${hFr(start)} à ${hFr(end)} UTC, mais des journées de travail décalées d’une heure conviennent aussi bien${NBSP}: aucun fuseau unique`,
  fitted: (start: number, end: number, days: number, pct: number, total: number, offset: string): string =>
    `activité de ${hFr(start)} à ${hFr(end)} UTC sur ${s(days, 'jour', 'jours')} (${pct}${NBSP}% des ${num(total)} requêtes), soit une journée de 9 h à 18 h au fuseau UTC${offset}`,
};
