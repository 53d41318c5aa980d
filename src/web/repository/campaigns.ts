import type { Store } from '../../store/index.js';
import { clientUnitSql } from './client-unit.js';
import type { Statement } from './step-watermarks.js';

/**
 * The SQL of campaigns (web/campaigns/find-campaigns.ts): the stored origins of the units a
 * campaign groups, and the statements that replace the tables `campaigns` and
 * `campaign_clients`. Nothing else writes those tables.
 */

/**
 * Stored origins of client units (`ip`, `country`, `org`, `asn`, `network`, `verdict`,
 * `confidence`): an IPv6 prefix takes the origin of its lowest address; only the given units,
 * and every member of a site-level finding by its own address.
 */
export async function unitOrigins(store: Store, ipv6PrefixLen: number, units: readonly string[]): Promise<Array<Record<string, unknown>>> {
  return store.query(`
    SELECT ${clientUnitSql('o.ip', ipv6PrefixLen)} AS ip, arg_min_null(o.country, o.ip) AS country, arg_min_null(o.org, o.ip) AS org, arg_min_null(o.asn, o.ip) AS asn,
           arg_min_null(o.network, o.ip) AS network, arg_min_null(o.verdict, o.ip) AS verdict, arg_min_null(o.confidence, o.ip) AS confidence
      FROM client_origins o SEMI JOIN (SELECT DISTINCT ip FROM findings) f USING (ip)
     WHERE ${clientUnitSql('o.ip', ipv6PrefixLen)} IN (SELECT unnest(from_json($units, '["VARCHAR"]')))
     GROUP BY 1
    UNION ALL
    -- A site group's members are looked up by their own address.
    SELECT o.ip, o.country, o.org, o.asn, o.network, o.verdict, o.confidence
      FROM client_origins o SEMI JOIN (SELECT DISTINCT unnest(clients) AS ip FROM site_findings) f USING (ip)`, { units: JSON.stringify(units) });
}

/** A row of table `campaigns`, as {@link replaceCampaigns} writes it. */
export interface CampaignRow {
  campaign_id: string;
  clients: number;
  requests: number;
  first_seen: string;
  last_seen: string;
  classes: readonly string[];
  countries: unknown;
  networks: unknown;
  verdict: string;
  obscured_share: number;
  utc_offset_hours: number | null;
  hours: readonly number[];
  confidence: number;
  reasons: readonly string[];
  reasons_fr: readonly string[];
  fingerprint: unknown;
  operator: unknown;
}

const CAMPAIGN_TYPE = `[{"campaign_id":"VARCHAR","clients":"BIGINT","requests":"BIGINT","first_seen":"TIMESTAMP","last_seen":"TIMESTAMP","classes":["VARCHAR"],"countries":"JSON","networks":"JSON","verdict":"VARCHAR","obscured_share":"DOUBLE","utc_offset_hours":"INTEGER","hours":["BIGINT"],"confidence":"DOUBLE","reasons":["VARCHAR"],"reasons_fr":["VARCHAR"],"fingerprint":"JSON","operator":"JSON"}]`;

/**
 * The statements that replace the campaign tables with these rows; rows go as one JSON
 * parameter per table. A link's `ip` is a client unit (an IPv6 prefix stands for its
 * addresses): the table lists each flagged address of the unit, so it joins with clients and
 * events. To run in one store transaction.
 */
export function replaceCampaigns(rows: readonly CampaignRow[], links: ReadonlyArray<{ campaign_id: string; ip: string }>, ipv6PrefixLen: number): Statement[] {
  return [
    { sql: 'DELETE FROM campaign_clients' },
    { sql: 'DELETE FROM campaigns' },
    ...(rows.length === 0 ? [] : [
      {
        sql: `INSERT INTO campaigns (campaign_id, clients, requests, first_seen, last_seen, classes, countries, networks, verdict,
                obscured_share, utc_offset_hours, hours, confidence, reasons, reasons_fr, fingerprint, operator)
              SELECT r.* FROM (SELECT unnest(from_json($j, '${CAMPAIGN_TYPE}')) AS r)`,
        params: { j: JSON.stringify(rows) },
      },
      {
        sql: `INSERT INTO campaign_clients
              SELECT r.campaign_id, f.ip FROM (SELECT unnest(from_json($j, '[{"campaign_id":"VARCHAR","ip":"VARCHAR"}]')) AS r)
                JOIN (SELECT DISTINCT ip FROM findings) f ON ${clientUnitSql('f.ip', ipv6PrefixLen)} = r.ip`,
        params: { j: JSON.stringify(links) },
      },
    ]),
  ];
}
