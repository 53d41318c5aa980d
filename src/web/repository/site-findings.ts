import type { Store } from '../../store/index.js';
import type { SiteFinding } from '../distributed/site-finding.js';

/** The stored site-level findings (table `site_findings`, web migration 2). */

const SHAPE = '[{"finding_id":"VARCHAR","class":"VARCHAR","endpoint":"VARCHAR","window_start":"TIMESTAMP","window_end":"TIMESTAMP","severity":"TINYINT","reason":"JSON","figures":"JSON","clients":["VARCHAR"]}]';

/** Replaces the site findings in one transaction (they are recomputed over everything stored). */
export async function saveSiteFindings(store: Store, runId: number, findings: readonly SiteFinding[], ips: readonly string[][]): Promise<void> {
  const rows = findings.map((f, i) => ({
    finding_id: f.id, class: f.class, endpoint: f.endpoint, window_start: f.window_start, window_end: f.window_end, severity: f.severity,
    reason: f.reason_code, figures: { observed: f.figures, baseline: f.baseline, reason: f.reason, reason_fr: f.reason_fr }, clients: ips[i]!,
  }));
  await store.transaction([
    { sql: 'DELETE FROM site_findings' },
    ...(rows.length === 0 ? [] : [{
      sql: `INSERT INTO site_findings (finding_id, run_id, class, endpoint, window_start, window_end, severity, reason, figures, clients)
            SELECT r.finding_id, $run, r.class, r.endpoint, r.window_start, r.window_end, r.severity, r.reason, r.figures, r.clients
              FROM (SELECT unnest(from_json($j, '${SHAPE}')) AS r)`,
      params: { run: runId, j: JSON.stringify(rows) },
    }]),
  ]);
}

/** The site findings stored (as the last analysis left them), with their addresses. */
export async function loadSiteFindings(store: Store): Promise<Array<{ id: string; class: string; endpoint: string; from: string; to: string; ips: string[] }>> {
  const rows = await store.query(`SELECT finding_id, class, endpoint, strftime(window_start, '%Y-%m-%dT%H:%M:%SZ') AS f,
                                         strftime(window_end, '%Y-%m-%dT%H:%M:%SZ') AS t, clients FROM site_findings ORDER BY window_start, finding_id`);
  return rows.map((r) => ({ id: String(r.finding_id), class: String(r.class), endpoint: String(r.endpoint), from: String(r.f), to: String(r.t), ips: r.clients as string[] }));
}

/**
 * The requests of a site finding's addresses in its window, each marked whether it hit the
 * finding's target (a scan's probed paths; the other classes' endpoint).
 */
export async function siteGroupRequests(store: Store, f: { class: string; endpoint: string; from: string; to: string; ips: readonly string[] }): Promise<Array<Record<string, unknown>>> {
    // A scan's target is its probed paths; the other classes' is their endpoint.
  const target = f.class === 'distributed_scan'
    ? 'e.flagged'
    : "regexp_replace(s.value, '[0-9]{2,}', '{n}', 'g') = $ep";
  return store.query(`
    WITH m AS (SELECT unnest(from_json($ips, '["VARCHAR"]')) AS ip)
    SELECT e.ip, hour(e.ts) AS h, strftime(e.ts, '%Y-%m-%d') AS d, e.method, e.status, coalesce(e.bytes, 0) AS bytes,
           coalesce(u.value, '') AS ua, strftime(e.ts, '%Y-%m-%d %H:%M:%S') AS ts, ${target} AS on_target
      FROM events e SEMI JOIN m USING (ip) JOIN strings s ON s.id = e.path_id LEFT JOIN strings u ON u.id = e.user_agent_id
     WHERE e.ts >= $from::TIMESTAMP AND e.ts < $to::TIMESTAMP`,
  { ips: JSON.stringify(f.ips), ...(f.class === 'distributed_scan' ? {} : { ep: f.endpoint }), from: f.from.replace('Z', ''), to: f.to.replace('Z', '') });
}
