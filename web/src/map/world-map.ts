import { geoEqualEarth, geoPath } from 'd3-geo';
import { feature } from 'topojson-client';
import type { Feature, FeatureCollection, Geometry } from 'geojson';
import type { GeometryCollection, Topology } from 'topojson-specification';
import { s } from '../dom.js';
import { countryName, fmtInt } from '../format.js';
import { t } from '../i18n/index.js';
import { ALPHA2_OF_SHAPE } from './iso-numeric.js';
import { breaks, classOf } from './scale.js';

type Countries = FeatureCollection<Geometry, { name: string }>;
let shapes: Promise<Countries> | null = null;

/** The world's country shapes, loaded once from the bundled world-atlas file (no tile server). */
function loadShapes(): Promise<Countries> {
  shapes ??= fetch('data/countries-110m.json').then(async (res) => {
    if (!res.ok) throw new Error(`countries-110m.json: HTTP ${res.status}`);
    const topo = await res.json() as Topology<{ countries: GeometryCollection<{ name: string }> }>;
    return feature(topo, topo.objects.countries) as Countries;
  });
  return shapes;
}

const W = 960;
const H = 470;

/** A world map of attack counts by country (alpha-2 → count), coloured on a log scale. */
export async function worldMap(counts: Map<string, number>): Promise<{ svg: SVGSVGElement; bounds: number[] }> {
  const world = await loadShapes();
  // Antarctica takes a sixth of the map and never matters here.
  const shown: Countries = { type: 'FeatureCollection', features: world.features.filter((f) => f.properties.name !== 'Antarctica') };
  const projection = geoEqualEarth().fitExtent([[4, 4], [W - 4, H - 4]], shown);
  const path = geoPath(projection);
  const bounds = breaks(Math.max(0, ...counts.values()));
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': t('map.worldLabel'), class: 'map world' });
  for (const f of shown.features as Array<Feature<Geometry, { name: string }>>) {
    const code = ALPHA2_OF_SHAPE.get(String(f.id ?? f.properties.name)) ?? '';
    const n = counts.get(code) ?? 0;
    const el = s('path', { d: path(f) ?? '', class: `country scale-${classOf(n, bounds)}`, 'data-country': code || undefined });
    el.append(s('title', {}, `${countryName(code) || f.properties.name}: ${fmtInt(n)}`));
    svg.append(el);
  }
  return { svg, bounds };
}
