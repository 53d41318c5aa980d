import { ORIGIN_VERDICTS } from '../core/index.js';
import type { CampaignFigures, ReportData } from './report-data.js';
import { reportText, type PlainCampaign, type ReportLang, type ReportText } from './text/index.js';

import type { Block, Section } from '../core/module/index.js';

export type { Block, Section };

/** A module's part of a report: its figures (for JSON) and its sections, laid out in the report's language. */
export interface ModuleReport {
  name: string;
  data: unknown;
  sections: Section[];
}

/** A report laid out once, then written as Markdown or HTML (and PDF from the HTML). */
export interface ReportDocument {
  lang: ReportLang;
  title: string;
  subtitle: string;
  generated: string;
  sections: Section[];
  attribution: { text: string; url: string };
  /** Printing: the table of contents' heading and the footer's `Page 3 of 7` words. */
  print: { contents: string; pageOf: [string, string] };
}

/**
 * Lay out a committee report: the answer first (attacks and their origin, with the caveats on
 * what "obscured" means), then kinds of attack, countries, campaigns, targets, and the method.
 *
 * @example
 * renderMarkdown(buildReportDocument(await loadReportData(store, period, null), 'fr'))
 */
export function buildReportDocument(data: ReportData, lang: ReportLang, modules: readonly ModuleReport[] = []): ReportDocument {
  const t = reportText(lang);
  const n = new Intl.NumberFormat(t.locale);
  const pct = new Intl.NumberFormat(t.locale, { style: 'percent', maximumFractionDigits: 1 });
  const date = (iso: string): string => new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(new Date(`${iso}T00:00:00Z`));
  // Shares come from origin_shares, the figures the terminal, dashboard and JSON print too.
  const shares = data.origin_shares;
  const o = data.origins;
  return {
    lang,
    title: t.title,
    subtitle: t.subtitle(date(data.period.from), date(data.period.to)),
    generated: t.generated(new Intl.DateTimeFormat(t.locale, { dateStyle: 'long', timeStyle: 'short', timeZone: 'UTC' }).format(new Date(data.generated_at)) + ' UTC'),
    sections: [
      { heading: t.summaryHeading, blocks: [{ kind: 'paragraph', text: t.summary(n.format(data.totals.attacks), n.format(data.totals.flagged_clients), n.format(data.totals.requests)) }] },
      {
        heading: t.originHeading,
        blocks: [
          { kind: 'paragraph', text: t.originLead(pct.format(shares.attacks.foreign), pct.format(shares.attacks.domestic), pct.format(shares.attacks.obscured), pct.format(shares.attacks.unknown)) },
          {
            kind: 'table',
            head: [t.columns.verdict, t.columns.attacks, t.columns.share, t.columns.flaggedClients, t.columns.clientShare, t.columns.meaning],
            numeric: [false, true, true, true, true, false],
            rows: ORIGIN_VERDICTS.map((v) => [t.verdict[v], n.format(o[v].attacks), pct.format(shares.attacks[v]), n.format(o[v].flagged_clients), pct.format(shares.flagged_clients[v]), t.verdictMeaning[v]]),
          },
          ...geoBlocks(data, t, n),
        ],
      },
      { heading: t.caveatHeading, blocks: [{ kind: 'list', items: t.caveats }] },
      { heading: t.classHeading, blocks: [table(t, [t.columns.class, t.columns.findings, t.columns.clients], data.by_class.map((c) => [t.className(c.class), n.format(c.findings), n.format(c.clients)]))] },
      { heading: t.countryHeading, blocks: [table(t, [t.columns.country, t.columns.verdict, t.columns.attacks, t.columns.flaggedClients], data.by_country.map((c) => [c.private ? t.privateAddresses : countryName(c.country, t.locale), t.verdict[c.verdict] ?? c.verdict, n.format(c.attacks), n.format(c.flagged_clients)]))] },
      { heading: t.campaignsHeading, blocks: data.campaigns.length === 0 ? [{ kind: 'paragraph', text: t.noCampaigns }] : data.campaigns.map((c) => campaignBlock(c, t, n, pct)) },
      { heading: t.targetsHeading, blocks: [table(t, [t.columns.path, t.columns.attacks, t.columns.clients], data.top_targets.map((r) => [r.path, n.format(r.attacks), n.format(r.clients)]))] },
      // The other modules' sections (financing, influence, reports), before the method.
      ...modules.flatMap((m) => m.sections),
      {
        heading: t.methodHeading,
        blocks: [
          { kind: 'list', items: t.method },
          { kind: 'facts', title: t.sourcesHeading, facts: data.sources.map((s) => [s.path, t.lines(n.format(s.lines))] as [string, string]) },
        ],
      },
      // The analysis' own reasons, for technical readers, after everything a committee reads.
      ...(data.campaigns.length === 0 ? [] : [{
        heading: t.annexHeading,
        blocks: [{ kind: 'paragraph', text: t.annexLead } as Block, ...data.campaigns.map((c) => annexBlock(c, t, n, lang))],
      }]),
    ],
    attribution: { text: t.attribution, url: 'https://db-ip.com' },
    print: { contents: t.contents, pageOf: t.pageOf },
  };
}

