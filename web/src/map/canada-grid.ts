import { s } from '../dom.js';
import { fmtInt } from '../format.js';
import { t, type MessageKey } from '../i18n/index.js';
import { breaks, classOf } from './scale.js';

/**
 * Tile positions (column, row) of the 13 provinces and territories, roughly west to east and
 * north to south. No installed package has province boundaries, so this is an honest tile map,
 * not a geographic one.
 */
export const TILES: ReadonlyArray<readonly [code: string, col: number, row: number]> = [
  ['YT', 0, 0], ['NT', 1, 0], ['NU', 2, 0], ['NL', 6, 0],
  ['BC', 0, 1], ['AB', 1, 1], ['SK', 2, 1], ['MB', 3, 1], ['ON', 4, 1], ['QC', 5, 1], ['NB', 6, 1], ['PE', 7, 1],
  ['NS', 7, 2],
];

// Names as the geolocation data writes them (English), plus French names and postal codes.
const NAMES: Record<string, string> = {
  alberta: 'AB', britishcolumbia: 'BC', colombiebritannique: 'BC', manitoba: 'MB', newbrunswick: 'NB',
  nouveaubrunswick: 'NB', newfoundlandandlabrador: 'NL', newfoundland: 'NL', terreneuveetlabrador: 'NL',
  novascotia: 'NS', nouvelleecosse: 'NS', northwestterritories: 'NT', territoiresdunordouest: 'NT',
  nunavut: 'NU', ontario: 'ON', princeedwardisland: 'PE', ileduprinceedouard: 'PE', quebec: 'QC',
  saskatchewan: 'SK', yukon: 'YT', yukonterritory: 'YT',
};

/** The two-letter code of a province or territory from its name or code; null if not one. */
export function provinceCode(region: string | null | undefined): string | null {
  if (!region) return null;
  const up = region.trim().toUpperCase();
  if (TILES.some(([c]) => c === up)) return up;
  const key = region.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z]/g, '');
  return NAMES[key] ?? null;
}

const SIZE = 84;
const GAP = 6;

/** The tile map: one square per province or territory, coloured by attack count. */
export function canadaGrid(counts: Map<string, number>): { svg: SVGSVGElement; bounds: number[] } {
  const bounds = breaks(Math.max(0, ...counts.values()));
  const cols = 8;
  const rows = 3;
  const svg = s('svg', { viewBox: `0 0 ${cols * (SIZE + GAP)} ${rows * (SIZE + GAP)}`, role: 'img', 'aria-label': t('map.canadaLabel'), class: 'map canada' });
  for (const [code, col, row] of TILES) {
    const n = counts.get(code) ?? 0;
    const cls = classOf(n, bounds);
    const x = col * (SIZE + GAP);
    const y = row * (SIZE + GAP);
    const g = s('g', { 'data-province': code });
    g.append(s('title', {}, `${t(`province.${code}` as MessageKey)}: ${fmtInt(n)}`));
    g.append(s('rect', { x, y, width: SIZE, height: SIZE, rx: 6, class: `tile scale-${cls}` }));
    g.append(s('text', { x: x + SIZE / 2, y: y + SIZE / 2 - 4, 'text-anchor': 'middle', class: `tile-code ${cls >= 3 ? 'on-dark' : ''}` }, code));
    g.append(s('text', { x: x + SIZE / 2, y: y + SIZE / 2 + 18, 'text-anchor': 'middle', class: `tile-count ${cls >= 3 ? 'on-dark' : ''}` }, fmtInt(n)));
    svg.append(g);
  }
  return { svg, bounds };
}
