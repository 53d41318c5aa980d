import type { Store } from '../../store/index.js';
import { clientUnitSql } from './client-unit.js';

/**
 * The SQL that campaigns read their client profiles with (web/campaigns/load-profiles.ts): the
 * flagged client units (temporary table `campaign_units`, this connection's own), and per unit
 * its rules and classes, user agents and paths with how many clients use each, hours of
 * activity and payload encodings. Every function takes the IPv6 prefix length that makes a unit.
 */

/** A row as the store returns it. */
type Row = Record<string, unknown>;

/** The units profiled (temporary table `campaign_units`), and the flagged events' unit. */
const FLAGGED = `f AS (SELECT DISTINCT ip FROM findings)`;
const UNITS = 'campaign_units';

// A user agent that carries a payload (Shellshock, Log4Shell in the User-Agent) is the payload,
// not the tool: it is left out of the fingerprint (the rule already counts). Paths are a target
// list only when they are probed for themselves (/.env, /wp-login.php: probe classes matched in
// the path); other rare paths come from the payload lists many campaigns draw on alike.
const PROBE_CLASSES = `('scanner', 'sensitive_file', 'admin_probe')`;
const JOIN_EVENTS = `JOIN events e ON e.source_id = fi.source_id AND e.line = fi.line AND e.ip = fi.ip`;
const TOKEN_FILTER = {
  user_agent_id: `NOT IN (SELECT DISTINCT e.user_agent_id FROM findings fi ${JOIN_EVENTS}
                           WHERE fi.location = 'user_agent' AND fi.class NOT IN ${PROBE_CLASSES})`,
  path_id: `IN (SELECT DISTINCT e.path_id FROM findings fi ${JOIN_EVENTS}
                 WHERE fi.location = 'path' AND fi.class IN ${PROBE_CLASSES})`,
} as const;

/** The payload encodings looked for in a flagged request's path and query (tags of a profile's `encodings`). */
export const ENCODING_TAGS = ['percent', 'double-percent', 'unicode-escape', 'raw-bytes', 'html-entity'] as const;

function unitOf(ipv6PrefixLen: number): (column: string) => string {
  return (column) => clientUnitSql(column, ipv6PrefixLen);
}

/** How many client units (an IPv6 prefix counts once) the table `clients` holds. */
export async function clientUnitCount(store: Store, ipv6PrefixLen: number): Promise<number> {
  const [{ n } = { n: 0 }] = await store.query(`SELECT count(DISTINCT ${unitOf(ipv6PrefixLen)('ip')})::INTEGER AS n FROM clients`);
  return Number(n);
}

/** Fills `campaign_units` with every flagged client unit (requests, flagged requests, first and last seen). */
export async function stageCampaignUnits(store: Store, ipv6PrefixLen: number): Promise<void> {
  const unit = unitOf(ipv6PrefixLen);
  await store.query(`CREATE OR REPLACE TEMP TABLE ${UNITS} AS
    SELECT ${unit('c.ip')} AS ip, sum(c.requests) AS requests, sum(c.flagged_requests) AS flagged_requests,
           min(c.first_seen) AS first_seen, max(c.last_seen) AS last_seen
      FROM clients c SEMI JOIN (SELECT DISTINCT ip FROM findings) f USING (ip) GROUP BY 1`);
}

/** How many units `campaign_units` holds. */
export async function campaignUnitCount(store: Store): Promise<number> {
  const [{ n: flagged } = { n: 0 }] = await store.query(`SELECT count(*)::INTEGER AS n FROM ${UNITS}`);
  return Number(flagged);
}

/** Keeps in `campaign_units` the `max` units with the most flagged requests (ties by address). */
export async function keepBusiestUnits(store: Store, max: number): Promise<void> {
  await store.query(`DELETE FROM ${UNITS} WHERE ip NOT IN (SELECT ip FROM ${UNITS} ORDER BY flagged_requests DESC, ip LIMIT ${Math.trunc(max)})`);
}

/** Drops `campaign_units`. */
export async function dropCampaignUnits(store: Store): Promise<void> {
  await store.query(`DROP TABLE IF EXISTS ${UNITS}`);
}

