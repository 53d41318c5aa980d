import { defineCatalogue, type TextFormat } from '../core/module/index.js';

type P = Readonly<Record<string, any>>;
const money = (f: TextFormat, v: unknown) => f.money(Number(v));

/**
 * The finance module's reasons and messages, by code, in English and French. Each finding
 * reason names what the rows show; the section of the Act travels in the alert's `sections`.
 */
export const FINANCE_TEXT = defineCatalogue({
  en: {
    'finance.limit_breach': (p: P, f: TextFormat) => `${p.name} gave ${money(f, p.total)} in ${p.gifts} contribution${p.gifts === 1 ? '' : 's'} to ${p.bucket} in ${p.year}, ${money(f, p.excess)} over the limit of ${money(f, p.limit)} (Canada Elections Act s.367(1))${p.spellings > 1 ? `, under ${p.spellings} spellings of one name` : ''}`,
    'finance.straw_ring': (p: P, f: TextFormat) => `${p.people} first-time donors at ${f.list(p.postals)} gave at or near the limit to ${p.recipient} within ${p.days} days (${money(f, p.total)} in all${p.same_amount === 'yes' ? ', the same amount each' : ''}, ${p.surnames} surname${p.surnames === 1 ? '' : 's'}): the shape of contributions made with another's money (s.370(1)) or concealed (s.368)`,
    'finance.network': (p: P, f: TextFormat) => `${p.people} first-time donors from ${p.postals} shared postal codes funded ${p.recipients} recipients in ${p.districts} ridings within weeks (${money(f, p.total)}): ${f.list(p.names)}. One source funding several campaigns through intermediaries is prohibited (s.370(1), s.368)`,
    'finance.burst': (p: P, f: TextFormat) => `${p.people} first-time donors from outside the area gave ${money(f, p.total)} to ${p.recipient}${p.district ? ` (${p.district})` : ''} within ${p.days} days, a burst before a nomination contest (s.370(1))`,
    'finance.ineligible_corporate': (p: P, f: TextFormat) => `${p.name} (${p.type || 'type not given'}) gave ${money(f, p.total)}: corporations and unions may not contribute since January 1, 2007 (s.363(1))`,
    'finance.foreign_address': (p: P, f: TextFormat) => `${p.name} gave ${money(f, p.total)} from an address outside Canada (province '${p.province}', postal code '${p.postal}'): only citizens and permanent residents may contribute (s.363(1)); to check, not proof`,
    'finance.cash': (p: P, f: TextFormat) => `${p.name} gave ${money(f, p.total)} in cash; cash over $20 is prohibited (s.366)`,
    'finance.recipient.summary': (p: P, f: TextFormat) => `${p.count} ${typeName(p.type, 'en')} alert${p.count === 1 ? '' : 's'} (${money(f, p.amount)})`,
    'finance.link.same_units': 'same name, other order or spelling',
    'finance.link.initials': 'initials stand for given names',
    'finance.link.compound_cut': 'a compound name cut',
    'finance.link.spelling': 'a close spelling',
    'finance.link.given_name_alias': 'an English and a Chinese given name, same surname and postal code',
  },
  fr: {
    'finance.limit_breach': (p: P, f: TextFormat) => `${p.name} a versé ${money(f, p.total)} en ${p.gifts} contribution${p.gifts === 1 ? '' : 's'} à ${p.bucket} en ${p.year}, soit ${money(f, p.excess)} de plus que le plafond de ${money(f, p.limit)} (Loi électorale du Canada, art. 367(1))${p.spellings > 1 ? `, sous ${p.spellings} graphies d'un même nom` : ''}`,
    'finance.straw_ring': (p: P, f: TextFormat) => `${p.people} donateurs nouveaux, à ${f.list(p.postals)}, ont versé le plafond ou presque à ${p.recipient} en ${p.days} jours (${money(f, p.total)} au total${p.same_amount === 'yes' ? ', chacun le même montant' : ''}, ${p.surnames} nom${p.surnames === 1 ? '' : 's'} de famille) : la forme de contributions faites avec l'argent d'autrui (art. 370(1)) ou dissimulées (art. 368)`,
    'finance.network': (p: P, f: TextFormat) => `${p.people} donateurs nouveaux partageant ${p.postals} codes postaux ont financé ${p.recipients} bénéficiaires dans ${p.districts} circonscriptions en quelques semaines (${money(f, p.total)}) : ${f.list(p.names)}. Une même source finançant plusieurs campagnes par des intermédiaires est interdite (art. 370(1), art. 368)`,
    'finance.burst': (p: P, f: TextFormat) => `${p.people} donateurs nouveaux venus d'hors de la circonscription ont versé ${money(f, p.total)} à ${p.recipient}${p.district ? ` (${p.district})` : ''} en ${p.days} jours, une poussée avant une course à l'investiture (art. 370(1))`,
    'finance.ineligible_corporate': (p: P, f: TextFormat) => `${p.name} (${p.type || 'type non précisé'}) a versé ${money(f, p.total)} : les personnes morales et les syndicats ne peuvent plus contribuer depuis le 1er janvier 2007 (art. 363(1))`,
    'finance.foreign_address': (p: P, f: TextFormat) => `${p.name} a versé ${money(f, p.total)} depuis une adresse hors du Canada (province « ${p.province} », code postal « ${p.postal} ») : seuls les citoyens et les résidents permanents peuvent contribuer (art. 363(1)); à vérifier, ce n'est pas une preuve`,
    'finance.cash': (p: P, f: TextFormat) => `${p.name} a versé ${money(f, p.total)} en espèces; les contributions en espèces de plus de 20 $ sont interdites (art. 366)`,
    'finance.recipient.summary': (p: P, f: TextFormat) => `${p.count} alerte${p.count === 1 ? '' : 's'} ${typeName(p.type, 'fr')} (${money(f, p.amount)})`,
    'finance.link.same_units': 'même nom, autre ordre ou graphie',
    'finance.link.initials': 'des initiales pour les prénoms',
    'finance.link.compound_cut': 'un nom composé tronqué',
    'finance.link.spelling': 'une graphie voisine',
    'finance.link.given_name_alias': 'un prénom anglais et un prénom chinois, même nom de famille et code postal',
  },
});

const TYPE_NAMES: Record<string, { en: string; fr: string }> = {
  straw_ring: { en: 'straw-donor ring', fr: 'de réseau de prête-noms' },
  network: { en: 'multi-candidate network', fr: 'de réseau finançant plusieurs candidats' },
  burst: { en: 'pre-nomination burst', fr: "de poussée avant l'investiture" },
  limit_breach: { en: 'limit breach', fr: 'de dépassement du plafond' },
  ineligible_corporate: { en: 'corporate or union contribution', fr: "de contribution d'entreprise ou de syndicat" },
  foreign_address: { en: 'foreign address', fr: "d'adresse hors du Canada" },
  cash: { en: 'cash', fr: 'de contribution en espèces' },
};

function typeName(type: unknown, lang: 'en' | 'fr'): string {
  return TYPE_NAMES[String(type)]?.[lang] ?? String(type);
}
