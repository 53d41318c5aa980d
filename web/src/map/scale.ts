/** Number of colour classes of the choropleth maps (CSS classes `scale-0` … `scale-5`). */
export const CLASSES = 5;

/**
 * Upper bounds of the colour classes for counts up to `max`, spaced evenly on a log scale:
 * attack counts per country span several orders of magnitude, a linear scale would paint
 * every country but the top one the same pale colour.
 */
export function breaks(max: number): number[] {
  if (max <= 0) return [];
  const out: number[] = [];
  for (let i = 1; i <= CLASSES; i++) {
    const b = i === CLASSES ? max : Math.max(1, Math.round(max ** (i / CLASSES)));
    if (out.length === 0 || b > out[out.length - 1]!) out.push(b);
  }
  return out;
}

/** The class (1-based; 0 for no attacks) of a count under `breaks`. */
export function classOf(n: number, bounds: number[]): number {
  if (n <= 0) return 0;
  const i = bounds.findIndex((b) => n <= b);
  return i < 0 ? bounds.length : i + 1;
}
