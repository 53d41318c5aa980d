import { api, ApiError, query } from '../../api.js';
import { h, s, table } from '../../dom.js';
import { fmtDate, fmtDateTime, fmtDec, fmtInt } from '../../format.js';
import { lang, tx } from '../../i18n/index.js';
import type { DashboardModule, PageContext } from '../../page.js';
import { go, href } from '../../router.js';
import { FINANCE_MESSAGES } from './messages.js';

/**
 * Political financing in the dashboard (`finance scan`'s latest result): the alerts with
 * filters and a CSV export, the ranked recipients, and one alert with the contribution rows
 * that support it and the people it names (every spelling joined into each, and why).
 * Names and places come from public filings: set as text, never HTML.
 */
const TYPES = ['straw_ring', 'network', 'burst', 'ineligible_corporate', 'foreign_address', 'cash', 'limit_breach'] as const;
const PAGE_SIZE = 50;
const FILTERS = ['type', 'year', 'recipient'] as const;

interface Recipient { recipient_id: string; recipient: string; political_entity: string; party: string; electoral_district: string; score: number; reasons: string[]; reasons_fr: string[] }
interface Counts { rows: number; people: number; recipients: number; alerts: number; by_type: Record<string, number>; linked_spellings: number }
interface Alert {
  id: string; type: string; score: number; recipient_ids: string[]; rows: Array<{ file: string; row: number }>; entities: string[];
  amount: number; first: string; last: string; sections: string[]; reasons: string[]; reasons_fr: string[];
}
interface Row {
  file: string; row: number; recipient_id: string; recipient: string; party: string | null; contributor_type: string | null; contributor_name: string;
  city: string | null; province: string | null; postal: string | null; received: string | null; monetary: number; non_monetary: number; given_through: string | null; person?: string | null;
}
interface Person {
  id: string; name: string; postal: string; city: string; spellings: string[]; rows: number; history: Row[];
  links: Array<{ a: string; b: string; score: number; reasons: string[]; reasons_fr: string[] }>;
}
interface AlertDetail extends Alert { recipients: Array<Partial<Recipient> & { recipient_id: string; recipient: string }>; people: Person[]; row_details: Row[] }

/** Dollars in the current language: $1,234.56 (en-CA), 1 234,56 $ (fr-CA). */
export function fmtMoney(n: number): string {
  return new Intl.NumberFormat(lang(), { style: 'currency', currency: 'CAD' }).format(n);
}

/** A section of the Canada Elections Act as each language cites it (s. 367(1), art. 367(1)) and what it is about. */
export function sectionLabel(section: string): string {
  const n = section.replace(/^s\.\s*/, '');
  const about = tx(`finance.section.${n.replace(/\(.*$/, '')}`);
  return `${lang() === 'fr-CA' ? 'art.' : 's.'}\u00a0${n}${about.startsWith('finance.') ? '' : ` (${about})`}`;
}

const typeName = (type: string): string => tx(`finance.type.${type}`);
const reasonsOf = (x: { reasons: string[]; reasons_fr: string[] }): string[] => (lang() === 'fr-CA' ? x.reasons_fr : x.reasons);
const period = (a: { first: string; last: string }): string => (a.first === a.last ? fmtDate(a.first) : `${fmtDate(a.first)} – ${fmtDate(a.last)}`);
const noScan = (err: unknown): boolean => err instanceof ApiError && err.status === 404;

async function renderFinance(root: HTMLElement, ctx: PageContext): Promise<void> {
  root.append(h('h1', {}, tx('finance.title')), h('p', { class: 'muted' }, tx('finance.intro')));
  let ranking: { created_at: string; year: number | null; counts: Counts; recipients: Recipient[] };
  try {
    ranking = await api('/api/finance/recipients');
  } catch (err) {
    if (noScan(err)) { root.append(h('p', { class: 'card', 'data-testid': 'finance-empty' }, tx('finance.noScan'))); return; }
    throw err;
  }
  const c = ranking.counts;
  root.append(h('p', { class: 'muted', 'data-testid': 'finance-scan' }, tx('finance.scanLine', {
    when: fmtDateTime(ranking.created_at), rows: fmtInt(c.rows), people: fmtInt(c.people), recipients: fmtInt(c.recipients), alerts: fmtInt(c.alerts),
  })));
  if (ctx.me.role === 'viewer') {
    root.append(h('p', { class: 'card warning', 'data-testid': 'finance-viewer' }, tx('finance.viewerReason')));
  } else {
    await alertsSection(root, ctx, ranking.recipients);
  }
  recipientsSection(root, ranking.recipients);
}