/** Each staged unit with its figures and the distinct rules and classes of its findings, by address. */
export async function unitRulesAndClasses(store: Store, ipv6PrefixLen: number): Promise<Row[]> {
  const unit = unitOf(ipv6PrefixLen);
  return store.query(`
      WITH k AS (SELECT ${unit('ip')} AS ip, list(DISTINCT rule) AS rules, list(DISTINCT class) AS classes FROM findings WHERE ${unit('ip')} IN (SELECT ip FROM ${UNITS}) GROUP BY 1)
      SELECT c.ip, c.requests, c.flagged_requests, c.first_seen, c.last_seen, k.rules, k.classes
        FROM ${UNITS} c JOIN k USING (ip) ORDER BY c.ip`);
}

/**
 * Each staged unit's values of one string column (`ip`, `value`, `n` requests), with the number
 * of clients (any) using each value (`df`). User agents that carry a payload are left out;
 * paths are the ones probed for themselves.
 */
export async function unitTokens(store: Store, column: 'user_agent_id' | 'path_id', ipv6PrefixLen: number): Promise<Row[]> {
  const unit = unitOf(ipv6PrefixLen);
  return store.query(`
    WITH ${FLAGGED},
         fu AS (SELECT ${unit('e.ip')} AS ip, s.value, count(*) AS n FROM events e SEMI JOIN f USING (ip) JOIN strings s ON s.id = e.${column}
                 WHERE e.${column} ${TOKEN_FILTER[column]} AND ${unit('e.ip')} IN (SELECT ip FROM ${UNITS}) GROUP BY ALL),
         ids AS (SELECT id, value FROM strings WHERE value IN (SELECT DISTINCT value FROM fu)),
         df AS (SELECT ids.value, count(DISTINCT ${unit('e.ip')}) AS df FROM events e JOIN ids ON e.${column} = ids.id GROUP BY 1)
    SELECT fu.ip, fu.value, fu.n, df.df FROM fu JOIN df USING (value)`);
}

/** Per staged unit, UTC hour (`h`) and day (`d`): its requests (`n`) and flagged requests (`nf`). */
export async function unitHours(store: Store, ipv6PrefixLen: number): Promise<Row[]> {
  const unit = unitOf(ipv6PrefixLen);
  return store.query(`
      WITH ${FLAGGED}
      SELECT ${unit('e.ip')} AS ip, hour(e.ts) AS h, strftime(e.ts, '%Y-%m-%d') AS d, count(*) AS n, count(*) FILTER (WHERE e.flagged) AS nf
        FROM events e SEMI JOIN f USING (ip) WHERE e.ts IS NOT NULL AND ${unit('e.ip')} IN (SELECT ip FROM ${UNITS}) GROUP BY ALL`);
}

/** Per staged unit, whether its flagged requests' path and query hold each of {@link ENCODING_TAGS} (a boolean column each). */
export async function unitEncodings(store: Store, ipv6PrefixLen: number): Promise<Row[]> {
  const unit = unitOf(ipv6PrefixLen);
  return store.query(`
    WITH ${FLAGGED},
         t AS (SELECT ${unit('e.ip')} AS ip, coalesce(s.value, '') || '?' || coalesce(e.query, '') AS target
                 FROM events e SEMI JOIN f USING (ip) LEFT JOIN strings s ON s.id = e.path_id WHERE e.flagged AND ${unit('e.ip')} IN (SELECT ip FROM ${UNITS}))
    SELECT ip,
           bool_or(regexp_matches(target, '%[0-9A-Fa-f]{2}')) AS "percent",
           bool_or(regexp_matches(target, '%25[0-9A-Fa-f]{2}')) AS "double-percent",
           bool_or(regexp_matches(target, '%[uU][0-9A-Fa-f]{4}|\\\\u[0-9A-Fa-f]{4}')) AS "unicode-escape",
           bool_or(regexp_matches(target, '\\\\x[0-9A-Fa-f]{2}|["<> ]')) AS "raw-bytes",
           bool_or(regexp_matches(target, '&#x?[0-9A-Fa-f]+;?')) AS "html-entity"
      FROM t GROUP BY ip`);
}
