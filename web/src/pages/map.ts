import { api, query, type CountryRow, type ProvinceRow } from '../api.js';
import { h, table } from '../dom.js';
import { countryName, fmtInt } from '../format.js';
import { t, type MessageKey } from '../i18n/index.js';
import { canadaGrid, provinceCode } from '../map/canada-grid.js';
import { scaleLegend } from '../map/legend.js';
import { worldMap } from '../map/world-map.js';
import type { PageContext } from '../page.js';

/**
 * What the world map colours: foreign and domestic attacks only (the default: an address's
 * country is the sender's), obscured attacks apart (the country is where the Tor exit, VPN or
 * server runs), or every attack by address country.
 */
const MAP_VIEWS = ['located', 'obscured', 'all'] as const;
type MapView = (typeof MAP_VIEWS)[number];

const attacksIn = (c: CountryRow, view: MapView): number =>
  view === 'located' ? (c.verdicts?.foreign ?? 0) + (c.verdicts?.domestic ?? 0) : view === 'obscured' ? (c.verdicts?.obscured ?? 0) : c.attacks;

/** The world map of attacks by country, split by verdict, and Canada by province for domestic origins. */
export async function renderMap(root: HTMLElement, ctx: PageContext): Promise<void> {
  const range = query({ from: ctx.params.get('from') ?? undefined, to: ctx.params.get('to') ?? undefined });
  const [{ countries }, { provinces }] = await Promise.all([
    api<{ countries: CountryRow[] }>(`/api/countries${range}`),
    api<{ provinces: ProvinceRow[] }>(`/api/provinces${range}`),
  ]);
  const world = h('div', { class: 'map-box', 'data-testid': 'world-map' });
  const note = h('p', { class: 'muted small', 'data-testid': 'map-view-note' });
  const draw = async (view: MapView): Promise<void> => {
    world.replaceChildren();
    note.textContent = t(`map.view.${view}.note`);
    world.dataset.view = view;
    try {
      const { svg, bounds } = await worldMap(new Map(countries.map((c) => [c.country, attacksIn(c, view)])));
      world.append(svg, scaleLegend(bounds));
    } catch {
      world.append(h('p', { class: 'warning' }, t('map.loadFailed')));
    }
  };
  const switcher = h('div', { class: 'segmented', role: 'group', 'aria-label': t('map.view.label'), 'data-testid': 'map-view' });
  for (const view of MAP_VIEWS) {
    const btn = h('button', { type: 'button', 'aria-pressed': String(view === 'located'), 'data-view': view }, t(`map.view.${view}`));
    btn.addEventListener('click', () => {
      for (const other of switcher.querySelectorAll('button')) other.setAttribute('aria-pressed', String(other === btn));
      void draw(view);
    });
    switcher.append(btn);
  }
  await draw('located');
  const sorted = [...countries].sort((a, b) => b.attacks - a.attacks);
  const cell = (c: CountryRow, v: 'foreign' | 'domestic' | 'obscured' | 'unknown'): string => fmtInt(c.verdicts?.[v] ?? 0);
  root.append(
    h('h1', {}, t('map.title')),
    h('p', { class: 'muted' }, t('map.intro')),
    h('section', { class: 'card', 'aria-labelledby': 'world-title' },
      h('div', { class: 'card-head' }, h('h2', { id: 'world-title', class: 'visually-hidden' }, t('map.worldLabel')), switcher),
      note, world,
      h('details', { class: 'table-fallback' }, h('summary', {}, t('map.tableCaption')),
        table(t('map.tableCaption'), [t('map.country'), t('verdict.foreign'), t('verdict.domestic'), t('verdict.obscured'), t('verdict.unknown'), t('map.attacks'), t('map.clients')],
          sorted.map((c) => [`${countryName(c.country) || c.country || '—'}${c.country ? ` (${c.country})` : ''}`,
            cell(c, 'foreign'), cell(c, 'domestic'), cell(c, 'obscured'), cell(c, 'unknown'), fmtInt(c.attacks), fmtInt(c.clients)]),
          { numCols: [1, 2, 3, 4, 5, 6], captionHidden: true }))),
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
