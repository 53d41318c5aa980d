import { ORIGIN_VERDICTS, type OriginVerdict } from '../core/index.js';
import type { Store } from '../store/index.js';
import { periodBounds, type Period } from './period.js';

/** Attacks and attackers for one origin verdict. */
export interface OriginFigures {
  flagged_clients: number;
  attacks: number;
}

export interface CountryFigures {
  country: string;
  attacks: number;
  flagged_clients: number;
  verdict: OriginVerdict;
}

export interface CampaignFigures {
  id: string;
  clients: number;
  requests: number;
  first_seen: string | null;
  last_seen: string | null;
  classes: string[];
  countries: Record<string, number>;
  networks: Record<string, number>;
  verdict: string;
  obscured_share: number;
  utc_offset_hours: number | null;
  confidence: number;
  reasons: string[];
}

/** What the attribution data is and how old: given by the entry point, which reads `geo`. */
export interface GeoDataInfo {
  /** Data set → date of the data (`YYYY-MM-DD`). */
  dates: Record<string, string>;
  age_days: number;
  stale: boolean;
}

/** Everything a committee report says about one period, computed from the store. */
export interface ReportData {
  period: Period;
  generated_at: string;
  totals: { requests: number; clients: number; attacks: number; flagged_clients: number };
  origins: Record<OriginVerdict, OriginFigures>;
  by_class: Array<{ class: string; findings: number; clients: number }>;
  by_country: CountryFigures[];
  campaigns: CampaignFigures[];
  top_targets: Array<{ path: string; attacks: number; clients: number }>;
  sources: Array<{ path: string; lines: number }>;
  geo_data: GeoDataInfo | null;
}

const num = (v: unknown): number => (v === null || v === undefined ? 0 : Number(v));

/**
 * Read the figures of a period from the store. Definitions match `vigie web analyze`: an attack
 * is a flagged request; a flagged client is an address with at least one finding.
 */
export async function loadReportData(store: Store, period: Period, geoData: GeoDataInfo | null, limits = { countries: 15, targets: 10 }): Promise<ReportData> {
  const p = periodBounds(period);
  const inPeriod = `ts >= $start::TIMESTAMP AND ts < $end::TIMESTAMP`;
  const [totals] = await store.query(
    `SELECT count(*) AS requests, count(DISTINCT ip) AS clients, count(*) FILTER (WHERE flagged) AS attacks,
            (SELECT count(DISTINCT ip) FROM findings WHERE ${inPeriod}) AS flagged_clients
       FROM events WHERE ${inPeriod}`, p);
  const originRows = await store.query(
    `WITH f AS (SELECT ip, count(*) AS n FROM findings WHERE ${inPeriod} GROUP BY ip),
          a AS (SELECT ip, count(*) AS n FROM events WHERE flagged AND ${inPeriod} GROUP BY ip)
     SELECT coalesce(o.verdict, 'unknown') AS verdict, count(*) AS flagged_clients, sum(coalesce(a.n, 0)) AS attacks
       FROM f LEFT JOIN a USING (ip) LEFT JOIN client_origins o USING (ip)
      GROUP BY 1`, p);
  const origins = Object.fromEntries(ORIGIN_VERDICTS.map((v) => [v, { flagged_clients: 0, attacks: 0 }])) as Record<OriginVerdict, OriginFigures>;
  for (const r of originRows) {
    const v = (ORIGIN_VERDICTS as readonly string[]).includes(String(r.verdict)) ? (r.verdict as OriginVerdict) : 'unknown';
    origins[v].flagged_clients += num(r.flagged_clients);
    origins[v].attacks += num(r.attacks);
  }
  const byClass = await store.query(
    `SELECT class, count(*) AS findings, count(DISTINCT ip) AS clients FROM findings WHERE ${inPeriod} GROUP BY class ORDER BY findings DESC, class`, p);
  const byCountry = await store.query(
    `WITH f AS (SELECT DISTINCT ip FROM findings WHERE ${inPeriod}),
          a AS (SELECT ip, count(*) AS n FROM events WHERE flagged AND ${inPeriod} GROUP BY ip)
     SELECT coalesce(o.country, '??') AS country, mode(coalesce(o.verdict, 'unknown')) AS verdict,
            sum(coalesce(a.n, 0)) AS attacks, count(*) AS flagged_clients
       FROM f LEFT JOIN a USING (ip) LEFT JOIN client_origins o USING (ip)
      GROUP BY 1 ORDER BY attacks DESC, flagged_clients DESC, country LIMIT $limit`, { ...p, limit: limits.countries });
  const targets = await store.query(
    `SELECT path, count(*) AS attacks, count(DISTINCT ip) AS clients FROM requests
      WHERE flagged AND ${inPeriod} GROUP BY path ORDER BY attacks DESC, path LIMIT $limit`, { ...p, limit: limits.targets });
  const sources = await store.query(
    `SELECT s.path, count(*) AS lines FROM events e JOIN sources s USING (source_id)
      WHERE e.ts >= $start::TIMESTAMP AND e.ts < $end::TIMESTAMP GROUP BY s.path ORDER BY s.path`, p);
  return {
    period,
    generated_at: new Date().toISOString(),
    totals: { requests: num(totals?.requests), clients: num(totals?.clients), attacks: num(totals?.attacks), flagged_clients: num(totals?.flagged_clients) },
    origins,
    by_class: byClass.map((r) => ({ class: String(r.class), findings: num(r.findings), clients: num(r.clients) })),
    by_country: byCountry.map((r) => ({ country: String(r.country), verdict: String(r.verdict) as OriginVerdict, attacks: num(r.attacks), flagged_clients: num(r.flagged_clients) })),
    campaigns: await loadCampaigns(store, p),
    top_targets: targets.map((r) => ({ path: String(r.path ?? ''), attacks: num(r.attacks), clients: num(r.clients) })),
    sources: sources.map((r) => ({ path: String(r.path), lines: num(r.lines) })),
    geo_data: geoData,
  };
}

/** Campaigns active during the period, the largest first. */
export async function loadCampaigns(store: Store, p: { start: string; end: string }): Promise<CampaignFigures[]> {
  const rows = await store.query(
    `SELECT * FROM campaigns WHERE last_seen >= $start::TIMESTAMP AND first_seen < $end::TIMESTAMP ORDER BY requests DESC, campaign_id`, p);
  return rows.map((r) => ({
    id: String(r.campaign_id),
    clients: num(r.clients),
    requests: num(r.requests),
    first_seen: r.first_seen === null ? null : String(r.first_seen),
    last_seen: r.last_seen === null ? null : String(r.last_seen),
    classes: (r.classes as string[] | null) ?? [],
    countries: jsonObject(r.countries),
    networks: jsonObject(r.networks),
    verdict: String(r.verdict),
    obscured_share: num(r.obscured_share),
    utc_offset_hours: r.utc_offset_hours === null || r.utc_offset_hours === undefined ? null : Number(r.utc_offset_hours),
    confidence: num(r.confidence),
    reasons: (r.reasons as string[] | null) ?? [],
  }));
}

function jsonObject(v: unknown): Record<string, number> {
  const parsed = typeof v === 'string' ? (JSON.parse(v) as unknown) : v;
  if (parsed === null || typeof parsed !== 'object' || Array.isArray(parsed)) return {};
  return Object.fromEntries(Object.entries(parsed as Record<string, unknown>).map(([k, n]) => [k, Number(n)]));
}
