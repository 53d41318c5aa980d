import type { GeoDataInfo, OriginShares, OriginVerdict } from '../core/index.js';
import { periodBounds, type Period } from './period.js';
import {
  campaigns, countriesByVerdict, findingsPerClass, linesPerSource, mostAttackedPaths, overview, VERDICTS, type CampaignSummary, type Queryable,
} from './queries/index.js';

/** Attacks and attackers for one origin verdict. */
export interface OriginFigures {
  flagged_clients: number;
  attacks: number;
}

/**
 * One country's attacks with one origin verdict. Since issue 17 a country has one row per
 * verdict (Canada can have a domestic row and an obscured row): before, it had one row with the
 * verdict behind most of its attacks, which hid the domestic addresses page 1 counts.
 */
export interface CountryFigures {
  /** ISO 3166-1 alpha-2 of the addresses, `??` when unknown. */
  country: string;
  /** The origin verdict of this row's addresses (an obscured address still has a country). */
  verdict: OriginVerdict;
  /** With country `??`: true for the row of private addresses (local network, NAT, loopback). */
  private: boolean;
  attacks: number;
  flagged_clients: number;
}

/** A campaign as reports and exports show it (the dashboard's list entry). */
export type CampaignFigures = CampaignSummary;

/** What the attribution data is and how old: given by the entry point, which reads `geo`. */

/** Everything a committee report says about one period, computed from the store. */
export interface ReportData {
  period: Period;
  generated_at: string;
  totals: { requests: number; clients: number; attacks: number; flagged_clients: number };
  origins: Record<OriginVerdict, OriginFigures>;
  /** The origin split as shares: `attacks` is the headline, `flagged_clients` the second basis (as the dashboard and `web analyze --json`). */
  origin_shares: OriginShares;
  by_class: Array<{ class: string; findings: number; clients: number }>;
  /** Rows of (country, verdict), most attacks first. */
  by_country: CountryFigures[];
  campaigns: CampaignFigures[];
  top_targets: Array<{ path: string; attacks: number; clients: number }>;
  sources: Array<{ path: string; lines: number }>;
  geo_data: GeoDataInfo | null;
}

/** A period as the read model's time range (ISO, UTC, end exclusive). */
function timeRange(period: Period): { from: string; to: string } {
  const p = periodBounds(period);
  return { from: `${p.start.replace(' ', 'T')}Z`, to: `${p.end.replace(' ', 'T')}Z` };
}

/**
 * Read the figures of a period. Totals, origins, countries and campaigns come from the read
 * model the dashboard uses (`queries/`), so a report and the dashboard never disagree.
 */
export async function loadReportData(db: Queryable, period: Period, geoData: GeoDataInfo | null, limits = { countries: 15, targets: 10 }): Promise<ReportData> {
  const range = timeRange(period);
  const p = periodBounds(period);
  const o = await overview(db, range);
  const byClass = await findingsPerClass(db, p);
  const targets = await mostAttackedPaths(db, p, limits.targets);
  const sources = await linesPerSource(db, p);
  return {
    period,
    generated_at: new Date().toISOString(),
    totals: { requests: o.requests, clients: o.clients, attacks: o.attacks, flagged_clients: o.flagged_clients },
    origins: Object.fromEntries(VERDICTS.map((v) => [v, { flagged_clients: o.origins[v].flagged_clients, attacks: o.origins[v].flagged_requests }])) as Record<OriginVerdict, OriginFigures>,
    origin_shares: o.origin_shares,
    by_class: byClass,
    by_country: (await countriesByVerdict(db, range)).slice(0, limits.countries).map((c) => ({
      country: c.country ?? '??',
      verdict: c.verdict,
      private: c.private,
      attacks: c.attacks,
      flagged_clients: c.clients,
    })),
    campaigns: await loadCampaigns(db, p),
    top_targets: targets,
    sources,
    geo_data: geoData,
  };
}

/** Campaigns active during the period (`periodBounds`), the largest first. */
export async function loadCampaigns(db: Queryable, p: { start: string; end: string }): Promise<CampaignFigures[]> {
  const start = Date.parse(`${p.start.replace(' ', 'T')}Z`);
  const end = Date.parse(`${p.end.replace(' ', 'T')}Z`);
  return (await campaigns(db)).filter((c) => (c.last_seen === null || Date.parse(c.last_seen) >= start) && (c.first_seen === null || Date.parse(c.first_seen) < end));
}
