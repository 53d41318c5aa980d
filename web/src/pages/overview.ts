import { api, query, VERDICTS, type Overview, type TimePoint, type Timeseries, type Verdict } from '../api.js';
import { h, replace, table } from '../dom.js';
import { fmtClock, fmtDate, fmtDateTime, fmtDay, fmtHour, fmtInt, fmtPct } from '../format.js';
import { t, tOr } from '../i18n/index.js';
import { legend } from '../charts/legend.js';
import { stackedBars } from '../charts/stacked-bars.js';
import type { PageContext } from '../page.js';
import { chosenPeriod, periodPicker, suggestRange } from '../period-picker.js';

/** "At a glance" over a chosen period: attacks, flagged clients, origin split, attacks over time, data dates. */
export async function renderOverview(root: HTMLElement, ctx: PageContext): Promise<void> {
  const chosen = chosenPeriod(ctx.params);
  const range = { from: chosen.from, to: chosen.to };
  const ov = await api<Overview>(`/api/overview${query(range)}`);
  const chartBox = h('div', { class: 'chart-box' });
  const period = h('p', { class: 'muted', 'data-testid': 'period' }, chosen.fromDay && chosen.toDay
    ? t('common.periodDays', { from: fmtDate(chosen.fromDay), to: fmtDate(chosen.toDay) })
    : ov.from && ov.to ? t('common.period', { from: fmtDateTime(ov.from), to: fmtDateTime(ov.to) }) : '');
  const picker = periodPicker('#/overview', chosen);
  root.append(
    h('div', { class: 'page-head' }, h('h1', {}, t('overview.title')), picker),
    period,
    kpis(ov),
    origins(ov),
    h('section', { 'aria-labelledby': 'time-title', class: 'card' },
      h('div', { class: 'card-head' }, h('h2', { id: 'time-title' }, t('overview.timeTitle')), bucketSwitch(chartBox, range)),
      chartBox),
    h('div', { class: 'two-col' }, classes(ov), geoData(ov)),
  );
  const points = await drawTimeseries(chartBox, range, 'hour');
  // Without a chosen period the overview covers everything stored: say from when to when.
  if (!(ov.from && ov.to) && points.length > 0) {
    const end = new Date(Date.parse(points[points.length - 1]!.t) + 3_600_000).toISOString();
    period.textContent = t('common.periodAll', { from: fmtDateTime(points[0]!.t), to: fmtDateTime(end) });
    suggestRange(picker, points[0]!.t, points[points.length - 1]!.t);
  }
}

/** The points with the empty steps between them filled in, so bars sit at their time. */
function contiguous(points: TimePoint[], stepMs: number): TimePoint[] {
  if (points.length < 2) return points;
  const byTime = new Map(points.map((p) => [Date.parse(p.t), p]));
  const first = Date.parse(points[0]!.t);
  const last = Date.parse(points[points.length - 1]!.t);
  if ((last - first) / stepMs > 5000) return points; // a very long range: draw what came
  const out: TimePoint[] = [];
  for (let at = first; at <= last; at += stepMs) {
    out.push(byTime.get(at) ?? { t: new Date(at).toISOString(), attacks: 0, foreign: 0, domestic: 0, obscured: 0, unknown: 0 });
  }
  return out;
}

/**
 * Hour bars over more than two months are too thin to see (and, with gaps of years, would sit
 * side by side as if they were consecutive): such a series is drawn by day.
 */
const MAX_HOUR_BARS = 24 * 62;

/** Whether the points fall in more than one calendar year (UTC): labels then carry the year. */
function spansYears(points: Array<{ t: string }>): boolean {
  return points.length > 1 && points[0]!.t.slice(0, 4) !== points[points.length - 1]!.t.slice(0, 4);
}

/** Axis text of each bar: a few clock times within two days, else the first hour of each day. */
function axisLabels(points: Array<{ t: string }>, bucket: 'hour' | 'day'): string[] {
  const withYear = spansYears(points);
  if (bucket === 'day') {
    const every = Math.max(1, Math.ceil(points.length / (withYear ? 6 : 10)));
    return points.map((p, i) => (i % every === 0 ? fmtDay(p.t, withYear) : ''));
  }
  if (points.length <= 48) {
    const every = points.length <= 24 ? 3 : 6;
    return points.map((p) => (new Date(p.t).getUTCHours() % every === 0 ? fmtClock(p.t) : ''));
  }
  const days = Math.ceil(points.length / 24);
  const every = Math.max(1, Math.ceil(days / 10));
  return points.map((p) => {
    const d = new Date(p.t);
    return d.getUTCHours() === 0 && Math.floor(d.getTime() / 86_400_000) % every === 0 ? fmtDay(p.t, withYear) : '';
  });
}