async function alertsSection(root: HTMLElement, ctx: PageContext, recipients: Recipient[]): Promise<void> {
  const p = ctx.params;
  const offset = Math.max(0, Number.parseInt(p.get('offset') ?? '0', 10) || 0);
  const filters: Record<string, string | undefined> = {};
  for (const f of FILTERS) filters[f] = p.get(f) || undefined;
  const res = await api<{ total: number; by_type: Record<string, number>; recipient_names: Record<string, string>; alerts: Alert[] }>(
    `/api/finance/alerts${query({ ...filters, limit: PAGE_SIZE, offset })}`);
  const csv = `/api/finance/alerts.csv${query({ type: filters.type, year: filters.year, recipient: filters.recipient })}`;
  const section = h('section', { 'aria-labelledby': 'finance-alerts-title' },
    h('div', { class: 'card-head' }, h('h2', { id: 'finance-alerts-title' }, tx('finance.alerts')),
      h('a', { class: 'button', href: csv, download: 'vigie-finance-alerts.csv', 'data-testid': 'finance-csv' }, tx('finance.csv'))),
    filterForm(filters, recipients),
    h('p', { class: 'muted', 'data-testid': 'finance-by-type' }, TYPES.filter((k) => res.by_type[k]).map((k) => `${typeName(k)} ${fmtInt(res.by_type[k]!)}`).join(' · ') || tx('finance.noAlerts')));
  root.append(section);
  if (res.alerts.length === 0) return;
  const rows = res.alerts.map((a) => [
    h('a', { href: href('finance', 'alerts', a.id), 'data-testid': 'finance-alert-link' }, a.id),
    typeName(a.type),
    a.recipient_ids.slice(0, 3).map((id) => res.recipient_names[id] ?? id).join('; ') + (a.recipient_ids.length > 3 ? ` (+${fmtInt(a.recipient_ids.length - 3)})` : ''),
    h('span', { 'data-testid': 'finance-alert-amount' }, fmtMoney(a.amount)),
    a.first.slice(0, 4) === a.last.slice(0, 4) ? a.first.slice(0, 4) : `${a.first.slice(0, 4)}–${a.last.slice(0, 4)}`,
    a.sections.map(sectionLabel).join('; '),
    fmtInt(a.rows.length),
    fmtDec(a.score),
  ]);
  section.append(h('div', { class: 'card table-wrap' }, table(tx('finance.alerts'), [
    tx('finance.alert'), tx('finance.kind'), tx('finance.recipient'), { text: tx('finance.amount'), num: true }, tx('finance.year'), tx('finance.sections'),
    { text: tx('finance.rows'), num: true }, { text: tx('finance.score'), num: true },
  ], rows, { numCols: [3, 6, 7], nowrapCols: [0, 3, 4], captionHidden: true })), pager(p, offset, res.total, res.alerts.length));
}

function field(id: string, label: string, control: HTMLElement): HTMLElement {
  control.id = `finance-f-${id}`;
  control.setAttribute('name', id);
  return h('div', { class: 'field' }, h('label', { for: `finance-f-${id}` }, label), control);
}

function filterForm(f: Record<string, string | undefined>, recipients: Recipient[]): HTMLElement {
  const type = h('select', {}, h('option', { value: '' }, tx('finance.any')), ...TYPES.map((k) => h('option', { value: k, selected: k === f.type }, typeName(k))));
  const recipient = h('select', {}, h('option', { value: '' }, tx('finance.any')),
    ...[...recipients].sort((a, b) => a.recipient.localeCompare(b.recipient)).map((r) =>
      h('option', { value: r.recipient_id, selected: r.recipient_id === f.recipient }, r.party && r.party !== r.recipient ? `${r.recipient} (${r.party})` : r.recipient)));
  const year = h('input', { type: 'number', min: 1990, max: 2100, step: 1, value: f.year, size: 6, inputmode: 'numeric' });
  const form = h('form', { class: 'filters card', role: 'search', 'aria-label': tx('finance.filters') },
    field('type', tx('finance.kind'), type), field('year', tx('finance.year'), year), field('recipient', tx('finance.recipient'), recipient),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, tx('finance.apply')), h('a', { href: '#/finance', class: 'button' }, tx('finance.reset'))));
  form.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = new FormData(form);
    const params = new URLSearchParams();
    for (const name of FILTERS) { const v = String(data.get(name) ?? '').trim(); if (v) params.set(name, v); }
    const q = params.toString();
    go(`#/finance${q ? `?${q}` : ''}`);
  });
  return form;
}

