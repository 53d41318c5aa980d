import { h } from '../dom.js';

/** A legend: one swatch (CSS class `swatch series-<key>`) and label per series. */
export function legend(items: Array<[key: string, label: string]>): HTMLUListElement {
  return h('ul', { class: 'legend' }, ...items.map(([key, label]) =>
    h('li', {}, h('span', { class: `swatch series-${key}`, 'aria-hidden': 'true' }), label)));
}
