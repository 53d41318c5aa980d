import type { Reason } from '../../core/module/index.js';

/** What a site-level excess is: stuffing sign-ins, probing sensitive paths, or flooding an endpoint. */
export type SiteFindingClass = 'credential_stuffing' | 'distributed_scan' | 'distributed_flood';

/**
 * A sustained excess over the site's own baseline, found over every stored request (no
 * single address has to stand out). Field names are the `site_findings` entries of
 * `vigie web analyze --json` (a contract for scripts).
 */
export interface SiteFinding {
  /** `S-` and 8 hex digits over class, endpoint and window start: stable across analyses of the same data. */
  id: string;
  class: SiteFindingClass;
  /** The endpoint (digits runs as `{n}`), or `sensitive paths` for a distributed scan. */
  endpoint: string;
  /** UTC window of the excess (start included, end excluded). */
  window_start: string;
  window_end: string;
  severity: number;
  /** What was observed in the window (counts, per-period means, shares). */
  figures: Record<string, number>;
  /** The baseline it left, learned from the site's history, and how. */
  baseline: Record<string, number | string>;
  /** Addresses that make up the excess (they form its campaign), and up to 20 of them. */
  clients: number;
  sample_ips: string[];
  /** The reason as data, and rendered in English and French. */
  reason_code: Reason;
  reason: string;
  reason_fr: string;
}

/** A finding before its addresses are attached. */
export type SiteExcess = Omit<SiteFinding, 'clients' | 'sample_ips' | 'reason' | 'reason_fr' | 'id'>;