function kpi(id: string, label: string, value: number, help: string, link?: string): HTMLElement {
  const number = h('p', { class: 'kpi-value', 'data-testid': `kpi-${id}`, 'data-value': value }, fmtInt(value));
  return h('section', { class: 'kpi card', 'aria-labelledby': `kpi-${id}-label` },
    h('h2', { id: `kpi-${id}-label`, class: 'kpi-label' }, link ? h('a', { href: link }, label) : label),
    number, h('p', { class: 'kpi-help' }, help));
}

function kpis(ov: Overview): HTMLElement {
  return h('div', { class: 'kpis' },
    kpi('attacks', t('overview.attacks'), ov.attacks, t('overview.attacksHelp', { n: fmtInt(ov.requests) }), '#/findings'),
    kpi('flagged-clients', t('overview.flaggedClients'), ov.flagged_clients, t('overview.flaggedClientsHelp', { n: fmtInt(ov.clients) })),
    kpi('campaigns', t('overview.campaigns'), ov.campaigns, t('overview.campaignsHelp'), '#/campaigns'));
}

/**
 * The origin split. Attacks are the headline basis, as in the terminal summary, the report and
 * every JSON (`origin_shares`); the share of attacking addresses is the second, labelled column.
 */
function origins(ov: Overview): HTMLElement {
  const shares = ov.origin_shares;
  const bar = h('div', { class: 'split-bar', 'aria-hidden': 'true', 'data-basis': shares.headline });
  for (const v of VERDICTS) {
    const n = ov.origins[v]?.flagged_requests ?? 0;
    if (n === 0) continue;
    const seg = h('span', { class: `series-${v}`, 'data-verdict': v });
    seg.style.flexGrow = String(n); // CSSOM, not a style attribute: allowed by the CSP
    bar.append(seg);
  }
  const share = (v: Verdict, basis: 'attacks' | 'flagged_clients', id: string): HTMLElement =>
    h('span', { 'data-testid': `origin-${v}-${id}`, 'data-value': shares[basis][v] }, ov[basis === 'attacks' ? 'attacks' : 'flagged_clients'] > 0 ? fmtPct(shares[basis][v]) : '—');
  const rows = VERDICTS.map((v) => {
    const o = ov.origins[v] ?? { flagged_clients: 0, flagged_requests: 0 };
    return [h('span', { class: 'verdict' }, h('span', { class: `swatch series-${v}`, 'aria-hidden': 'true' }), t(`verdict.${v}`)),
      h('span', { 'data-testid': `origin-${v}-attacks` }, fmtInt(o.flagged_requests)),
      share(v, 'attacks', 'attack-share'),
      h('span', { 'data-testid': `origin-${v}-clients` }, fmtInt(o.flagged_clients)),
      share(v, 'flagged_clients', 'client-share')];
  });
  return h('section', { class: 'card', 'aria-labelledby': 'origin-title' },
    h('h2', { id: 'origin-title' }, t('overview.originTitle')),
    h('p', { class: 'muted' }, t('overview.originIntro')),
    bar,
    table(t('overview.originTitle'), [t('overview.originCol'), t('overview.attacksCol'), t('overview.shareCol'), t('overview.clientsCol'), t('overview.clientShareCol')], rows,
      { numCols: [1, 2, 3, 4], captionHidden: true }),
    h('p', { class: 'note', id: 'obscured-note' }, t('overview.obscuredNote')));
}

function bucketSwitch(box: HTMLElement, range: { from?: string; to?: string }): HTMLElement {
  const group = h('div', { class: 'segmented', role: 'group', 'aria-label': t('overview.bucket') });
  for (const b of ['hour', 'day'] as const) {
    const btn = h('button', { type: 'button', 'aria-pressed': b === 'hour' ? 'true' : 'false', 'data-bucket': b }, t(b === 'hour' ? 'overview.byHour' : 'overview.byDay'));
    btn.addEventListener('click', () => {
      for (const other of group.querySelectorAll('button')) other.setAttribute('aria-pressed', String(other === btn));
      void drawTimeseries(box, range, b);
    });
    group.append(btn);
  }
  return group;
}

