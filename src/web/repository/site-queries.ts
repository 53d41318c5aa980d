import type { Store } from '../../store/index.js';

/**
 * The SQL of the site-level stage (web/distributed): aggregates over every stored request, per
 * day or hour and endpoint, from which the detectors learn the site's baseline, and the
 * addresses that make up an excess. Nothing else reads or writes `site_findings`.
 */

/** Sign-in endpoints: the path pattern of rules/behaviour/login-brute-force.yaml (one list for both stages). */
export const SIGN_IN_PATTERN = String.raw`(?:login|log-in|logon|signin|sign-in|sign_in|connexion|se-connecter|authenticate|/auth(?:/|$)|/session|wp-login\.php|xmlrpc\.php|/user/login|/account/login|/oauth/token|/api/v\d+/auth)`;

/** What a browser fetches after a page: a client that fetches these is reading the site, not hitting one endpoint. */
const ASSET_PATTERN = String.raw`\.(?:css|js|mjs|woff2?|ttf|otf|eot|png|jpe?g|gif|svg|webp|avif|ico|map)$`;

/** Request-finding classes that name a probed path (as campaigns read them: campaign-profiles.ts). */
const PROBE_CLASSES = `('sensitive_file', 'admin_probe', 'scanner')`;

/** Statuses that refuse or fail a request: the failures a flood leaves (401/403/429 and server errors). */
const FAILED = '(status IN (401, 403, 429) OR status >= 500)';

/**
 * Each path once, as an endpoint (runs of two or more digits become `{n}`: `/api/v2/items/4411`
 * and `/api/v2/items/98` are one endpoint) with whether it is a sign-in endpoint or an asset.
 */
const PATHS = `pinfo AS (
  SELECT s.id AS path_id,
         regexp_replace(s.value, '[0-9]{2,}', '{n}', 'g') AS endpoint,
         regexp_matches(lower(s.value), '${SIGN_IN_PATTERN}') AS sign_in,
         regexp_matches(lower(s.value), '${ASSET_PATTERN}') AS asset
    FROM strings s SEMI JOIN (SELECT DISTINCT path_id FROM events) p ON p.path_id = s.id)`;

/** Requests per UTC day over everything stored (`YYYY-MM-DD`, ascending). */
export async function requestsPerDay(store: Store): Promise<Array<{ day: string; requests: number }>> {
  const rows = await store.query(`
    SELECT strftime(date_trunc('day', ts), '%Y-%m-%d') AS day, count(*) AS n
      FROM events WHERE ts IS NOT NULL GROUP BY 1 ORDER BY 1`);
  return rows.map((r) => ({ day: String(r.day), requests: Number(r.n) }));
}

/** Per sign-in endpoint and day: POSTs, failed ones (no redirect: the form again, 401, 403, 429) and the addresses that failed. */
export interface SignInDay {
  endpoint: string;
  day: string;
  posts: number;
  failures: number;
  failingClients: number;
}

export async function signInDays(store: Store): Promise<SignInDay[]> {
  const rows = await store.query(`
    WITH ${PATHS}
    SELECT pi.endpoint, strftime(date_trunc('day', e.ts), '%Y-%m-%d') AS day, count(*) AS posts,
           count(*) FILTER (WHERE NOT e.status BETWEEN 300 AND 399) AS failures,
           count(DISTINCT e.ip) FILTER (WHERE NOT e.status BETWEEN 300 AND 399) AS failing
      FROM events e JOIN pinfo pi USING (path_id)
     WHERE pi.sign_in AND e.method = 'POST' AND e.ts IS NOT NULL
     GROUP BY ALL ORDER BY 1, 2`);
  return rows.map((r) => ({ endpoint: String(r.endpoint), day: String(r.day), posts: Number(r.posts), failures: Number(r.failures), failingClients: Number(r.failing) }));
}

/**
 * Addresses that failed to sign in on the endpoint in the window more often than they
 * succeeded, and fetched no page asset there: the stuffing, not the users who mistyped.
 */
export async function signInExcessClients(store: Store, endpoint: string, fromMs: number, toMs: number): Promise<string[]> {
  const rows = await store.query(`
    WITH ${PATHS},
         w AS (SELECT e.ip, e.method, e.status, pi.endpoint, pi.asset FROM events e JOIN pinfo pi USING (path_id)
                WHERE e.ts >= make_timestamp($from_us) AND e.ts < make_timestamp($to_us))
    SELECT ip FROM w GROUP BY ip
    HAVING count(*) FILTER (WHERE endpoint = $ep AND method = 'POST' AND NOT status BETWEEN 300 AND 399)
             > count(*) FILTER (WHERE endpoint = $ep AND method = 'POST' AND status BETWEEN 300 AND 399)
       AND count(*) FILTER (WHERE asset) = 0
    ORDER BY ip`, { ep: endpoint, from_us: fromMs * 1000, to_us: toMs * 1000 });
  return rows.map((r) => String(r.ip));
}

/** Probes of sensitive paths (request findings of a probe class in the path) with each prober's distinct probed paths over everything stored. */
const PROBES = `probes AS (
  SELECT e.ip, e.ts, e.path_id FROM events e
   SEMI JOIN (SELECT DISTINCT run_id, source_id, line FROM findings
               WHERE scope = 'request' AND location = 'path' AND class IN ${PROBE_CLASSES}) f
          ON f.run_id = e.run_id AND f.source_id = e.source_id AND f.line = e.line
   WHERE e.ts IS NOT NULL),
  per_ip AS (SELECT ip, count(DISTINCT path_id) AS paths FROM probes GROUP BY ip)`;

