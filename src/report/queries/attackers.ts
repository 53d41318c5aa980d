import type { Queryable } from './range.js';

/** One attacking address over a period, with its attribution: what exports are made of. */
export interface Attacker {
  ip: string;
  first_seen: string;
  last_seen: string;
  /** Flagged requests. */
  attacks: number;
  findings: number;
  classes: string[];
  rules: string[];
  max_severity: number;
  country: string | null;
  region: string | null;
  asn: number | null;
  org: string | null;
  network: string;
  verdict: string;
  confidence: number;
  reasons: string[];
  campaign_id: string | null;
}

/**
 * Addresses with at least one finding of severity ≥ `minSeverity` between `start` (included)
 * and `end` (excluded), naive UTC timestamps (`2026-11-01 00:00:00`), most active first.
 */
export async function attackersBetween(store: Queryable, p: { start: string; end: string }, minSeverity = 1): Promise<Attacker[]> {
  const rows = await store.query(
    `WITH f AS (
       SELECT ip, min(ts) AS first_seen, max(ts) AS last_seen, count(*) AS findings,
              list(DISTINCT class ORDER BY class) AS classes, list(DISTINCT rule ORDER BY rule) AS rules, max(severity) AS max_severity,
              count(DISTINCT CASE WHEN scope = 'request' THEN source_id::VARCHAR || ':' || line::VARCHAR END) AS attacks
         FROM findings WHERE ts >= $start::TIMESTAMP AND ts < $end::TIMESTAMP GROUP BY ip HAVING max(severity) >= $minSeverity)
     SELECT f.*, o.country, o.region, o.asn, o.org, coalesce(o.network, 'unknown') AS network,
            coalesce(o.verdict, 'unknown') AS verdict, coalesce(o.confidence, 0) AS confidence, coalesce(o.reasons, []) AS reasons,
            (SELECT min(campaign_id) FROM campaign_clients c WHERE c.ip = f.ip) AS campaign_id
       FROM f LEFT JOIN client_origins o USING (ip)
      ORDER BY f.attacks DESC, f.findings DESC, f.ip`,
    { ...p, minSeverity },
  );
  return rows.map((r) => ({
    ip: String(r.ip),
    first_seen: String(r.first_seen),
    last_seen: String(r.last_seen),
    attacks: Number(r.attacks),
    findings: Number(r.findings),
    classes: (r.classes as string[]) ?? [],
    rules: (r.rules as string[]) ?? [],
    max_severity: Number(r.max_severity),
    country: (r.country as string | null) ?? null,
    region: (r.region as string | null) ?? null,
    asn: r.asn === null || r.asn === undefined ? null : Number(r.asn),
    org: (r.org as string | null) ?? null,
    network: String(r.network),
    verdict: String(r.verdict),
    confidence: Number(r.confidence),
    reasons: (r.reasons as string[]) ?? [],
    campaign_id: (r.campaign_id as string | null) ?? null,
  }));
}
