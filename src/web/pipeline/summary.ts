import type { OriginShares, OriginsData, StageCounters } from '../../core/index.js';
import type { TopClient } from '../../store/index.js';
import type { Campaign } from '../campaigns/index.js';
import type { IngestStats } from '../ingest/ingest.js';
import type { SiteFinding } from '../distributed/index.js';
import type { SetAsideStats } from '../site/index.js';
import type { CountryFigures, OriginFigures } from '../origins/index.js';

/** The geolocation data a summary's origins come from, and the notice its licence requires. */
export interface GeoDataSummary extends OriginsData {
  clients_attributed: number;
  attribution_secs: number;
}

/** The `--json` summary of `vigie web analyze` (field names are a contract for scripts). */
export interface AnalyzeSummary {
  lines: number;
  parsed: number;
  malformed: number;
  skipped: number;
  malformed_samples: IngestStats['malformed_samples'];
  requests_flagged: number;
  clients: number;
  clients_flagged: number;
  findings_by_class: Record<string, number>;
  /** Client-scope (behaviour) findings of the run; their classes are in findings_by_class too. */
  client_findings: number;
  /**
   * Site-level findings: sustained excesses over the site's own baseline (credential stuffing,
   * distributed scan, distributed flood) over everything stored, each with its window, figures,
   * baseline and addresses; their addresses form campaigns (`site_finding` on the campaign).
   */
  site_findings: SiteFinding[];
  /** Request findings set aside because the site serves and links what they name (table findings_set_aside). */
  findings_set_aside: SetAsideStats;
  top_clients: TopClient[];
  /** Clients and requests of the run per origin verdict; null with `--no-geo`. */
  origins: OriginFigures['origins'] | null;
  /** The origin split as shares: `attacks` is the headline, `flagged_clients` the second basis; null with `--no-geo`. */
  origin_shares: OriginShares | null;
  by_country: CountryFigures[] | null;
  /** Campaigns over everything stored, busiest first. */
  campaigns: Campaign[];
  geo_data: GeoDataSummary | null;
  duration_secs: number;
  /** Seconds per step: ingest (parse, detect, store), behaviour, clients, origins, campaigns. */
  phase_secs: Record<string, number>;
  /** Peak resident memory of the process (MB) at the end of each step. */
  phase_peak_rss_mb: Record<string, number>;
  lines_per_sec: number;
  peak_rss_mb: number;
  files: IngestStats['files'];
  errors: string[];
  db: string;
  run_id: number;
  /** Earlier runs cut short after their lines were stored, whose post-ingest steps this run completed. */
  resumed_runs: number[];
  /** Per stage of the pipeline: what it received, emitted, dropped, failed on, and its seconds. */
  stages: Record<string, StageCounters>;
}