function pager(p: URLSearchParams, offset: number, total: number, shown: number): HTMLElement {
  const link = (o: number, label: string, disabled: boolean): HTMLElement => {
    if (disabled) return h('span', { class: 'button disabled', 'aria-disabled': 'true' }, label);
    const next = new URLSearchParams(p);
    next.set('offset', String(o));
    return h('a', { class: 'button', href: `#/finance?${next.toString()}` }, label);
  };
  return h('nav', { class: 'pager', 'aria-label': tx('finance.alerts') },
    link(Math.max(0, offset - PAGE_SIZE), tx('finance.prev'), offset === 0),
    h('span', { 'data-testid': 'finance-range' }, tx('finance.range', { first: fmtInt(offset + 1), last: fmtInt(offset + shown), total: fmtInt(total) })),
    link(offset + PAGE_SIZE, tx('finance.next'), offset + shown >= total));
}

function recipientsSection(root: HTMLElement, recipients: Recipient[]): void {
  const top = recipients.slice(0, 20);
  root.append(h('section', { 'aria-labelledby': 'finance-recipients-title' },
    h('h2', { id: 'finance-recipients-title' }, tx('finance.recipients')),
    h('p', { class: 'muted' }, tx('finance.recipientsIntro', { shown: fmtInt(top.length), total: fmtInt(recipients.length) })),
    top.length === 0 ? h('p', { class: 'card' }, tx('finance.noAlerts')) : h('div', { class: 'card table-wrap' }, table(tx('finance.recipients'), [
      '#', tx('finance.recipient'), tx('finance.entity'), tx('finance.party'), tx('finance.district'), { text: tx('finance.score'), num: true }, tx('finance.why'),
    ], top.map((r, i) => [
      fmtInt(i + 1), h('a', { href: `#/finance?recipient=${encodeURIComponent(r.recipient_id)}`, 'data-testid': 'finance-recipient-link' }, r.recipient),
      r.political_entity, r.party, r.electoral_district, fmtDec(r.score), reasonsOf(r).join('; '),
    ]), { numCols: [0, 5], captionHidden: true }))));
}

