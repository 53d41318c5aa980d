import { api, ApiError, countsOf, type Campaign, type CampaignClient } from '../api.js';
import { h, table } from '../dom.js';
import { countryName, fmtClock, fmtDateTime, fmtInt, fmtOffset, fmtPct } from '../format.js';
import { lang, t, tOr } from '../i18n/index.js';
import { stackedBars } from '../charts/stacked-bars.js';
import type { PageContext } from '../page.js';
import { countryList, verdictLabel } from './campaigns.js';

/** One campaign: summary, activity by UTC hour with the estimated offset, reasons, addresses. */
export async function renderCampaign(root: HTMLElement, ctx: PageContext): Promise<void> {
  const id = ctx.path[1] ?? '';
  let data: { campaign: Campaign; clients: CampaignClient[] };
  try {
    data = await api(`/api/campaigns/${encodeURIComponent(id)}`);
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) {
      root.append(h('h1', {}, t('campaign.title', { id })), h('p', { class: 'card' }, t('campaign.notFound')));
      return;
    }
    throw err;
  }
  const c = data.campaign;
  root.append(
    h('p', { class: 'crumbs' }, h('a', { href: '#/campaigns' }, `← ${t('nav.campaigns')}`)),
    h('h1', {}, t('campaign.title', { id: c.id })),
    operator(c),
    h('div', { class: 'two-col' }, summary(c), reasons(c)),
    hours(c),
    addresses(data.clients));
}

/** The committee's question first: from abroad or from home, which countries fit, and the evidence weighed. */
function operator(c: Campaign): HTMLElement {
  const o = c.operator;
  const card = h('section', { class: 'card', 'aria-labelledby': 'operator-title', 'data-testid': 'campaign-operator' },
    h('h2', { id: 'operator-title' }, t('campaign.operatorTitle')));
  if (!o) {
    card.append(h('p', {}, t('campaign.operatorMissing')));
    return card;
  }
  const reasons = lang() === 'fr-CA' && o.reasons_fr.length > 0 ? o.reasons_fr : o.reasons;
  card.append(
    h('p', { class: 'offset', 'data-testid': 'operator-estimate', 'data-estimate': o.estimate }, tOr('campaign.operator', o.estimate)),
    h('p', {}, t('campaign.operatorConfidence', { confidence: fmtPct(o.confidence) })),
    ...(o.countries.length > 0 ? [h('p', {}, t('campaign.operatorCountries', { countries: o.countries.map((k) => countryName(k) || k).join(', ') }))] : []),
    h('h3', {}, t('campaign.operatorEvidence')),
    h('ul', { class: 'evidence', 'data-testid': 'operator-evidence' }, ...reasons.slice(1).map((r) => h('li', {}, r))));
  return card;
}

function row(label: string, value: Node | string): HTMLElement[] {
  return [h('dt', {}, label), h('dd', {}, value)];
}

function summary(c: Campaign): HTMLElement {
  const list = (counts: Record<string, number> | undefined, label: (name: string) => string): string =>
    countsOf(counts).map(([n, k]) => `${label(n)}${k === null ? '' : ` (${fmtInt(k)})`}`).join(', ') || '—';
  return h('section', { class: 'card', 'aria-labelledby': 'summary-title' },
    h('h2', { id: 'summary-title' }, t('campaign.summary')),
    h('dl', { class: 'facts', 'data-testid': 'campaign-summary' },
      ...row(t('campaigns.clients'), fmtInt(c.clients)),
      ...row(t('campaigns.requests'), fmtInt(c.requests)),
      ...row(t('campaigns.firstSeen'), fmtDateTime(c.first_seen)),
      ...row(t('campaigns.lastSeen'), fmtDateTime(c.last_seen)),
      ...row(t('campaigns.classes'), c.classes.map((k) => tOr('class', k)).join(', ')),
      ...row(t('campaigns.countries'), countryList(c.countries)),
      ...row(t('campaign.networks'), list(c.networks?.types, (n) => tOr('network', n))),
      ...row(t('campaign.operators'), list(c.networks?.operators, (n) => (n === 'unknown' ? t('network.unknown') : n))),
      ...row(t('campaigns.verdict'), verdictLabel(c.verdict)),
      ...row(t('campaign.obscuredShare'), fmtPct(c.obscured_share)),
      ...row(t('campaigns.confidence'), fmtPct(c.confidence))));
}

function reasons(c: Campaign): HTMLElement {
  const offset = c.utc_offset_hours === null || c.utc_offset_hours === undefined
    ? t('campaign.utcUnknown') : t('campaign.utcOffset', { offset: fmtOffset(c.utc_offset_hours) });
  return h('section', { class: 'card', 'aria-labelledby': 'reasons-title' },
    h('h2', { id: 'reasons-title' }, t('campaign.reasons')),
    h('p', { class: 'offset', 'data-testid': 'utc-offset' }, offset),
    h('ul', { class: 'reasons' }, ...reasonsIn(c).map((r) => h('li', {}, r))));
}

/** The reasons in the dashboard's language; English when French ones are missing (older server or data). */
function reasonsIn(c: Campaign): string[] {
  return lang() === 'fr-CA' && c.reasons_fr && c.reasons_fr.length > 0 ? c.reasons_fr : c.reasons;
}

function hours(c: Campaign): HTMLElement {
  const counts = c.hours && c.hours.length === 24 ? c.hours : new Array<number>(24).fill(0);
  const peak = counts.indexOf(Math.max(...counts));
  const label = (hr: number): string => fmtClock(new Date(Date.UTC(2000, 0, 1, hr)).toISOString());
  const summaryText = t('campaign.hoursSummary', { hour: label(peak) });
  return h('section', { class: 'card', 'aria-labelledby': 'hours-title' },
    h('h2', { id: 'hours-title' }, t('campaign.hoursTitle')),
    stackedBars(counts.map((n, hr) => ({ label: label(hr), values: { attacks: n } })), ['attacks'], { label: summaryText, tick: fmtInt, labelEvery: 3 }),
    h('p', { class: 'muted small' }, summaryText));
}

function addresses(clients: CampaignClient[]): HTMLElement {
  const rows = clients.map((k) => [
    h('a', { href: `#/findings?ip=${encodeURIComponent(k.ip)}` }, h('code', {}, k.ip)),
    `${countryName(k.country) || '—'}`, [k.region, k.city].filter(Boolean).join(', '),
    k.asn ? `AS${k.asn}` : '—', k.org ?? '—', tOr('network', k.network ?? 'unknown'), verdictLabel(k.verdict), k.confidence === null ? '—' : fmtPct(k.confidence),
    fmtInt(k.requests), fmtInt(k.flagged_requests),
  ]);
  return h('section', { class: 'card', 'aria-labelledby': 'addr-title' },
    h('h2', { id: 'addr-title' }, t('campaign.addresses')),
    h('div', { class: 'table-wrap' }, table(t('campaign.addresses'), [
      t('client.ip'), t('client.country'), `${t('client.region')} / ${t('client.city')}`, t('client.asn'), t('client.org'),
      t('client.network'), t('client.verdict'), t('client.confidence'), t('client.requests'), t('client.flagged'),
    ], rows, { numCols: [7, 8, 9], captionHidden: true })));
}
