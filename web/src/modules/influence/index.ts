import { api, ApiError } from '../../api.js';
import { h, s, table } from '../../dom.js';
import { fmtDateTime, fmtDay, fmtDec, fmtInt, fmtOffset, fmtStamp } from '../../format.js';
import { lang, tx } from '../../i18n/index.js';
import type { DashboardModule, PageContext } from '../../page.js';
import { href } from '../../router.js';
import { INFLUENCE_MESSAGES } from './messages.js';

/**
 * Coordinated influence in the dashboard (the last `influence scan`): the groups of accounts
 * acting together with their signals and score, and one group with its accounts, the time
 * line of its co-actions and the evidence posts side by side. Posts are shown as written
 * (Simplified and Traditional Chinese left as they are), set as text, never HTML.
 */
const SIGNALS = ['co_repost', 'co_link', 'co_text', 'co_hashtag', 'forward', 'co_reply'] as const;
/** One colour per signal (SVG presentation attributes: the CSP forbids inline styles). */
const SIGNAL_COLOURS: Record<string, string> = {
  co_repost: '#1f6fb2', co_link: '#c4500a', co_text: '#2e7d32', co_hashtag: '#7a4ea3', forward: '#a61b1b', co_reply: '#505b69',
};
const EVIDENCE_LIMIT = 2000;
const PAIRS_SHOWN = 50;

interface Group {
  id: string; accounts: string[]; posts: string[]; signals: Record<string, number>; score: number; first: string; last: string;
  platforms: string[]; langs: string[]; channels?: string[]; utc_offset_hours: number | null; active_hours_utc?: number[]; targets: string[];
  narratives: string[]; reasons: string[]; reasons_fr?: string[]; reasons_en?: string[];
}
interface Narrative { id: string; posts: string[]; accounts: number; langs: string[]; platforms: string[]; first: string; last: string; sample_text: string }
interface Evidence {
  signal: string; item: string; gap_secs: number;
  account_a: string; post_a: string; text_a: string; ts_a: number; platform_a: string; channel_a: string | null; file_a: string; line_a: number;
  account_b: string; post_b: string; text_b: string; ts_b: number; platform_b: string; channel_b: string | null; file_b: string; line_b: number;
}

const signalName = (k: string): string => tx(`influence.signal.${k}`);
const reasonsOf = (g: Group): string[] => (lang() === 'fr-CA' ? g.reasons_fr ?? g.reasons : g.reasons_en ?? g.reasons);
const signalList = (g: Group): string => SIGNALS.filter((k) => g.signals[k]).map((k) => `${signalName(k)} ${fmtInt(g.signals[k]!)}`).join(' · ');
const langName = (l: string): string => tx(`influence.lang.${l}`).startsWith('influence.') ? l : tx(`influence.lang.${l}`);
const iso = (ts: number): string => new Date(ts * 1000).toISOString();

async function renderGroups(root: HTMLElement, _ctx: PageContext): Promise<void> {
  root.append(h('h1', {}, tx('influence.title')), h('p', { class: 'muted' }, tx('influence.intro')));
  const [{ groups }, { narratives }] = await Promise.all([
    api<{ groups: Group[] }>('/api/influence/groups?limit=500'),
    api<{ narratives: Narrative[] }>('/api/influence/narratives?limit=20'),
  ]);
  if (groups.length === 0) { root.append(h('p', { class: 'card', 'data-testid': 'influence-empty' }, tx('influence.noGroups'))); return; }
  const rows = groups.map((g) => [
    h('a', { href: href('influence', g.id), 'data-testid': 'influence-group-link' }, g.id),
    h('span', { 'data-testid': 'influence-group-accounts' }, fmtInt(g.accounts.length)),
    fmtInt(g.posts.length),
    signalList(g),
    fmtDec(g.score),
    `${fmtStamp(g.first)} – ${fmtStamp(g.last)}`,
    g.platforms.join(', '),
    g.langs.map(langName).join(', '),
    g.utc_offset_hours === null ? '—' : fmtOffset(g.utc_offset_hours),
  ]);
  root.append(h('section', { 'aria-labelledby': 'influence-groups-title' },
    h('h2', { id: 'influence-groups-title' }, tx('influence.groups', { n: fmtInt(groups.length) })),
    h('div', { class: 'card table-wrap' }, table(tx('influence.groups', { n: fmtInt(groups.length) }), [
      tx('influence.group'), { text: tx('influence.accounts'), num: true }, { text: tx('influence.posts'), num: true }, tx('influence.signals'),
      { text: tx('influence.score'), num: true }, tx('influence.active'), tx('influence.platforms'), tx('influence.langs'), tx('influence.offset'),
    ], rows, { numCols: [1, 2, 4], nowrapCols: [0, 5], captionHidden: true }))));
  if (narratives.length > 0) {
    root.append(h('section', { 'aria-labelledby': 'influence-narratives-title' },
      h('h2', { id: 'influence-narratives-title' }, tx('influence.narratives')),
      h('p', { class: 'muted' }, tx('influence.narrativesIntro')),
      h('div', { class: 'card table-wrap' }, table(tx('influence.narratives'), [
        tx('influence.narrative'), { text: tx('influence.posts'), num: true }, { text: tx('influence.accounts'), num: true }, tx('influence.platforms'), tx('influence.langs'), tx('influence.sample'),
      ], narratives.map((n) => [n.id, fmtInt(n.posts.length), fmtInt(n.accounts), n.platforms.join(', '), n.langs.map(langName).join(', '), h('span', { lang: n.langs[0] }, n.sample_text)]),
      { numCols: [1, 2], captionHidden: true }))));
  }
}

