import { renderText, type Reason, type ReportSection, type Section } from '../core/module/index.js';
import { InfluenceReader } from './repository.js';
import { INFLUENCE_TEXT } from './text/catalogue.js';

interface ReportGroup { id: string; accounts: string[]; posts: string[]; first: string; last: string; platforms: string[]; langs: string[]; score: number; reasons_codes?: Reason[] }

/** `vigie report`'s influence section: the last scan's groups active in the period, with their reasons. */
export const influenceReport: ReportSection<ReportGroup[]> = {
  order: 300,
  load: async (reader, range) => {
    const from = Date.parse(range.from) / 1000;
    const to = Date.parse(range.to) / 1000 + (/^\d{4}-\d{2}-\d{2}$/.test(range.to) ? 86_400 : 0);
    const groups = (await new InfluenceReader(reader).groupsBetween(from, to)) as unknown as ReportGroup[];
    return groups.length > 0 ? groups : null;
  },
  sections: (groups, lang, f) => {
    const fr = lang === 'fr';
    const section: Section = {
      heading: fr ? 'Campagnes d’influence coordonnées' : 'Coordinated influence campaigns',
      blocks: [
        { kind: 'paragraph', text: fr
          ? `${f.num(groups.length)} groupes de comptes ont agi ensemble pendant la période (${f.num(groups.reduce((s, g) => s + g.accounts.length, 0))} comptes).`
          : `${f.num(groups.length)} groups of accounts acted together in the period (${f.num(groups.reduce((s, g) => s + g.accounts.length, 0))} accounts).` },
        {
          kind: 'table',
          head: fr ? ['Groupe', 'Comptes', 'Messages', 'Début', 'Fin', 'Plateformes', 'Langues', 'Score'] : ['Group', 'Accounts', 'Posts', 'First', 'Last', 'Platforms', 'Languages', 'Score'],
          rows: groups.map((g) => [g.id, f.num(g.accounts.length), f.num(g.posts.length), f.date(g.first), f.date(g.last), g.platforms.join(', '), g.langs.join(', '), f.num(g.score, 2)]),
          numeric: [false, true, true, false, false, false, false, true],
        },
        { kind: 'list', items: groups.slice(0, 20).map((g) => `${g.id}: ${(g.reasons_codes ?? []).map((r) => renderText(r, lang, [INFLUENCE_TEXT])).join('; ')}`) },
      ],
    };
    return [section];
  },
};
