import { api, type FindingDetail } from '../api.js';
import { h, table } from '../dom.js';
import { countryName, fmtDateTime } from '../format.js';
import { lang, t, tOr } from '../i18n/index.js';
import type { PageContext } from '../page.js';
import { verdictLabel } from './campaigns.js';
import { locationLabel } from '../location.js';
import { fragmentView } from '../fragment.js';

/** One finding and its evidence: the raw log line with the matched fragment marked, the rule, the reason. */
export async function renderFinding(root: HTMLElement, ctx: PageContext): Promise<void> {
  const id = ctx.path[1] ?? '';
  const { finding: f } = await api<{ finding: FindingDetail }>(`/api/findings/${encodeURIComponent(id)}`);
  const facts: Array<[string, Node | string]> = [
    [t('findings.time'), fmtDateTime(f.ts)],
    [t('client.ip'), h('a', { href: `#/findings?ip=${encodeURIComponent(f.ip)}` }, h('code', {}, f.ip))],
    [t('findings.class'), tOr('class', f.class)],
    [t('findings.rule'), h('code', { 'data-testid': 'finding-rule' }, f.rule)],
    [t('findings.severity'), String(f.severity)],
    [t('findings.location'), locationLabel(f.location)],
    [t('finding.reason'), reasonIn(f)],
    [t('client.country'), f.country ? `${countryName(f.country)} (${f.country})` : '—'],
    [t('client.verdict'), verdictLabel(f.verdict)],
    [t('client.asn'), f.asn ? `AS${f.asn}${f.org ? ` · ${f.org}` : ''}` : '—'],
    [t('finding.source'), t('finding.sourceValue', { file: f.file ?? '—', line: String(f.line) })],
  ];
  if (f.window_start && f.window_end) facts.push([t('finding.window'), `${fmtDateTime(f.window_start)} – ${fmtDateTime(f.window_end)}`]);
  root.append(
    h('p', { class: 'crumbs' }, h('a', { href: '#/findings' }, `← ${t('nav.findings')}`)),
    h('h1', {}, `${t('finding.title')} · ${tOr('class', f.class)}`),
    h('section', { class: 'card' }, h('dl', { class: 'facts' }, ...facts.flatMap(([k, v]) => [h('dt', {}, k), h('dd', {}, v)]))),
    h('section', { class: 'card', 'aria-labelledby': 'frag-title' },
      h('h2', { id: 'frag-title' }, t('findings.fragment')), h('pre', { class: 'evidence' }, fragmentView(f.fragment))),
    raw(f),
    evidence(f));
}

/** The reason in the dashboard's language; an English-only reason is marked as English for screen readers. */
function reasonIn(f: FindingDetail): Node | string {
  if (lang() !== 'fr-CA') return f.reason;
  return f.reason_fr ?? h('span', { lang: 'en', 'data-testid': 'reason-en' }, f.reason);
}

function raw(f: FindingDetail): HTMLElement {
  const body: Node = typeof f.raw === 'string' ? highlighted(f.raw, f.fragment) : h('p', { class: 'muted' }, t('finding.rawHidden'));
  return h('section', { class: 'card', 'aria-labelledby': 'raw-title' }, h('h2', { id: 'raw-title' }, t('finding.raw')), body);
}

/** The raw line with the first occurrence of the fragment in a <mark> (as text: payloads never render as HTML). */
function highlighted(line: string, fragment: string): HTMLElement {
  const at = fragment ? line.indexOf(fragment) : -1;
  const code = h('code', { 'data-testid': 'raw-line' });
  if (at < 0) code.append(line);
  else code.append(line.slice(0, at), h('mark', {}, fragment), line.slice(at + fragment.length));
  return h('pre', { class: 'evidence' }, code);
}

function evidence(f: FindingDetail): HTMLElement | string {
  if (!f.evidence || f.evidence.length === 0) return '';
  const rows = f.evidence.map((e) => [
    typeof e.ts === 'number' ? fmtDateTime(new Date(e.ts).toISOString()) : fmtDateTime(e.ts ?? null),
    e.method ?? '', h('code', {}, e.path ?? ''), e.status === undefined ? '' : String(e.status),
    e.file ? t('finding.sourceValue', { file: e.file, line: String(e.line ?? '') }) : '',
  ]);
  return h('section', { class: 'card', 'aria-labelledby': 'ev-title' },
    h('h2', { id: 'ev-title' }, t('finding.evidence')),
    h('div', { class: 'table-wrap' }, table(t('finding.evidence'),
      [t('findings.time'), t('finding.method'), t('finding.path'), t('finding.status'), t('finding.source')], rows, { captionHidden: true })));
}
