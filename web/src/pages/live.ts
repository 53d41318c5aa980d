import type { FindingRow, Overview } from '../api.js';
import { h, replace } from '../dom.js';
import { countryName, fmtInt, fmtStamp } from '../format.js';
import { t, tOr } from '../i18n/index.js';
import { href } from '../router.js';
import type { PageContext } from '../page.js';
import { verdictLabel } from './campaigns.js';
import { fragmentView } from '../fragment.js';

const MAX_ROWS = 200;

/** New findings as they are detected, pushed by the server (SSE on /api/stream). */
export async function renderLive(root: HTMLElement, _ctx: PageContext): Promise<() => void> {
  const status = h('p', { class: 'live-status', role: 'status', 'data-testid': 'live-status' }, t('live.connecting'));
  const count = h('p', { class: 'muted', 'aria-live': 'polite', 'data-testid': 'live-count' }, t('live.count', { n: fmtInt(0) }));
  const attacks = h('p', { 'data-testid': 'live-attacks' }, t('live.attacks', { n: '—' }));
  const body = h('tbody', {});
  const empty = h('p', { class: 'muted' }, t('live.empty'));
  root.append(
    h('h1', {}, t('live.title')), h('p', { class: 'muted' }, t('live.intro')),
    h('div', { class: 'card live-head' }, status, attacks, count),
    h('div', { class: 'card table-wrap' }, empty, h('table', { class: 'data' },
      h('caption', { class: 'visually-hidden' }, t('live.title')),
      h('thead', {}, h('tr', {}, ...[t('findings.time'), t('client.ip'), t('findings.class'), t('findings.rule'), t('client.country'), t('client.verdict'), t('findings.fragment')]
        .map((c) => h('th', { scope: 'col' }, c)))),
      body)));
  let seen = 0;
  const source = new EventSource('/api/stream');
  source.addEventListener('open', () => { status.textContent = t('live.connected'); });
  source.addEventListener('error', () => { status.textContent = t('live.lost'); });
  source.addEventListener('overview', (ev) => {
    try { attacks.textContent = t('live.attacks', { n: fmtInt((JSON.parse((ev as MessageEvent<string>).data) as Overview).attacks) }); } catch { /* ignore a malformed event */ }
  });
  source.addEventListener('finding', (ev) => {
    let r: FindingRow;
    try { r = JSON.parse((ev as MessageEvent<string>).data) as FindingRow; } catch { return; }
    seen++;
    empty.remove();
    body.prepend(h('tr', { class: 'fresh' },
      h('td', {}, h('a', { href: href('findings', r.id) }, fmtStamp(r.ts))), h('td', {}, h('code', {}, r.ip)),
      h('td', {}, tOr('class', r.class)), h('td', {}, h('code', {}, r.rule)), h('td', {}, countryName(r.country) || '—'),
      h('td', {}, verdictLabel(r.verdict)), h('td', {}, fragmentView(r.fragment, { inline: true }))));
    while (body.rows.length > MAX_ROWS) body.deleteRow(-1);
    replace(count, t('live.count', { n: fmtInt(seen) }));
  });
  return () => source.close();
}
