import { ORIGIN_VERDICTS, type OriginVerdict } from './attribution.js';

/**
 * The origin split as shares, on two bases. `attacks` (flagged requests) is the headline every
 * surface leads with (terminal, dashboard, report, JSON); `flagged_clients` (addresses with a
 * finding) is the second basis, always shown under its own label. Each share is a fraction of
 * its basis' total, rounded to 0.001 (0.1%), so every surface prints the same figure.
 */
export interface OriginShares {
  /** The basis the headline uses. */
  headline: 'attacks';
  /** Share of the attacks (flagged requests) per verdict. */
  attacks: Record<OriginVerdict, number>;
  /** Share of the attacking addresses (flagged clients) per verdict. */
  flagged_clients: Record<OriginVerdict, number>;
}

/** The counts a split is computed from, per verdict. */
export type OriginCounts = Record<OriginVerdict, { attacks: number; flagged_clients: number }>;

/**
 * Shares of each verdict on both bases.
 *
 * @example
 * originShares({ foreign: { attacks: 3, flagged_clients: 2 }, domestic: { attacks: 1, flagged_clients: 1 },
 *   obscured: { attacks: 0, flagged_clients: 0 }, unknown: { attacks: 0, flagged_clients: 1 } })
 * // { headline: 'attacks', attacks: { foreign: 0.75, domestic: 0.25, ... }, flagged_clients: { foreign: 0.5, ... } }
 */
export function originShares(counts: OriginCounts): OriginShares {
  const split = (key: 'attacks' | 'flagged_clients'): Record<OriginVerdict, number> => {
    const total = ORIGIN_VERDICTS.reduce((sum, v) => sum + (counts[v]?.[key] ?? 0), 0);
    return Object.fromEntries(ORIGIN_VERDICTS.map((v) => [v, total > 0 ? Math.round(((counts[v]?.[key] ?? 0) / total) * 1000) / 1000 : 0])) as Record<OriginVerdict, number>;
  };
  return { headline: 'attacks', attacks: split('attacks'), flagged_clients: split('flagged_clients') };
}

/**
 * A share as the percentage every text surface prints: one decimal, e.g. `44.3%`.
 *
 * @example
 * sharePercent(0.443) // '44.3%'
 */
export function sharePercent(share: number): string {
  return `${(share * 100).toFixed(1)}%`;
}
