import type { EvalRow } from './types.js';

/** A percentage with two decimals; 0 when nothing was counted. */
export function pct(hits: number, total: number): number {
  return total === 0 ? 0 : Math.round((10_000 * hits) / total) / 100;
}

/**
 * An {@link EvalRow} for a detection rate: met when at least `goalPct` percent hit.
 *
 * @example
 * detectionRow('payload-lists', 'detected: lfi', 4796, 4700, 97, 'CRS 3.3 PL2: 85.6% overall')
 */
export function detectionRow(dataset: string, metric: string, total: number, hits: number, goalPct: number | undefined, peer?: string, detail?: string): EvalRow {
  const value = pct(hits, total);
  const row: EvalRow = {
    dataset, metric, total, hits, value_pct: value,
    goal: goalPct === undefined ? 'report' : `>= ${goalPct}%`,
    met: goalPct === undefined ? true : value >= goalPct,
  };
  if (peer !== undefined) row.peer = peer;
  if (detail !== undefined) row.detail = detail;
  return row;
}

/** An {@link EvalRow} for a false-positive rate: met when at most `goalPct` percent hit. */
export function falsePositiveRow(dataset: string, metric: string, total: number, hits: number, goalPct: number | undefined, peer?: string, detail?: string): EvalRow {
  const value = pct(hits, total);
  const row: EvalRow = {
    dataset, metric, total, hits, value_pct: value,
    goal: goalPct === undefined ? 'report' : `<= ${goalPct}%`,
    met: goalPct === undefined ? true : value <= goalPct,
  };
  if (peer !== undefined) row.peer = peer;
  if (detail !== undefined) row.detail = detail;
  return row;
}

/** The `n` most frequent keys of a count map, as `key ×n` words for a row's detail. */
export function topCounts(counts: ReadonlyMap<string, number>, n: number): string {
  return [...counts].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `${k} ×${v}`).join(', ');
}