async function renderGroup(root: HTMLElement, ctx: PageContext): Promise<void> {
  const id = ctx.path[1] ?? '';
  root.append(h('p', { class: 'crumbs' }, h('a', { href: href('influence') }, `← ${tx('influence.back')}`)));
  let data: { group: Group; evidence: Evidence[] };
  try {
    data = await api(`/api/influence/groups/${encodeURIComponent(id)}?limit=${EVIDENCE_LIMIT}`);
  } catch (err) {
    if (err instanceof ApiError && [400, 403, 404].includes(err.status)) {
      root.append(h('h1', {}, tx('influence.groupTitle', { id })), h('p', { class: 'card' }, err.message));
      return;
    }
    throw err;
  }
  const { group: g, evidence } = data;
  const exportLink = (suffix: string, label: string, testId: string): HTMLElement =>
    h('a', { class: 'button', href: `/api/influence/groups/${encodeURIComponent(g.id)}/${suffix}`, download: `vigie-influence-${g.id}-${suffix}`, 'data-testid': testId }, label);
  root.append(
    h('div', { class: 'card-head' }, h('h1', {}, tx('influence.groupTitle', { id: g.id })),
      h('p', {}, exportLink('evidence.csv', tx('influence.csv'), 'influence-csv'), ' ', exportLink('graph.gexf', tx('influence.gexf'), 'influence-gexf'))),
    h('div', { class: 'two-col' },
      h('section', { class: 'card', 'aria-labelledby': 'influence-facts-title' }, h('h2', { id: 'influence-facts-title' }, tx('influence.facts')),
        h('dl', { class: 'facts', 'data-testid': 'influence-facts' },
          h('dt', {}, tx('influence.accounts')), h('dd', { 'data-testid': 'influence-accounts-count' }, fmtInt(g.accounts.length)),
          h('dt', {}, tx('influence.posts')), h('dd', { 'data-testid': 'influence-posts-count' }, fmtInt(g.posts.length)),
          h('dt', {}, tx('influence.signals')), h('dd', { 'data-testid': 'influence-signals' }, signalList(g)),
          h('dt', {}, tx('influence.score')), h('dd', {}, fmtDec(g.score)),
          h('dt', {}, tx('influence.active')), h('dd', {}, `${fmtDateTime(g.first)} – ${fmtDateTime(g.last)}`),
          h('dt', {}, tx('influence.platforms')), h('dd', {}, g.platforms.join(', ')),
          h('dt', {}, tx('influence.langs')), h('dd', {}, g.langs.map(langName).join(', ')),
          h('dt', {}, tx('influence.offset')), h('dd', {}, g.utc_offset_hours === null ? '—' : fmtOffset(g.utc_offset_hours)),
          h('dt', {}, tx('influence.targets')), h('dd', {}, g.targets.join(', ') || '—'))),
      h('section', { class: 'card', 'aria-labelledby': 'influence-why-title' }, h('h2', { id: 'influence-why-title' }, tx('influence.why')),
        h('ul', { class: 'reasons', 'data-testid': 'influence-reasons' }, ...reasonsOf(g).map((r) => h('li', {}, r))))),
    h('section', { class: 'card', 'aria-labelledby': 'influence-timeline-title' },
      h('h2', { id: 'influence-timeline-title' }, tx('influence.timeline')),
      h('p', { class: 'muted' }, tx('influence.timelineIntro', { n: fmtInt(evidence.length) })),
      timeline(g, evidence)),
    h('section', { class: 'card', 'aria-labelledby': 'influence-accounts-title' },
      h('h2', { id: 'influence-accounts-title' }, tx('influence.accountsTitle')),
      h('ul', { class: 'legend', 'data-testid': 'influence-accounts' }, ...g.accounts.map((a) => h('li', {}, h('code', {}, a))))),
    h('section', { 'aria-labelledby': 'influence-evidence-title' },
      h('h2', { id: 'influence-evidence-title' }, tx('influence.evidence')),
      h('p', { class: 'muted' }, tx('influence.evidenceIntro', { shown: fmtInt(Math.min(PAIRS_SHOWN, evidence.length)), total: fmtInt(evidence.length) })),
      ...evidence.slice(0, PAIRS_SHOWN).map(pair)));
}

