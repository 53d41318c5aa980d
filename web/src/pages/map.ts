import { api, query, type CountryRow, type ProvinceRow } from '../api.js';
import { h, table } from '../dom.js';
import { countryName, fmtInt } from '../format.js';
import { t, type MessageKey } from '../i18n/index.js';
import { canadaGrid, provinceCode } from '../map/canada-grid.js';
import { scaleLegend } from '../map/legend.js';
import { worldMap } from '../map/world-map.js';
import type { PageContext } from '../page.js';

/** The world map of attacks by country, and Canada by province for domestic origins. */
export async function renderMap(root: HTMLElement, ctx: PageContext): Promise<void> {
  const range = query({ from: ctx.params.get('from') ?? undefined, to: ctx.params.get('to') ?? undefined });
  const [{ countries }, { provinces }] = await Promise.all([
    api<{ countries: CountryRow[] }>(`/api/countries${range}`),
    api<{ provinces: ProvinceRow[] }>(`/api/provinces${range}`),
  ]);
  const byCountry = new Map(countries.map((c) => [c.country, c.attacks]));
  const world = h('div', { class: 'map-box' });
  try {
    const { svg, bounds } = await worldMap(byCountry);
    world.append(svg, scaleLegend(bounds));
  } catch {
    world.append(h('p', { class: 'warning' }, t('map.loadFailed')));
  }
  const sorted = [...countries].sort((a, b) => b.attacks - a.attacks);
  root.append(
    h('h1', {}, t('map.title')),
    h('p', { class: 'muted' }, t('map.intro')),
    h('section', { class: 'card', 'aria-labelledby': 'world-title' },
      h('h2', { id: 'world-title', class: 'visually-hidden' }, t('map.worldLabel')), world,
      h('details', { class: 'table-fallback' }, h('summary', {}, t('map.tableCaption')),
        table(t('map.tableCaption'), [t('map.country'), t('map.attacks'), t('map.clients')],
          sorted.map((c) => [`${countryName(c.country) || c.country || '—'}${c.country ? ` (${c.country})` : ''}`, fmtInt(c.attacks), fmtInt(c.clients)]),
          { numCols: [1, 2], captionHidden: true }))),
    canada(provinces));
}

function canada(provinces: ProvinceRow[]): HTMLElement {
  const counts = new Map<string, number>();
  let unplaced = 0;
  for (const p of provinces) {
    const code = provinceCode(p.region);
    if (code) counts.set(code, (counts.get(code) ?? 0) + p.attacks);
    else unplaced += p.attacks;
  }
  const { svg, bounds } = canadaGrid(counts);
  const rows = [...counts.entries()].sort((a, b) => b[1] - a[1])
    .map(([code, n]) => [t(`province.${code}` as MessageKey), fmtInt(n)]);
  return h('section', { class: 'card', 'aria-labelledby': 'canada-title' },
    h('h2', { id: 'canada-title' }, t('map.canadaTitle')),
    h('p', { class: 'muted' }, t('map.canadaIntro')),
    h('div', { class: 'canada-box' }, svg, scaleLegend(bounds)),
    unplaced > 0 ? h('p', { class: 'muted small' }, t('map.unplaced', { n: fmtInt(unplaced) })) : null,
    rows.length ? table(t('map.canadaTitle'), [t('map.provinceCol'), t('map.attacks')], rows, { numCols: [1], captionHidden: true }) : null);
}