async function renderAlert(root: HTMLElement, ctx: PageContext): Promise<void> {
  const id = ctx.path[2] ?? '';
  root.append(h('p', { class: 'crumbs' }, h('a', { href: href('finance') }, `← ${tx('finance.back')}`)));
  let a: AlertDetail;
  try {
    a = await api<AlertDetail>(`/api/finance/alerts/${encodeURIComponent(id)}`);
  } catch (err) {
    if (err instanceof ApiError && [400, 403, 404].includes(err.status)) {
      root.append(h('h1', {}, tx('finance.alertTitle', { id, type: '' }).replace(/\s*[·:]\s*$/, '')), h('p', { class: 'card' }, err.message));
      return;
    }
    throw err;
  }
  const personName = new Map(a.people.map((p) => [p.id, p.name]));
  root.append(
    h('h1', {}, tx('finance.alertTitle', { id: a.id, type: typeName(a.type) })),
    h('div', { class: 'two-col' },
      h('section', { class: 'card', 'aria-labelledby': 'finance-facts-title' }, h('h2', { id: 'finance-facts-title' }, tx('finance.facts')),
        h('dl', { class: 'facts', 'data-testid': 'finance-alert-facts' },
          h('dt', {}, tx('finance.kind')), h('dd', { 'data-testid': 'finance-alert-type' }, typeName(a.type)),
          h('dt', {}, tx('finance.amount')), h('dd', { 'data-testid': 'finance-alert-total' }, fmtMoney(a.amount)),
          h('dt', {}, tx('finance.period')), h('dd', {}, period(a)),
          h('dt', {}, tx('finance.recipient')), h('dd', { 'data-testid': 'finance-alert-recipients' }, a.recipients.map((r) => `${r.recipient}${r.party && r.party !== r.recipient ? ` (${r.party})` : ''}`).join('; ')),
          h('dt', {}, tx('finance.people')), h('dd', {}, fmtInt(a.entities.length)),
          h('dt', {}, tx('finance.rows')), h('dd', { 'data-testid': 'finance-alert-rowcount' }, fmtInt(a.rows.length)),
          h('dt', {}, tx('finance.score')), h('dd', {}, fmtDec(a.score)))),
      h('section', { class: 'card', 'aria-labelledby': 'finance-why-title' }, h('h2', { id: 'finance-why-title' }, tx('finance.why')),
        h('ul', { class: 'reasons', 'data-testid': 'finance-alert-reasons' }, ...reasonsOf(a).map((r) => h('li', {}, r))),
        h('h3', {}, tx('finance.sections')),
        h('ul', { 'data-testid': 'finance-alert-sections' }, ...a.sections.map((s) => h('li', {}, sectionLabel(s)))))),
    ...(['straw_ring', 'network', 'burst'].includes(a.type) ? [flows(a)] : []),
    h('section', { class: 'card', 'aria-labelledby': 'finance-rows-title' },
      h('h2', { id: 'finance-rows-title' }, tx('finance.rowsTitle')),
      h('p', { class: 'muted' }, tx('finance.rowsIntro', { shown: fmtInt(a.row_details.length), total: fmtInt(a.rows.length) })),
      h('div', { class: 'table-wrap' }, rowsTable(tx('finance.rowsTitle'), a.row_details, personName, 'finance-row'))),
    peopleSection(a.people));
}

/**
 * Where the money of a ring, network or burst came from and went: postal codes on the left,
 * recipients on the right, a band per pair as thick as the dollars given (the network view of
 * a multi-candidate finding: one source, several campaigns).
 */
function flows(a: AlertDetail): HTMLElement {
  const pairs = new Map<string, { postal: string; recipient: string; amount: number; rows: number }>();
  for (const r of a.row_details) {
    const postal = r.postal || '—';
    const key = `${postal}\u0001${r.recipient_id}`;
    const p = pairs.get(key) ?? { postal, recipient: r.recipient, amount: 0, rows: 0 };
    p.amount += Number(r.monetary) + Number(r.non_monetary);
    p.rows++;
    pairs.set(key, p);
  }
  const sum = (list: Array<{ amount: number }>): number => list.reduce((n, x) => n + x.amount, 0);
  const side = (pick: (p: { postal: string; recipient: string }) => string) => {
    const m = new Map<string, number>();
    for (const p of pairs.values()) m.set(pick(p), (m.get(pick(p)) ?? 0) + p.amount);
    return [...m.entries()].sort((x, y) => y[1] - x[1] || x[0].localeCompare(y[0])).slice(0, 40);
  };
  const left = side((p) => p.postal);
  const right = side((p) => p.recipient);
  const W = 960; const rowH = 26; const top = 12;
  const H = top * 2 + Math.max(left.length, right.length) * rowH;
  const yl = new Map(left.map(([k], i) => [k, top + i * rowH + rowH / 2]));
  const yr = new Map(right.map(([k], i) => [k, top + i * rowH + rowH / 2]));
  const max = Math.max(...[...pairs.values()].map((p) => p.amount), 1);
  const x1 = 250; const x2 = 560;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', class: 'chart', 'data-testid': 'finance-flows',
    'aria-label': tx('finance.flowsLabel', { postals: fmtInt(left.length), recipients: fmtInt(right.length), total: fmtMoney(sum([...pairs.values()])) }) });
  for (const p of pairs.values()) {
    const ya = yl.get(p.postal); const yb = yr.get(p.recipient);
    if (ya === undefined || yb === undefined) continue;
    svg.append(s('path', { d: `M${x1},${ya} C${(x1 + x2) / 2},${ya} ${(x1 + x2) / 2},${yb} ${x2},${yb}`, fill: 'none', stroke: '#1f5f99', 'stroke-opacity': 0.45, 'stroke-width': (2 + 14 * p.amount / max).toFixed(1), class: 'flow' },
      s('title', {}, `${p.postal} → ${p.recipient}: ${fmtMoney(p.amount)} (${fmtInt(p.rows)})`)));
  }
  for (const [k, amount] of left) svg.append(s('text', { x: x1 - 8, y: yl.get(k)! + 4, 'text-anchor': 'end', class: 'tick', 'data-testid': 'finance-flow-postal' }, `${k} · ${fmtMoney(amount)}`));
  for (const [k, amount] of right) svg.append(s('text', { x: x2 + 8, y: yr.get(k)! + 4, class: 'tick', 'data-testid': 'finance-flow-recipient' }, `${k.length > 48 ? `${k.slice(0, 47)}…` : k} · ${fmtMoney(amount)}`));
  return h('section', { class: 'card', 'aria-labelledby': 'finance-flows-title' },
    h('h2', { id: 'finance-flows-title' }, tx('finance.flows')),
    h('p', { class: 'muted' }, tx('finance.flowsIntro')), svg);
}

