import { api, countsOf, type Campaign } from '../api.js';
import { h, table } from '../dom.js';
import { countryName, fmtInt, fmtPct, fmtStamp } from '../format.js';
import { t, tOr } from '../i18n/index.js';
import { href } from '../router.js';
import type { PageContext } from '../page.js';

/** A verdict with its colour swatch. */
export function verdictLabel(v: string | null | undefined): HTMLElement {
  const key = v ?? 'unknown';
  return h('span', { class: 'verdict' }, h('span', { class: `swatch series-${key}`, 'aria-hidden': 'true' }), tOr('verdict', key));
}

/** Countries of a campaign as "Name (n), Name (n)". */
export function countryList(value: Campaign['countries']): string {
  return countsOf(value).map(([c, n]) => `${countryName(c) || c}${n === null ? '' : ` (${fmtInt(n)})`}`).join(', ');
}

/** The campaigns list: one row per group of clients acting together. */
export async function renderCampaigns(root: HTMLElement, _ctx: PageContext): Promise<void> {
  const { campaigns } = await api<{ campaigns: Campaign[] }>('/api/campaigns');
  root.append(h('h1', {}, t('campaigns.title')), h('p', { class: 'muted' }, t('campaigns.intro')));
  if (campaigns.length === 0) { root.append(h('p', { class: 'card' }, t('campaigns.empty'))); return; }
  const rows = campaigns.map((c) => [
    h('a', { href: href('campaigns', c.id), 'data-testid': 'campaign-link' }, c.id),
    fmtInt(c.clients), fmtInt(c.requests), fmtStamp(c.first_seen), fmtStamp(c.last_seen),
    c.classes.map((k) => tOr('class', k)).join(', '), countryList(c.countries), verdictLabel(c.verdict), fmtPct(c.confidence),
  ]);
  root.append(h('div', { class: 'card table-wrap' }, table(t('campaigns.title'), [
    t('campaigns.id'), t('campaigns.clients'), t('campaigns.requests'), t('campaigns.firstSeen'), t('campaigns.lastSeen'),
    t('campaigns.classes'), t('campaigns.countries'), t('campaigns.verdict'), t('campaigns.confidence'),
  ], rows, { numCols: [1, 2, 8], nowrapCols: [0, 3, 4], captionHidden: true })));
}