/** Per day: addresses that probed at most `maxPaths` sensitive paths in all (light probers), and all probers. */
export async function probeDays(store: Store, maxPaths: number): Promise<Array<{ day: string; light: number; all: number }>> {
  const rows = await store.query(`
    WITH ${PROBES}
    SELECT strftime(date_trunc('day', p.ts), '%Y-%m-%d') AS day,
           count(DISTINCT p.ip) FILTER (WHERE per_ip.paths <= $max) AS light, count(DISTINCT p.ip) AS n
      FROM probes p JOIN per_ip USING (ip) GROUP BY 1 ORDER BY 1`, { max: maxPaths });
  return rows.map((r) => ({ day: String(r.day), light: Number(r.light), all: Number(r.n) }));
}

/** The light probers active in the window, and the paths they probed (most probed first, up to 10). */
export async function lightProbers(store: Store, maxPaths: number, fromMs: number, toMs: number): Promise<{ clients: string[]; paths: string[] }> {
  const range = 'p.ts >= make_timestamp($from_us) AND p.ts < make_timestamp($to_us)';
  const params = { max: maxPaths, from_us: fromMs * 1000, to_us: toMs * 1000 };
  const clients = await store.query(`
    WITH ${PROBES}
    SELECT DISTINCT p.ip FROM probes p JOIN per_ip USING (ip) WHERE per_ip.paths <= $max AND ${range} ORDER BY 1`, params);
  const paths = await store.query(`
    WITH ${PROBES}
    SELECT s.value AS path, count(DISTINCT p.ip) AS n FROM probes p JOIN per_ip USING (ip) JOIN strings s ON s.id = p.path_id
     WHERE per_ip.paths <= $max AND ${range} GROUP BY 1 ORDER BY n DESC, path LIMIT 10`, params);
  return { clients: clients.map((r) => String(r.ip)), paths: paths.map((r) => String(r.path)) };
}

/** One endpoint in one UTC hour (`YYYY-MM-DDTHH`). */
export interface EndpointHour {
  endpoint: string;
  hour: string;
  requests: number;
  failures: number;
  /** Addresses first seen on the site less than a day before, that fetched no page asset that day. */
  newBare: number;
}

/** A client is new on the site for a day after its first request. */
const NEW_FOR = "INTERVAL '1 day'";

const HOURLY = `${PATHS},
  first AS (SELECT ip, min(ts) AS first_ts FROM events WHERE ts IS NOT NULL GROUP BY ip),
  e AS (SELECT e.ip, e.ts, date_trunc('hour', e.ts) AS h, e.status, pi.endpoint, pi.asset
          FROM events e JOIN pinfo pi USING (path_id) WHERE e.ts IS NOT NULL),
  browsing AS (SELECT DISTINCT ip, date_trunc('day', ts) AS d FROM e WHERE asset),
  x AS (SELECT e.*, e.ts - f.first_ts < ${NEW_FOR} AS new, b.ip IS NOT NULL AS browses
          FROM e JOIN first f USING (ip) LEFT JOIN browsing b ON b.ip = e.ip AND b.d = date_trunc('day', e.ts)
         WHERE NOT e.asset)`;

/**
 * Hourly series of the endpoints that had, in some hour, at least `minFailures` failed
 * requests and `minNewBare` new addresses fetching no asset: every hour of those endpoints
 * (the baseline needs them all), none of the others.
 */
export async function candidateEndpointHours(store: Store, minFailures: number, minNewBare: number): Promise<EndpointHour[]> {
  const rows = await store.query(`
    WITH ${HOURLY},
         hours AS (SELECT endpoint, strftime(h, '%Y-%m-%dT%H') AS hour, count(*) AS requests,
                          count(*) FILTER (WHERE ${FAILED}) AS failures,
                          count(DISTINCT ip) FILTER (WHERE new AND NOT browses) AS new_bare
                     FROM x GROUP BY ALL)
    SELECT * FROM hours
     WHERE endpoint IN (SELECT endpoint FROM hours WHERE failures >= $f AND new_bare >= $n)
     ORDER BY endpoint, hour`, { f: minFailures, n: minNewBare });
  return rows.map((r) => ({ endpoint: String(r.endpoint), hour: String(r.hour), requests: Number(r.requests), failures: Number(r.failures), newBare: Number(r.new_bare) }));
}

/** New addresses that fetched no asset and had a request to the endpoint fail in the window. */
export async function floodClients(store: Store, endpoint: string, fromMs: number, toMs: number): Promise<string[]> {
  const rows = await store.query(`
    WITH ${HOURLY}
    SELECT DISTINCT ip FROM x
     WHERE endpoint = $ep AND new AND NOT browses AND ${FAILED}
       AND ts >= make_timestamp($from_us) AND ts < make_timestamp($to_us)
     ORDER BY ip`, { ep: endpoint, from_us: fromMs * 1000, to_us: toMs * 1000 });
  return rows.map((r) => String(r.ip));
}