function rowsTable(caption: string, rows: Row[], personName: Map<string, string> | null, testId: string): HTMLTableElement {
  const place = (r: Row): string => [r.city, r.province, r.postal].filter(Boolean).join(', ');
  const headers = [tx('finance.source'), tx('finance.date'), tx('finance.contributor'), tx('finance.place'), { text: tx('finance.amount'), num: true }, tx('finance.recipient')];
  if (personName) headers.push(tx('finance.person'));
  const el = table(caption, headers, rows.map((r) => {
    const cells = [
      h('code', {}, `${r.file}:${r.row}`), r.received ? fmtDate(r.received) : '—', r.contributor_name + (r.contributor_type && !/^individual/i.test(r.contributor_type) ? ` (${r.contributor_type})` : ''),
      place(r), fmtMoney(Number(r.monetary) + Number(r.non_monetary)), r.recipient,
    ];
    if (personName) cells.push(r.person ? personName.get(r.person) ?? r.person : '—');
    return cells;
  }), { numCols: [4], nowrapCols: [0, 1, 4], captionHidden: true });
  el.querySelectorAll('tbody tr').forEach((tr) => tr.setAttribute('data-testid', testId));
  return el;
}

function peopleSection(people: Person[]): HTMLElement {
  return h('section', { 'aria-labelledby': 'finance-people-title' },
    h('h2', { id: 'finance-people-title' }, tx('finance.peopleTitle')),
    h('p', { class: 'muted' }, tx('finance.peopleIntro')),
    ...people.slice(0, 50).map((p) => h('article', { class: 'card', 'data-testid': 'finance-person' },
      h('h3', {}, p.name),
      h('dl', { class: 'facts' },
        h('dt', {}, tx('finance.place')), h('dd', {}, [p.city, p.postal].filter(Boolean).join(', ') || '—'),
        h('dt', {}, tx('finance.spellings')), h('dd', { 'data-testid': 'finance-person-spellings' }, p.spellings.join(' · ') || '—'),
        h('dt', {}, tx('finance.personRows')), h('dd', {}, fmtInt(p.rows))),
      p.links.length ? h('ul', { class: 'reasons', 'data-testid': 'finance-person-links' }, ...p.links.map((l) =>
        h('li', {}, tx('finance.joined', { a: l.a, b: l.b, why: (lang() === 'fr-CA' ? l.reasons_fr : l.reasons).join(', ') })))) : null,
      p.history.length ? h('details', {}, h('summary', {}, tx('finance.history', { n: fmtInt(p.history.length) })),
        h('div', { class: 'table-wrap' }, rowsTable(tx('finance.history', { n: fmtInt(p.history.length) }), p.history, null, 'finance-history-row'))) : null)),
    people.length > 50 ? h('p', { class: 'muted' }, tx('finance.morePeople', { n: fmtInt(people.length - 50) })) : null);
}

export const financePages: DashboardModule = {
  name: 'finance',
  messages: FINANCE_MESSAGES,
  nav: [{ id: 'finance', label: 'finance.nav', page: renderFinance }],
  route: (path) => (path[0] === 'finance' && path[1] === 'alerts' && path[2] ? renderAlert : undefined),
};
