/**
 * The arithmetic of a site-level excess: a baseline learned from the site's own history (a
 * quantile over its days or hours, so an attack that covers part of the history does not
 * become the norm) and the runs of periods above it that last long enough to be sustained.
 */

/**
 * The q-quantile (0–1) of the values, linear between ranks; 0 for no values.
 *
 * @example
 * quantile([1, 2, 3, 4], 0.25) // 1.75
 */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  const at = (sorted.length - 1) * Math.min(1, Math.max(0, q));
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}

/** A run of periods (indices into a series, both ends included). */
export interface PeriodRun {
  from: number;
  to: number;
  /** Periods of the run that were above the baseline (gaps bridged are not counted). */
  above: number;
}

/**
 * Runs of periods above the baseline: gaps of at most `maxGap` quiet periods are bridged (a
 * botnet resting one evening is the same attack), and a run counts only with at least
 * `minAbove` periods above (one odd day or hour is not sustained).
 *
 * @example
 * sustainedRuns([false, true, true, false, true, false, false, false], 3, 1) // [{ from: 1, to: 4, above: 3 }]
 */
export function sustainedRuns(above: readonly boolean[], minAbove: number, maxGap: number): PeriodRun[] {
  const runs: PeriodRun[] = [];
  let current: PeriodRun | undefined;
  above.forEach((on, i) => {
    if (!on) return;
    if (current && i - current.to - 1 <= maxGap) {
      current.to = i;
      current.above++;
    } else {
      if (current) runs.push(current);
      current = { from: i, to: i, above: 1 };
    }
  });
  if (current) runs.push(current);
  return runs.filter((r) => r.above >= minAbove);
}

/** Sum of a numeric field over the periods of a run. */
export function sumOver<T>(series: readonly T[], run: PeriodRun, value: (x: T) => number): number {
  let total = 0;
  for (let i = run.from; i <= run.to; i++) total += value(series[i]!);
  return total;
}

/** Rounds to `digits` decimals (figures shown to people and stored as JSON). */
export function round(x: number, digits = 2): number {
  const f = 10 ** digits;
  return Math.round(x * f) / f;
}
