import type { Store } from '../../store/index.js';
import { clientUnitSql, DEFAULT_IPV6_PREFIX_LEN } from '../repository/client-unit.js';
import { normaliseUserAgent, type ClientProfile } from './client-profile.js';

/**
 * A user agent or path is a fingerprint only when few clients share it: at most 5% of all
 * clients (a browser's user agent or the home page are shared by everyone and link nothing)...
 */
export const RARE_CLIENT_SHARE = 0.05;

/**
 * ...or at most 5 clients, whatever the log's size. On a small log the share alone cannot
 * fire: with the 3 clients of the w3af scanner log, 5% is 0.15 of a client, so the two
 * addresses sending `w3af.org` were two campaigns (issue 17). 5 is where the two rules meet
 * (5% of 100 clients), so only logs under 100 clients see a difference.
 */
export const RARE_MIN_CLIENTS = 5;

/**
 * Inverse client frequency of a rare value, at least that of a value half the clients share:
 * on a small log a rare value can be shared by every client (log 1 = 0), and still link them.
 */
export function rareWeight(df: number, totalClients: number): number {
  if (df > Math.max(RARE_MIN_CLIENTS, RARE_CLIENT_SHARE * totalClients)) return 0;
  return Math.max(Math.log(totalClients / df), Math.LN2);
}

/** A user agent is part of a client's fingerprint when it sends at least 10% of its requests (and 2). */
export const MIN_UA_SHARE = 0.1;

/**
 * Flagged clients profiled at most: the busiest this many (by flagged requests). Profiles live
 * in memory and clustering compares them, so a log with a million flagged addresses must not
 * make a million profiles; the ones left out are counted as unclustered. Each profile and the
 * rows it is read from cost about 3 KB of JavaScript heap at the step's peak: 50,000 took the
 * campaigns step of a 2M-address spray to 400 MB peak RSS, 20,000 to 274 MB (same campaigns;
 * measured on its own, after the other steps).
 */
export const MAX_PROFILES = 20_000;

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

/**
 * Loads the profile of every flagged client (a client with at least one finding) from the
 * store: its user agents and paths (rare ones weighted by inverse client frequency), rules and
 * classes, encodings, and hours of activity.
 *
 * @example
 * const profiles = await loadProfiles(store);
 */
export async function loadProfiles(store: Store, ipv6PrefixLen = DEFAULT_IPV6_PREFIX_LEN): Promise<{ profiles: ClientProfile[]; flaggedUnits: number }> {
  const unit = (column: string): string => clientUnitSql(column, ipv6PrefixLen);
  const [{ n } = { n: 0 }] = await store.query(`SELECT count(DISTINCT ${unit('ip')})::INTEGER AS n FROM clients`);
  const totalClients = Math.max(1, Number(n));
  await store.query(`CREATE OR REPLACE TEMP TABLE ${UNITS} AS
    SELECT ${unit('c.ip')} AS ip, sum(c.requests) AS requests, sum(c.flagged_requests) AS flagged_requests,
           min(c.first_seen) AS first_seen, max(c.last_seen) AS last_seen
      FROM clients c SEMI JOIN (SELECT DISTINCT ip FROM findings) f USING (ip) GROUP BY 1`);
  try {
    const [{ n: flagged } = { n: 0 }] = await store.query(`SELECT count(*)::INTEGER AS n FROM ${UNITS}`);
    await store.query(`DELETE FROM ${UNITS} WHERE ip NOT IN (SELECT ip FROM ${UNITS} ORDER BY flagged_requests DESC, ip LIMIT ${MAX_PROFILES})`);
    return { profiles: await unitProfiles(store, unit, totalClients), flaggedUnits: Number(flagged) };
  } finally {
    await store.query(`DROP TABLE IF EXISTS ${UNITS}`);
  }
}

