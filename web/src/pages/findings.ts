import { api, query, VERDICTS, type FindingRow } from '../api.js';
import { h, table } from '../dom.js';
import { countryName, fmtInt, fmtStamp } from '../format.js';
import { CATALOGUES, t, tOr } from '../i18n/index.js';
import { go, href } from '../router.js';
import type { PageContext } from '../page.js';
import { verdictLabel } from './campaigns.js';
import { locationLabel } from '../location.js';
import { fragmentView } from '../fragment.js';

const PAGE_SIZE = 50;
const FILTERS = ['class', 'verdict', 'country', 'asn', 'ip', 'from', 'to'] as const;

/** Attack classes the catalogue knows, for the class filter. */
function classes(): string[] {
  return Object.keys(CATALOGUES['en-CA']).filter((k) => k.startsWith('class.')).map((k) => k.slice(6));
}

/** The findings table: filters in the URL (so a view can be shared), paging, links to evidence. */
export async function renderFindings(root: HTMLElement, ctx: PageContext): Promise<void> {
  const p = ctx.params;
  const offset = Math.max(0, Number.parseInt(p.get('offset') ?? '0', 10) || 0);
  const filters: Record<string, string | undefined> = {};
  for (const f of FILTERS) filters[f] = p.get(f) || undefined;
  const res = await api<{ total: number; rows: FindingRow[] }>(`/api/findings${query({ ...filters, limit: PAGE_SIZE, offset })}`);
  root.append(h('h1', {}, t('findings.title')), h('p', { class: 'muted' }, t('findings.intro')), form(filters));
  if (res.rows.length === 0) { root.append(h('p', { class: 'card' }, t('findings.empty'))); return; }
  const rows = res.rows.map((r, i) => [
    // The link's name starts with what it shows (WCAG 2.5.3, label in name), then says which row it opens.
    h('a', { href: href('findings', r.id), 'data-testid': 'finding-link' }, fmtStamp(r.ts),
      h('span', { class: 'visually-hidden' }, `, ${t('findings.open', { n: fmtInt(offset + i + 1) })}`)),
    // The rule under its class: one column less, so country, origin and ASN fit at 1366 px.
    h('code', {}, r.ip), h('span', {}, tOr('class', r.class), h('br'), h('code', { class: 'rule' }, r.rule)), String(r.severity), locationLabel(r.location),
    fragmentView(r.fragment, { inline: true }), r.country ? `${countryName(r.country)}` : '—', verdictLabel(r.verdict),
    r.asn ? `AS${r.asn}` : '—',
  ]);
  root.append(h('div', { class: 'card table-wrap' }, table(t('findings.title'), [
    t('findings.time'), t('client.ip'), `${t('findings.class')} / ${t('findings.rule')}`, t('findings.severity'), t('findings.location'),
    t('findings.fragment'), t('client.country'), t('client.verdict'), t('client.asn'),
  ], rows, { numCols: [3], nowrapCols: [0, 8], captionHidden: true })), pager(p, offset, res.total, res.rows.length));
}

function field(id: string, label: string, control: HTMLElement): HTMLElement {
  control.id = `f-${id}`;
  control.setAttribute('name', id);
  return h('div', { class: 'field' }, h('label', { for: `f-${id}` }, label), control);
}

function select(value: string | undefined, options: Array<[string, string]>): HTMLSelectElement {
  const el = h('select', {}, h('option', { value: '' }, t('findings.any')),
    ...options.map(([v, label]) => h('option', { value: v, selected: v === value }, label)));
  return el;
}

function form(f: Record<string, string | undefined>): HTMLElement {
  const utcInput = (v: string | undefined): HTMLInputElement => h('input', { type: 'datetime-local', value: v ? v.replace(/Z$/, '').slice(0, 16) : undefined });
  const el = h('form', { class: 'filters card', role: 'search', 'aria-label': t('findings.filters') },
    field('class', t('findings.class'), select(f.class, classes().map((c) => [c, tOr('class', c)] as [string, string]).sort((a, b) => a[1].localeCompare(b[1])))),
    field('verdict', t('findings.verdict'), select(f.verdict, VERDICTS.map((v) => [v, t(`verdict.${v}`)]))),
    field('country', t('findings.country'), h('input', { type: 'text', value: f.country, maxlength: 2, pattern: '[A-Za-z]{2}', size: 3, autocomplete: 'off' })),
    field('asn', t('findings.asn'), h('input', { type: 'text', inputmode: 'numeric', pattern: '(AS|as)?[0-9]{1,10}', value: f.asn, size: 8, autocomplete: 'off' })),
    field('ip', t('findings.ip'), h('input', { type: 'text', value: f.ip, size: 18, autocomplete: 'off', spellcheck: 'false' })),
    field('from', t('findings.from'), utcInput(f.from)),
    field('to', t('findings.to'), utcInput(f.to)),
    h('div', { class: 'actions' }, h('button', { type: 'submit', class: 'primary' }, t('findings.apply')),
      h('a', { href: '#/findings', class: 'button' }, t('findings.reset'))));
  el.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const data = new FormData(el);
    const params = new URLSearchParams();
    for (const name of FILTERS) {
      let v = String(data.get(name) ?? '').trim();
      if (!v) continue;
      if (name === 'country') v = v.toUpperCase();
      if (name === 'asn') v = v.replace(/^as/i, '');
      // The inputs show UTC (like every time on the dashboard): mark them as such for the API.
      if (name === 'from' || name === 'to') v = `${v}:00Z`;
      params.set(name, v);
    }
    const q = params.toString();
    go(`#/findings${q ? `?${q}` : ''}`);
  });
  return el;
}

function pager(p: URLSearchParams, offset: number, total: number, shown: number): HTMLElement {
  const link = (o: number, label: string, disabled: boolean): HTMLElement => {
    if (disabled) return h('span', { class: 'button disabled', 'aria-disabled': 'true' }, label);
    const next = new URLSearchParams(p);
    next.set('offset', String(o));
    return h('a', { class: 'button', href: `#/findings?${next.toString()}` }, label);
  };
  return h('nav', { class: 'pager', 'aria-label': t('findings.title') },
    link(Math.max(0, offset - PAGE_SIZE), t('findings.prev'), offset === 0),
    h('span', { 'data-testid': 'findings-range' }, t('findings.range', { first: fmtInt(offset + 1), last: fmtInt(offset + shown), total: fmtInt(total) })),
    link(offset + PAGE_SIZE, t('findings.next'), offset + shown >= total));
}