function table(t: ReportText, head: string[], rows: string[][]): Block {
  if (rows.length === 0) return { kind: 'paragraph', text: t.nothing };
  return { kind: 'table', head, rows, numeric: head.map((_, i) => i > 0 && /^[\d\s\u00a0\u202f,.%]+$/.test(rows[0]![i] ?? '')) };
}

function geoBlocks(data: ReportData, t: ReportText, n: Intl.NumberFormat): Block[] {
  const g = data.geo_data;
  if (!g) return [{ kind: 'paragraph', text: t.noGeoData }];
  const blocks: Block[] = [{ kind: 'paragraph', text: t.geoData(Object.entries(g.dates).map(([k, d]) => `${t.dataSet(k)} ${d}`).join(', ')) }];
  if (g.stale) blocks.push({ kind: 'warning', text: t.geoStale(n.format(g.age_days)) });
  return blocks;
}

/** Network types that hide the sender: the country of such an address is the service's. */
const HIDING = ['tor', 'vpn', 'hosting', 'cdn', 'relay'];

function campaignBlock(c: CampaignFigures, t: ReportText, n: Intl.NumberFormat, pct: Intl.NumberFormat): Block {
  const top = (m: Record<string, number>, name: (k: string) => string = (k) => k): string => Object.entries(m).sort((a, b) => b[1] - a[1]).slice(0, 6).map(([k, v]) => `${name(k)} (${n.format(v)})`).join(', ');
  const offset = c.utc_offset_hours === null ? t.campaign.noOffset : `${t.campaign.offset}${c.utc_offset_hours >= 0 ? '+' : '−'}${Math.abs(c.utc_offset_hours)}`;
  const country = (code: string): string => (code === 'unknown' || code === '??' ? t.unknownCountry : countryName(code, t.locale));
  return {
    kind: 'facts',
    title: c.id,
    facts: [
      ...operatorFacts(c, t, pct, t.locale.startsWith('fr') ? 'fr' : 'en'),
      [t.campaign.addresses, n.format(c.clients)],
      [t.campaign.requests, n.format(c.requests)],
      [t.campaign.active, `${(c.first_seen ?? '').slice(0, 16).replace('T', ' ')} – ${(c.last_seen ?? '').slice(0, 16).replace('T', ' ')} UTC`],
      [t.campaign.classes, c.classes.map((k) => t.className(k)).join(', ')],
      [t.campaign.countries, top(c.countries, country)],
      [t.campaign.networks, top(c.networks.types, t.networkType)],
      [t.campaign.operators, top(c.networks.operators, t.orUnknown)],
      [t.campaign.verdict, `${t.verdict[c.verdict as keyof ReportText['verdict']] ?? c.verdict}`],
      [t.campaign.timeZone, offset],
      [t.campaign.confidence, pct.format(c.confidence)],
      [t.campaign.reasons, t.why(plainCampaign(c, t))],
      [t.detail, t.seeAnnex(c.id)],
    ],
  };
}

