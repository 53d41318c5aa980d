import type { Store } from '../../store/index.js';

/** The SQL of a run's origin figures (web/origins/origin-figures.ts). */

/** A run's clients and requests of one stored verdict and country. */
export interface VerdictCountryRow {
  /** The stored verdict, `unknown` for a client with no stored origin. */
  verdict: string;
  country: string | null;
  clients: number;
  clients_flagged: number;
  requests: number;
  requests_flagged: number;
}

/** A run's clients and requests per stored verdict and country (a client with no stored origin: `unknown`, no country). */
export async function verdictCountryRows(store: Store, runId: number): Promise<VerdictCountryRow[]> {
  const rows = await store.query(`
    WITH c AS (SELECT ip, count(*) AS requests, count(*) FILTER (WHERE flagged) AS flagged
                 FROM events WHERE run_id = $r GROUP BY ip),
         f AS (SELECT DISTINCT ip FROM findings WHERE run_id = $r)
    SELECT coalesce(o.verdict, 'unknown') AS verdict, o.country,
           count(*)::BIGINT AS clients, count(f.ip)::BIGINT AS clients_flagged,
           sum(c.requests)::BIGINT AS requests, sum(c.flagged)::BIGINT AS requests_flagged
      FROM c LEFT JOIN client_origins o USING (ip) LEFT JOIN f USING (ip)
     GROUP BY ALL`, { r: runId });
  return rows.map((r) => ({
    verdict: String(r.verdict),
    country: r.country === null || r.country === undefined ? null : String(r.country),
    clients: Number(r.clients),
    clients_flagged: Number(r.clients_flagged),
    requests: Number(r.requests),
    requests_flagged: Number(r.requests_flagged),
  }));
}

/** One client of a run with no country: its address, stored verdict, flagged requests and whether it has a finding. */
export interface NoCountryClient {
  ip: string;
  verdict: string;
  flagged: number;
  hasFinding: boolean;
}

/** The run's clients whose stored origin has no country (or that have no stored origin). */
export async function noCountryClients(store: Store, runId: number): Promise<NoCountryClient[]> {
  const rows = await store.query(`
    WITH c AS (SELECT ip, count(*) FILTER (WHERE flagged) AS flagged FROM events WHERE run_id = $r GROUP BY ip),
         f AS (SELECT DISTINCT ip FROM findings WHERE run_id = $r)
    SELECT c.ip, coalesce(o.verdict, 'unknown') AS verdict, c.flagged, f.ip IS NOT NULL AS has_finding
      FROM c LEFT JOIN client_origins o USING (ip) LEFT JOIN f USING (ip)
     WHERE o.country IS NULL`, { r: runId });
  return rows.map((r) => ({ ip: String(r.ip), verdict: String(r.verdict), flagged: Number(r.flagged), hasFinding: r.has_finding === true }));
}
