import type { ReportSection, Section } from '../core/module/index.js';
import { FinanceReader } from './repository.js';

interface FinanceReportData {
  createdAt: string;
  counts: { rows: number; people: number; recipients: number; alerts: number; by_type: Record<string, number> };
  top: Array<{ recipient: string; party: string; score: number; reasons: string[]; reasons_fr: string[] }>;
  alerts: Array<{ id: string; type: string; first: string; last: string; amount: number; sections: string[]; reasons: string[]; reasons_fr: string[] }>;
}

const TEXT = {
  en: { heading: 'Political financing', lead: (d: FinanceReportData, n: (x: number) => string) => `Latest scan (${d.createdAt}): ${n(d.counts.rows)} itemised contributions, ${n(d.counts.people)} people, ${n(d.counts.recipients)} recipients, ${n(d.counts.alerts)} alerts in the period.`, top: 'Recipients worth a look', recipient: 'Recipient', party: 'Party', score: 'Score', why: 'Why', alerts: 'Strongest alerts', when: 'When', amount: 'Amount', act: 'Act', what: 'What the rows show', caution: 'A pattern is not proof: households and offices give the maximum together legally. Each alert lists its rows for an auditor to check.' },
  fr: { heading: 'Financement politique', lead: (d: FinanceReportData, n: (x: number) => string) => `Dernière analyse (${d.createdAt}) : ${n(d.counts.rows)} contributions détaillées, ${n(d.counts.people)} personnes, ${n(d.counts.recipients)} bénéficiaires, ${n(d.counts.alerts)} alertes dans la période.`, top: 'Bénéficiaires à examiner', recipient: 'Bénéficiaire', party: 'Parti', score: 'Score', why: 'Pourquoi', alerts: 'Alertes les plus fortes', when: 'Quand', amount: 'Montant', act: 'Loi', what: 'Ce que montrent les lignes', caution: "Un motif n'est pas une preuve : des ménages et des bureaux versent légalement le maximum ensemble. Chaque alerte donne ses lignes, à vérifier par un vérificateur." },
};

/**
 * The finance section of `vigie report`: the latest scan's alerts that fall in the period,
 * the top recipients and the strongest alerts, in EN or FR (texts rendered at scan time).
 */
export const financeReport: ReportSection<FinanceReportData> = {
  order: 200,
  async load(reader, range) {
    const scan = await new FinanceReader(reader).latestScan();
    if (!scan) return null;
    const from = range.from.slice(0, 10);
    const to = range.to.slice(0, 10);
    const alerts = (scan.result.alerts as FinanceReportData['alerts']).filter((a) => a.last >= from && a.first <= to);
    if (alerts.length === 0) return null;
    const by: Record<string, number> = {};
    for (const a of alerts) by[a.type] = (by[a.type] ?? 0) + 1;
    return {
      createdAt: scan.createdAt.slice(0, 10),
      counts: { ...scan.result.counts, alerts: alerts.length, by_type: by },
      top: (scan.result.recipients as FinanceReportData['top']).slice(0, 10),
      alerts: alerts.slice(0, 10),
    };
  },
  sections(d, lang, f): Section[] {
    const t = TEXT[lang];
    return [{
      heading: t.heading,
      blocks: [
        { kind: 'paragraph', text: t.lead(d, (x) => f.num(x, 0)) },
        { kind: 'warning', text: t.caution },
        { kind: 'table', head: [t.recipient, t.party, t.score, t.why], numeric: [false, false, true, false], rows: d.top.map((r) => [r.recipient, r.party, f.num(r.score, 2), (lang === 'fr' ? r.reasons_fr : r.reasons).join('; ')]) },
        { kind: 'table', head: [t.when, t.amount, t.act, t.what], numeric: [false, true, false, false], rows: d.alerts.map((a) => [a.first === a.last ? a.first : `${a.first} – ${a.last}`, f.money(a.amount), a.sections.join(', '), (lang === 'fr' ? a.reasons_fr : a.reasons)[0] ?? '']) },
      ],
    }];
  },
};