/** The committee's question first: the operator estimate, the countries that fit, and its evidence. */
function operatorFacts(c: CampaignFigures, t: ReportText, pct: Intl.NumberFormat, lang: ReportLang): Array<[string, string]> {
  const o = c.operator;
  if (!o) return [[t.campaign.operator, t.campaign.operatorMissing]];
  const locale = lang === 'fr' ? 'fr-CA' : 'en-CA';
  const where = o.countries.length > 0 ? ` (${o.countries.slice(0, 10).map((k) => countryName(k, locale)).join(', ')}${o.countries.length > 10 ? ', …' : ''})` : '';
  return [
    [t.campaign.operator, `${t.campaign.estimate[o.estimate]}${where}; ${t.campaign.confidence.toLowerCase()} ${pct.format(o.confidence)}`],
    [t.campaign.operatorWhy, (lang === 'fr' ? o.reasons_fr : o.reasons).slice(1).join('; ')],
  ];
}

/**
 * What the plain "Why" needs, from the stored campaign: how its addresses were linked (read
 * from the analysis' first reason, in English whatever the report's language), its verdict,
 * countries and hiding services.
 */
export function plainCampaign(c: CampaignFigures, t: ReportText): PlainCampaign {
  const first = c.reasons[0] ?? '';
  const countries = Object.entries(c.countries).filter(([k]) => k !== 'unknown' && k !== '??').sort((a, b) => b[1] - a[1]).slice(0, 4).map(([k]) => countryName(k, t.locale));
  const hidingTypes = Object.entries(c.networks.types).filter(([k]) => HIDING.includes(k)).sort((a, b) => b[1] - a[1]);
  return {
    clients: c.clients,
    links: {
      sameTool: /share a rare user agent/.test(first),
      sameTargets: /probe the same rarely visited paths/.test(first),
      similar: /alike payloads/.test(first),
      samePage: /addresses make up the /.test(first),
    },
    verdict: (['foreign', 'domestic', 'obscured'].includes(c.verdict) ? c.verdict : 'unknown') as PlainCampaign['verdict'],
    countries,
    obscured: Math.round(c.obscured_share * c.clients),
    hiding: hidingTypes.map(([k]) => t.networkType(k)),
    allPrivate: /private address/.test(c.reasons[2] ?? ''),
  };
}

/**
 * A campaign's technical detail for the annex: the analysis' reasons in the report's language,
 * with attack-class ids, encodings and country codes named as in the body, and numbers written
 * the language's way (`1 697` in French). Quoted user agents stay as the logs gave them.
 */
function annexBlock(c: CampaignFigures, t: ReportText, n: Intl.NumberFormat, lang: ReportLang): Block {
  const reasons = lang === 'fr' ? c.reasons_fr : c.reasons;
  const labels = [t.annexLabels.grouping, t.annexLabels.payloads, t.annexLabels.origin, t.annexLabels.timeZone];
  return {
    kind: 'facts',
    title: c.id,
    facts: reasons.map((r, i) => [labels[i] ?? String(i + 1), technicalText(r, i, t, n)] as [string, string]),
  };
}

/** Outside quoted user agents: numbers formatted, and in the payload and origin reasons, ids named. */
export function technicalText(reason: string, index: number, t: ReportText, n: Intl.NumberFormat): string {
  return reason.split(/(«[^»]*»|'[^']*')/).map((part, i) => {
    if (i % 2 === 1) return part;
    let out = part.replace(/(?<![\w./:%-])\d{4,}(?![\w./:%-])/g, (d) => n.format(Number(d)));
    if (index === 1) {
      out = out.replace(/[a-z][a-z0-9]*(?:[_-][a-z0-9]+)*/g, (w) => (t.className(w) !== w ? t.className(w) : t.encodingName(w)));
    }
    if (index === 2) {
      out = out.replace(/((?:address countries|pays des adresses)\u00a0?: )(.*)$/, (_, head: string, list: string) =>
        head + list.replace(/\b([A-Z]{2}|unknown)\b/g, (code: string) => (code === 'unknown' ? t.unknownCountry : countryName(code, t.locale))));
      out = out.replace(/\((tor|vpn|hosting|cdn|relay)( \d+(?:, (?:tor|vpn|hosting|cdn|relay) \d+)*)\)/g, (m) => m.replace(/tor|vpn|hosting|cdn|relay/g, (k) => t.networkType(k)));
    }
    return out;
  }).join('');
}

/** A country's name in the report's language (`CA` → Canada), or the code when unknown. */
function countryName(code: string, locale: string): string {
  if (!/^[A-Z]{2}$/.test(code)) return code === '??' ? '—' : code;
  try {
    return new Intl.DisplayNames([locale], { type: 'region' }).of(code) ?? code;
  } catch {
    return code;
  }
}