async function unitProfiles(store: Store, unit: (column: string) => string, totalClients: number): Promise<ClientProfile[]> {
  const profiles = new Map<string, ClientProfile>();
  for (const r of await store.query(`
      WITH k AS (SELECT ${unit('ip')} AS ip, list(DISTINCT rule) AS rules, list(DISTINCT class) AS classes FROM findings WHERE ${unit('ip')} IN (SELECT ip FROM ${UNITS}) GROUP BY 1)
      SELECT c.ip, c.requests, c.flagged_requests, c.first_seen, c.last_seen, k.rules, k.classes
        FROM ${UNITS} c JOIN k USING (ip) ORDER BY c.ip`)) {
    const ip = String(r.ip);
    profiles.set(ip, {
      ip, requests: Number(r.requests), flaggedRequests: Number(r.flagged_requests),
      firstSeen: String(r.first_seen), lastSeen: String(r.last_seen),
      userAgents: new Map(), allUserAgents: new Map(), rules: new Set(r.rules as string[]), classes: new Set(r.classes as string[]),
      paths: new Map(), encodings: new Set(), hours: new Array<number>(24).fill(0), days: new Set(),
    });
  }
  if (profiles.size === 0) return [];
  const rare = (df: number): number => rareWeight(df, totalClients);
  for (const r of await store.query(tokenSql('user_agent_id', unit))) {
    const p = profiles.get(String(r.ip));
    if (!p) continue;
    const ua = normaliseUserAgent(String(r.value));
    p.allUserAgents.set(ua, (p.allUserAgents.get(ua) ?? 0) + Number(r.n));
    const w = rare(Number(r.df));
    // Raw variants of one normalised agent keep the weight of the most shared variant.
    if (w > 0) p.userAgents.set(ua, Math.min(p.userAgents.get(ua) ?? Infinity, w));
  }
  // A tool's user agent repeats; one sent once is a payload or noise, not the tool.
  for (const p of profiles.values()) {
    for (const ua of p.userAgents.keys()) if ((p.allUserAgents.get(ua) ?? 0) < Math.max(2, MIN_UA_SHARE * p.requests)) p.userAgents.delete(ua);
  }
  for (const r of await store.query(tokenSql('path_id', unit))) {
    const p = profiles.get(String(r.ip));
    const w = rare(Number(r.df));
    if (p && w > 0) p.paths.set(String(r.value), w);
  }
  await loadHours(store, profiles, unit);
  await loadEncodings(store, profiles, unit);
  return [...profiles.values()];
}

/** Each flagged client's values of one string column, with the number of clients (any) using each value. */
function tokenSql(column: 'user_agent_id' | 'path_id', unit: (column: string) => string): string {
  return `
    WITH ${FLAGGED},
         fu AS (SELECT ${unit('e.ip')} AS ip, s.value, count(*) AS n FROM events e SEMI JOIN f USING (ip) JOIN strings s ON s.id = e.${column}
                 WHERE e.${column} ${TOKEN_FILTER[column]} AND ${unit('e.ip')} IN (SELECT ip FROM ${UNITS}) GROUP BY ALL),
         ids AS (SELECT id, value FROM strings WHERE value IN (SELECT DISTINCT value FROM fu)),
         df AS (SELECT ids.value, count(DISTINCT ${unit('e.ip')}) AS df FROM events e JOIN ids ON e.${column} = ids.id GROUP BY 1)
    SELECT fu.ip, fu.value, fu.n, df.df FROM fu JOIN df USING (value)`;
}

async function loadHours(store: Store, profiles: Map<string, ClientProfile>, unit: (column: string) => string): Promise<void> {
  const all = new Map<string, number[]>();
  for (const r of await store.query(`
      WITH ${FLAGGED}
      SELECT ${unit('e.ip')} AS ip, hour(e.ts) AS h, strftime(e.ts, '%Y-%m-%d') AS d, count(*) AS n, count(*) FILTER (WHERE e.flagged) AS nf
        FROM events e SEMI JOIN f USING (ip) WHERE e.ts IS NOT NULL AND ${unit('e.ip')} IN (SELECT ip FROM ${UNITS}) GROUP BY ALL`)) {
    const ip = String(r.ip);
    const p = profiles.get(ip);
    if (!p) continue;
    const h = Number(r.h);
    p.hours[h]! += Number(r.nf);
    if (Number(r.nf) > 0) p.days.add(String(r.d));
    let a = all.get(ip);
    if (!a) all.set(ip, (a = new Array<number>(24).fill(0)));
    a[h]! += Number(r.n);
  }
  // Clients flagged by behaviour alone have no flagged request: their hours are all their requests.
  for (const [ip, hours] of all) {
    const p = profiles.get(ip)!;
    if (p.hours.every((x) => x === 0)) p.hours = hours;
  }
}

async function loadEncodings(store: Store, profiles: Map<string, ClientProfile>, unit: (column: string) => string): Promise<void> {
  const rows = await store.query(`
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
  for (const r of rows) {
    const p = profiles.get(String(r.ip));
    if (!p) continue;
    for (const tag of ['percent', 'double-percent', 'unicode-escape', 'raw-bytes', 'html-entity']) if (r[tag] === true) p.encodings.add(tag);
  }
}
