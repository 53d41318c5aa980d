import { originShares, type OriginShares } from '../../core/index.js';
import { num, rangeCondition, VERDICTS, type Queryable, type TimeRange, type Verdict } from './range.js';

/** Requests and clients of one origin verdict. */
export interface OriginFigures {
  clients: number;
  flagged_clients: number;
  requests: number;
  flagged_requests: number;
}

/** At a glance: the dashboard's first numbers and the report's totals. */
export interface Overview {
  from: string | null;
  to: string | null;
  requests: number;
  clients: number;
  /** Flagged requests, as `requests_flagged` in `vigie web analyze --json`. */
  attacks: number;
  /** Clients with at least one finding, as `clients_flagged` in `vigie web analyze --json`. */
  flagged_clients: number;
  origins: Record<Verdict, OriginFigures>;
  /** The origin split as shares: `attacks` is the headline, `flagged_clients` the second basis (as in `web analyze --json`). */
  origin_shares: OriginShares;
  findings_by_class: Record<string, number>;
  campaigns: number;
}

/**
 * Totals over a time range with the same definitions as `vigie web analyze --json`: attacks are
 * flagged requests, flagged clients are addresses with a finding. Clients with no origin row
 * yet (not attributed) count as `unknown`, so the four verdicts always add up to the totals.
 *
 * @example
 * const o = await overview(store, { from: '2025-04-28', to: '2025-04-29' });
 * o.attacks // 5321
 */
export async function overview(db: Queryable, range: TimeRange): Promise<Overview> {
  const e = rangeCondition('ts', range);
  const rows = await db.query(`
    WITH e AS (SELECT ip, count(*) AS requests, count(*) FILTER (WHERE flagged) AS flagged
                 FROM events WHERE ${e.sql} GROUP BY ip),
         f AS (SELECT DISTINCT ip FROM findings WHERE ${e.sql}),
         c AS (SELECT coalesce(e.ip, f.ip) AS ip, coalesce(e.requests, 0) AS requests,
                      coalesce(e.flagged, 0) AS flagged, f.ip IS NOT NULL AS has_finding
                 FROM e FULL OUTER JOIN f ON f.ip = e.ip)
    SELECT coalesce(o.verdict, 'unknown') AS verdict,
           count(*) FILTER (WHERE c.requests > 0) AS clients,
           count(*) FILTER (WHERE c.has_finding) AS flagged_clients,
           sum(c.requests) AS requests, sum(c.flagged) AS flagged_requests
      FROM c LEFT JOIN client_origins o ON o.ip = c.ip
     GROUP BY 1`, e.params);
  const origins = Object.fromEntries(VERDICTS.map((v) => [v, { clients: 0, flagged_clients: 0, requests: 0, flagged_requests: 0 }])) as Record<Verdict, OriginFigures>;
  for (const r of rows) {
    const v = (VERDICTS as readonly string[]).includes(String(r.verdict)) ? (r.verdict as Verdict) : 'unknown';
    const o = origins[v];
    o.clients += num(r.clients);
    o.flagged_clients += num(r.flagged_clients);
    o.requests += num(r.requests);
    o.flagged_requests += num(r.flagged_requests);
  }
  const byClass = await db.query(`SELECT class, count(*) AS n FROM findings WHERE ${e.sql} GROUP BY class ORDER BY n DESC, class`, e.params);
  const c = rangeCondition('last_seen', { from: range.from });
  const c2 = rangeCondition('first_seen', { to: range.to });
  const [campaigns] = await db.query(`SELECT count(*) AS n FROM campaigns WHERE ${c.sql} AND ${c2.sql}`, { ...c.params, ...c2.params });
  const sum = (k: keyof OriginFigures): number => VERDICTS.reduce((s, v) => s + origins[v][k], 0);
  return {
    from: range.from ?? null,
    to: range.to ?? null,
    requests: sum('requests'),
    clients: sum('clients'),
    attacks: sum('flagged_requests'),
    flagged_clients: sum('flagged_clients'),
    origins,
    origin_shares: originShares(Object.fromEntries(VERDICTS.map((v) => [v, { attacks: origins[v].flagged_requests, flagged_clients: origins[v].flagged_clients }])) as Record<Verdict, { attacks: number; flagged_clients: number }>),
    findings_by_class: Object.fromEntries(byClass.map((r) => [String(r.class), num(r.n)])),
    campaigns: num(campaigns?.n),
  };
}