function post(side: 'a' | 'b', e: Evidence): HTMLElement {
  const account = side === 'a' ? e.account_a : e.account_b;
  const ts = side === 'a' ? e.ts_a : e.ts_b;
  const platform = side === 'a' ? e.platform_a : e.platform_b;
  const channel = side === 'a' ? e.channel_a : e.channel_b;
  const where = side === 'a' ? `${e.file_a}:${e.line_a}` : `${e.file_b}:${e.line_b}`;
  return h('div', { class: 'note', 'data-testid': `influence-post-${side}` },
    h('p', { class: 'small' }, h('strong', {}, `@${account}`), ` · ${fmtDateTime(iso(ts))} · ${platform}${channel ? ` · ${channel}` : ''}`),
    // The post's own text, in its own script: no lang is guessed, the browser picks the fonts.
    h('p', { class: 'post-text', 'data-testid': 'influence-post-text', dir: 'auto' }, side === 'a' ? e.text_a : e.text_b),
    h('p', { class: 'small muted' }, h('code', {}, where)));
}

function pair(e: Evidence): HTMLElement {
  return h('article', { class: 'card', 'data-testid': 'influence-pair' },
    h('p', { class: 'small' }, h('strong', {}, signalName(e.signal)), ` · ${tx('influence.gap', { secs: fmtInt(Math.round(e.gap_secs)) })} · `, h('code', {}, e.item)),
    h('div', { class: 'two-col' }, post('a', e), post('b', e)));
}

/**
 * The co-actions over time: one lane per account (the most active first), a dot at each post
 * that carries coordination, coloured by signal, and a line joining the two posts of a pair.
 */
function timeline(g: Group, evidence: Evidence[]): SVGSVGElement | HTMLElement {
  if (evidence.length === 0) return h('p', { class: 'muted' }, tx('influence.noEvidence'));
  const activity = new Map<string, number>();
  for (const e of evidence) for (const a of [e.account_a, e.account_b]) activity.set(a, (activity.get(a) ?? 0) + 1);
  const lanes = [...activity.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 30).map(([a]) => a);
  const laneOf = new Map(lanes.map((a, i) => [a, i]));
  const t0 = Math.min(...evidence.map((e) => Math.min(e.ts_a, e.ts_b)));
  const t1 = Math.max(...evidence.map((e) => Math.max(e.ts_a, e.ts_b)), t0 + 60);
  const W = 960; const left = 150; const right = 16; const top = 10; const laneH = 16;
  const H = top + lanes.length * laneH + 40;
  const x = (ts: number): number => left + ((ts - t0) / (t1 - t0)) * (W - left - right);
  const y = (a: string): number => top + laneOf.get(a)! * laneH + laneH / 2;
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': tx('influence.timelineLabel', { pairs: fmtInt(evidence.length), accounts: fmtInt(g.accounts.length) }), class: 'chart', 'data-testid': 'influence-timeline' });
  lanes.forEach((a) => {
    svg.append(s('line', { x1: left, x2: W - right, y1: y(a), y2: y(a), class: 'grid' }));
    svg.append(s('text', { x: left - 6, y: y(a) + 4, class: 'tick', 'text-anchor': 'end' }, a.length > 22 ? `${a.slice(0, 21)}…` : a));
  });
  for (const e of evidence) {
    if (!laneOf.has(e.account_a) || !laneOf.has(e.account_b)) continue;
    const colour = SIGNAL_COLOURS[e.signal] ?? '#505b69';
    svg.append(s('line', { x1: x(e.ts_a).toFixed(1), x2: x(e.ts_b).toFixed(1), y1: y(e.account_a), y2: y(e.account_b), stroke: colour, 'stroke-opacity': 0.35, 'stroke-width': 1 }));
    for (const [a, ts] of [[e.account_a, e.ts_a], [e.account_b, e.ts_b]] as const) {
      svg.append(s('circle', { cx: x(ts).toFixed(1), cy: y(a), r: 3, fill: colour, class: 'co-action' },
        s('title', {}, `@${a} · ${signalName(e.signal)} · ${fmtDateTime(iso(ts))}`)));
    }
  }
  const ticks = 6;
  for (let i = 0; i <= ticks; i++) {
    const ts = t0 + ((t1 - t0) * i) / ticks;
    svg.append(s('text', { x: x(ts).toFixed(1), y: H - 18, class: 'tick', 'text-anchor': i === 0 ? 'start' : i === ticks ? 'end' : 'middle' },
      t1 - t0 > 3 * 86_400 ? fmtDay(iso(ts)) : fmtStamp(iso(ts))));
  }
  const used = SIGNALS.filter((k) => evidence.some((e) => e.signal === k));
  let lx = left;
  for (const k of used) {
    svg.append(s('circle', { cx: lx + 4, cy: H - 4, r: 4, fill: SIGNAL_COLOURS[k] }));
    svg.append(s('text', { x: lx + 12, y: H, class: 'tick' }, signalName(k)));
    lx += 24 + signalName(k).length * 7;
  }
  return svg;
}

export const influencePages: DashboardModule = {
  name: 'influence',
  messages: INFLUENCE_MESSAGES,
  nav: [{ id: 'influence', label: 'influence.nav', page: renderGroups }],
  route: (path) => (path[0] === 'influence' && path[1] ? renderGroup : undefined),
};