async function drawTimeseries(box: HTMLElement, range: { from?: string; to?: string }, asked: 'hour' | 'day'): Promise<Timeseries['points']> {
  replace(box, h('p', { class: 'muted' }, t('common.loading')));
  let bucket = asked;
  let ts = await api<Timeseries>(`/api/timeseries${query({ ...range, bucket })}`);
  let longNote: HTMLElement | null = null;
  if (bucket === 'hour' && ts.points.length > 1 && (Date.parse(ts.points[ts.points.length - 1]!.t) - Date.parse(ts.points[0]!.t)) / 3_600_000 > MAX_HOUR_BARS) {
    bucket = 'day';
    ts = await api<Timeseries>(`/api/timeseries${query({ ...range, bucket })}`);
    longNote = h('p', { class: 'muted small', 'data-testid': 'chart-by-day' }, t('overview.tooLongForHours'));
    for (const btn of box.closest('section')?.querySelectorAll('[data-bucket]') ?? []) btn.setAttribute('aria-pressed', String(btn.getAttribute('data-bucket') === 'day'));
  }
  ts.points = contiguous(ts.points, bucket === 'hour' ? 3_600_000 : 86_400_000);
  if (ts.points.length === 0) { replace(box, h('p', { class: 'muted' }, t('common.noData'))); return ts.points; }
  const withYear = spansYears(ts.points);
  const label = (iso: string): string => (bucket === 'hour' ? fmtHour(iso, withYear) : fmtDate(iso));
  const total = ts.points.reduce((sum, p) => sum + p.attacks, 0);
  const peak = ts.points.reduce((a, b) => (b.attacks > a.attacks ? b : a));
  const summary = t('overview.chartSummary', {
    n: fmtInt(total), from: label(ts.points[0]!.t), to: label(ts.points[ts.points.length - 1]!.t), peak: label(peak.t), max: fmtInt(peak.attacks),
  });
  const axis = axisLabels(ts.points, bucket);
  const bars = ts.points.map((p, i) => ({ label: label(p.t), axis: axis[i], values: { foreign: p.foreign, domestic: p.domestic, obscured: p.obscured, unknown: p.unknown } }));
  replace(box, stackedBars(bars, VERDICTS, { label: summary, tick: fmtInt }),
    legend(VERDICTS.map((v) => [v, t(`verdict.${v}`)])),
    longNote,
    h('p', { class: 'muted small', 'data-testid': 'chart-summary' }, summary));
  return ts.points;
}

function classes(ov: Overview): HTMLElement {
  const rows = Object.entries(ov.findings_by_class).sort((a, b) => b[1] - a[1])
    .map(([c, n]) => [h('a', { href: `#/findings?class=${encodeURIComponent(c)}` }, tOr('class', c)), fmtInt(n)]);
  return h('section', { class: 'card', 'aria-labelledby': 'classes-title' },
    h('h2', { id: 'classes-title' }, t('overview.classesTitle')),
    rows.length ? table(t('overview.classesTitle'), [t('overview.classCol'), t('overview.countCol')], rows, { numCols: [1], captionHidden: true })
      : h('p', { class: 'muted' }, t('common.noData')));
}

function geoData(ov: Overview): HTMLElement {
  const g = ov.geo_data;
  const dates = Object.entries(g?.dates ?? {}).filter(([, d]) => Boolean(d));
  const credit = g?.attribution ?? { text: 'IP Geolocation by DB-IP', url: 'https://db-ip.com', licence: 'CC BY 4.0' };
  return h('section', { class: 'card', 'aria-labelledby': 'geo-title', 'data-testid': 'geo-data' },
    h('h2', { id: 'geo-title' }, t('overview.geoTitle')),
    h('p', {}, t('overview.geoDates')),
    h('dl', { class: 'facts small', 'data-testid': 'geo-dates' }, ...dates.flatMap(([set, d]) => [h('dt', {}, tOr('geoSet', set)), h('dd', {}, fmtDate(d))])),
    g && g.age_days >= 0 ? h('p', { class: 'muted small' }, t('overview.geoAge', { n: fmtInt(g.age_days) })) : null,
    g?.stale ? h('p', { class: 'warning' }, t('overview.geoStale')) : null,
    h('p', {}, h('a', { href: credit.url || 'https://db-ip.com', rel: 'noopener', target: '_blank' }, credit.text || t('overview.geoCredit')),
      ' · ', t('overview.geoLicence', { licence: credit.licence || 'CC BY 4.0' })));
}
