import { s } from '../dom.js';

/** One bar: its label and the value of each series (stacked bottom to top in series order). */
export interface Bar {
  label: string;
  /** Text under the bar on the axis ('' for none); when absent, every few bars get their label. */
  axis?: string;
  values: Record<string, number>;
}

const W = 760;
const H = 240;
const PAD = { top: 12, right: 12, bottom: 34, left: 52 };

/** A rounded-up axis maximum with 4 even steps (1, 2, 2.5, 5 × 10^k). */
export function niceMax(max: number): number {
  if (max <= 4) return 4;
  const step = max / 4;
  const mag = 10 ** Math.floor(Math.log10(step));
  const nice = [1, 2, 2.5, 5, 10].find((m) => m * mag >= step) ?? 10;
  return nice * mag * 4;
}

/**
 * A stacked bar chart drawn as SVG, with an accessible name. Colours come from CSS classes
 * `series-<name>` (no inline style: strict CSP). `tick` formats axis numbers.
 */
export function stackedBars(bars: Bar[], series: readonly string[], opts: { label: string; tick: (n: number) => string; labelEvery?: number }): SVGSVGElement {
  const svg = s('svg', { viewBox: `0 0 ${W} ${H}`, role: 'img', 'aria-label': opts.label, class: 'chart' });
  const max = niceMax(Math.max(0, ...bars.map((b) => series.reduce((sum, k) => sum + (b.values[k] ?? 0), 0))));
  const iw = W - PAD.left - PAD.right;
  const ih = H - PAD.top - PAD.bottom;
  for (let i = 0; i <= 4; i++) {
    const y = PAD.top + ih - (ih * i) / 4;
    svg.append(s('line', { x1: PAD.left, x2: W - PAD.right, y1: y, y2: y, class: 'grid' }));
    svg.append(s('text', { x: PAD.left - 6, y: y + 4, class: 'tick', 'text-anchor': 'end' }, opts.tick((max * i) / 4)));
  }
  const slot = bars.length > 0 ? iw / bars.length : iw;
  const bw = Math.max(1, slot * 0.72);
  const every = opts.labelEvery ?? Math.max(1, Math.ceil(bars.length / 8));
  bars.forEach((b, i) => {
    const x = PAD.left + i * slot + (slot - bw) / 2;
    let y = PAD.top + ih;
    const g = s('g', {});
    const total = series.reduce((sum, k) => sum + (b.values[k] ?? 0), 0);
    g.append(s('title', {}, `${b.label}: ${opts.tick(total)}`));
    for (const k of series) {
      const v = b.values[k] ?? 0;
      if (v <= 0) continue;
      const hgt = (ih * v) / max;
      y -= hgt;
      g.append(s('rect', { x: x.toFixed(1), y: y.toFixed(1), width: bw.toFixed(1), height: Math.max(0.5, hgt).toFixed(1), class: `series-${k}` }));
    }
    svg.append(g);
    const axis = b.axis ?? (i % every === 0 ? b.label : '');
    if (axis) {
      svg.append(s('text', { x: (x + bw / 2).toFixed(1), y: H - PAD.bottom + 16, class: 'tick', 'text-anchor': 'middle' }, axis));
    }
  });
  svg.append(s('line', { x1: PAD.left, x2: W - PAD.right, y1: PAD.top + ih, y2: PAD.top + ih, class: 'axis' }));
  return svg;
}
