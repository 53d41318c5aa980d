import { h } from '../dom.js';
import { fmtInt } from '../format.js';
import { t } from '../i18n/index.js';

/** The legend of a choropleth: a swatch and the range of counts per colour class. */
export function scaleLegend(bounds: number[]): HTMLElement {
  const items = [h('li', {}, h('span', { class: 'swatch scale-0', 'aria-hidden': 'true' }), t('map.zero'))];
  bounds.forEach((b, i) => {
    const lo = i === 0 ? 1 : bounds[i - 1]! + 1;
    items.push(h('li', {}, h('span', { class: `swatch scale-${i + 1}`, 'aria-hidden': 'true' }), lo === b ? fmtInt(b) : `${fmtInt(lo)}–${fmtInt(b)}`));
  });
  return h('div', { class: 'map-legend' }, h('span', { class: 'legend-title' }, t('map.legend')), h('ul', { class: 'legend' }, ...items));
}
