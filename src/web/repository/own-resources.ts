import type { SqlValue, Store } from '../../store/index.js';
import type { Statement } from './step-watermarks.js';

/**
 * The SQL of setting aside findings on the site's own resources (web/site/own-resources.ts):
 * the candidate findings, what the run's traffic says of their paths, and the move to
 * `findings_set_aside`. The temporary tables `site_clean` (paths the site served with success
 * to enough clients, unflagged) and `site_flagged` (flagged clients, on how many paths) live
 * from {@link stageSiteTables} to {@link dropSiteTables}.
 */

/**
 * Request findings of the run located on the path, counted per path, class and rule: one row
 * per kind of finding, not per finding. The rule decides by path and class, so nothing per
 * finding need leave DuckDB (a 2M-line spray with 271,000 `/.env` probes read them all into
 * JavaScript, 60 MB).
 */
export interface SetAsideCandidate {
  path: string;
  class: string;
  rule: string;
  /** Findings of this path, class and rule. */
  findings: number;
}

/** A decision to set aside the findings of a class on a path, with its reason. */
export interface SetAsideDecision {
  path: string;
  class: string;
  reason: string;
}

/** One referer that led a reader to a candidate path. */
export interface RefererToPath {
  path: string;
  referer: string;
  /** The referer's path ('' when it has none). */
  page: string;
  /** The referer's host, lower case ('' when it has none). */
  rhost: string;
  /** The Host the request was sent to ('' when not logged). */
  host: string;
  ip: string;
  /** Whether the referring page is one the site served (in `site_clean`). */
  pageServed: boolean;
}

const SUCCESS = '((e.status BETWEEN 200 AND 299) OR e.status = 304)';
/**
 * The request's client is a reader of the path: flagged nowhere, or only on this very path. A
 * scanner is flagged on the other paths it probes, so its 200s and forged Referers do not count.
 */
const READER = '(f.ip IS NULL OR (f.paths = 1 AND f.one_path = s.value))';
const HOST_OF = String.raw`lower(regexp_extract(r.value, '^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]+)', 1))`;
const PATH_OF = String.raw`regexp_extract(r.value, '^[A-Za-z][A-Za-z0-9+.-]*://[^/?#]*(/[^?#]*)', 1)`;

/**
 * Fills the temporary table `site_candidates` (path, class, rule, findings) with the run's
 * request findings located on the path; returns the number of distinct paths.
 */
export async function stageCandidates(store: Store, runId: number): Promise<number> {
  await store.query(`CREATE OR REPLACE TEMP TABLE site_candidates AS
    SELECT s.value AS path, f.class, f.rule, count(*) AS findings
      FROM findings f JOIN events e ON e.run_id = f.run_id AND e.source_id = f.source_id AND e.line = f.line
      JOIN strings s ON s.id = e.path_id
     WHERE f.run_id = $run AND f.scope = 'request' AND f.location = 'path'
     GROUP BY ALL`, { run: runId });
  await store.query('CREATE OR REPLACE TEMP TABLE site_decided (path VARCHAR NOT NULL, class VARCHAR NOT NULL, reason VARCHAR NOT NULL)');
  const [row] = await store.query('SELECT count(DISTINCT path) AS n FROM site_candidates');
  return Number(row?.n ?? 0);
}

/** The candidates of the next `paths` distinct paths after `after` (in path order; null: from the first). */
export async function candidatesPage(store: Store, after: string | null, paths: number): Promise<SetAsideCandidate[]> {
  const rows = await store.query(
    `SELECT path, class, rule, findings FROM site_candidates
      WHERE path IN (SELECT DISTINCT path FROM site_candidates ${after === null ? '' : 'WHERE path > $after'} ORDER BY path LIMIT $n)
      ORDER BY path, class, rule`, after === null ? { n: paths } : { after, n: paths });
  return rows.map((r) => ({ path: String(r.path), class: String(r.class), rule: String(r.rule), findings: Number(r.findings) }));
}

/** Adds decisions to the temporary table `site_decided`, moved together by {@link moveFindingsAside}. */
export async function stageDecisions(store: Store, decisions: readonly SetAsideDecision[]): Promise<void> {
  if (decisions.length === 0) return;
  await store.query(
    `INSERT INTO site_decided SELECT x.path, x.class, x.reason FROM (SELECT unnest(from_json($rows, '[{"path":"VARCHAR","class":"VARCHAR","reason":"VARCHAR"}]')) AS x)`,
    { rows: JSON.stringify(decisions) });
}

/** Fills `site_clean` (paths served with success, unflagged, to at least `minClients` clients) and `site_flagged`. */
export async function stageSiteTables(store: Store, runId: number, minClients: number): Promise<void> {
  await store.query(`CREATE OR REPLACE TEMP TABLE site_clean AS
    SELECT DISTINCT s.value AS path FROM (
      SELECT e.path_id FROM events e WHERE e.run_id = $run AND NOT e.flagged AND ${SUCCESS}
       GROUP BY e.path_id HAVING count(DISTINCT e.ip) >= $min) c JOIN strings s ON s.id = c.path_id`, { run: runId, min: minClients });
  // Clients flagged on some path, and on how many: a client whose only findings are on the
  // path being judged still counts as one of its readers; a client flagged elsewhere does not.
  await store.query(`CREATE OR REPLACE TEMP TABLE site_flagged AS
    SELECT e.ip, count(DISTINCT s.value) AS paths, min(s.value) AS one_path
      FROM events e JOIN strings s ON s.id = e.path_id WHERE e.run_id = $run AND e.flagged GROUP BY e.ip`, { run: runId });
}

/** Drops the tables of {@link stageSiteTables}. */
export async function dropSiteTables(store: Store): Promise<void> {
  await store.query('DROP TABLE IF EXISTS site_candidates');
  await store.query('DROP TABLE IF EXISTS site_decided');
  await store.query('DROP TABLE IF EXISTS site_clean');
  await store.query('DROP TABLE IF EXISTS site_flagged');
}

/** Per path, the readers the site served it to with success (paths served to none are left out). */
export async function servedReaders(store: Store, runId: number, paths: readonly string[]): Promise<Array<{ path: string; clients: number }>> {
  const rows = await store.query(
    `SELECT s.value AS path, count(DISTINCT e.ip) AS clients FROM events e JOIN strings s ON s.id = e.path_id LEFT JOIN site_flagged f ON f.ip = e.ip
      WHERE e.run_id = $run AND ${SUCCESS} AND list_contains(from_json($paths, '["VARCHAR"]'), s.value) AND ${READER}
      GROUP BY s.value`, { run: runId, paths: JSON.stringify(paths) });
  return rows.map((r) => ({ path: String(r.path), clients: Number(r.clients) }));
}

/** Every referer that led a reader to one of the paths, with the Host it was sent to (when logged). */
export async function referersToPaths(store: Store, runId: number, paths: readonly string[]): Promise<RefererToPath[]> {
  const rows = await store.query(
    `SELECT s.value AS path, r.value AS referer, ${PATH_OF} AS page, ${HOST_OF} AS rhost, coalesce(h.value, '') AS host, e.ip,
            ${PATH_OF} IN (SELECT path FROM site_clean) AS page_served
       FROM events e JOIN strings s ON s.id = e.path_id JOIN strings r ON r.id = e.referer_id LEFT JOIN strings h ON h.id = e.host_id
            LEFT JOIN site_flagged f ON f.ip = e.ip
      WHERE e.run_id = $run AND list_contains(from_json($paths, '["VARCHAR"]'), s.value) AND r.value LIKE '%://%' AND ${READER}`, { run: runId, paths: JSON.stringify(paths) });
  return rows.map((l) => ({
    path: String(l.path), referer: String(l.referer), page: String(l.page), rhost: String(l.rhost), host: String(l.host), ip: String(l.ip), pageServed: l.page_served === true,
  }));
}

/**
 * Of these referer hosts, those under which the run's referers name at least `minPages`
 * distinct pages (other than `/`) in `site_clean`.
 */
export async function hostsNamingServedPages(store: Store, runId: number, hosts: readonly string[], minPages: number): Promise<string[]> {
  const rows = await store.query(
    `SELECT rhost, count(DISTINCT page) AS pages FROM (
       SELECT ${HOST_OF} AS rhost, ${PATH_OF} AS page
         FROM (SELECT DISTINCT referer_id FROM events WHERE run_id = $run AND referer_id IS NOT NULL) x JOIN strings r ON r.id = x.referer_id)
      WHERE list_contains(from_json($hosts, '["VARCHAR"]'), rhost) AND page <> '/' AND page IN (SELECT path FROM site_clean)
      GROUP BY rhost HAVING count(DISTINCT page) >= $min`, { run: runId, hosts: JSON.stringify(hosts), min: minPages });
  return rows.map((r) => String(r.rhost));
}

/** Per folder (`/blog/tags/`), the pages of `site_clean` directly in it (folders with none are left out). */
export async function servedPagesPerFolder(store: Store, folders: readonly string[]): Promise<Array<{ folder: string; pages: number }>> {
  const rows = await store.query(
    `SELECT f.folder, count(*) AS pages FROM (SELECT unnest(from_json($folders, '["VARCHAR"]')) AS folder) f
       JOIN site_clean c ON starts_with(c.path, f.folder) AND strpos(substr(c.path, length(f.folder) + 1), '/') = 0 AND length(c.path) > length(f.folder)
      GROUP BY f.folder`, { folders: JSON.stringify(folders) });
  return rows.map((r) => ({ folder: String(r.folder), pages: Number(r.pages) }));
}

/**
 * Moves the findings decided in `site_decided` (their path and class) to `findings_set_aside`
 * with their reasons and un-flags requests left without a finding, in one transaction with
 * `commitWith`. Returns the number of requests un-flagged.
 */
export async function moveFindingsAside(store: Store, runId: number, commitWith: readonly Statement[]): Promise<number> {
  const params: Record<string, SqlValue> = { run: runId };
  // The findings to move: the run's request findings on the path, of a decided path and class;
  // with them go the line's other findings of the same rule (as when findings were moved one by one).
  const moved = `SELECT DISTINCT f.source_id, f.line, f.rule, d.reason
      FROM findings f JOIN events e ON e.run_id = f.run_id AND e.source_id = f.source_id AND e.line = f.line
      JOIN strings s ON s.id = e.path_id JOIN site_decided d ON d.path = s.value AND d.class = f.class
     WHERE f.run_id = $run AND f.scope = 'request' AND f.location = 'path'`;
  const [before] = await store.query(`SELECT count(*) AS n FROM events WHERE run_id = $run AND flagged`, params);
  await store.transaction([
    { sql: `CREATE OR REPLACE TEMP TABLE site_moved AS ${moved}`, params },
    {
      sql: `INSERT INTO findings_set_aside BY NAME SELECT f.*, k.reason AS set_aside_reason FROM findings f JOIN site_moved k
             ON f.run_id = $run AND f.source_id = k.source_id AND f.line = k.line AND f.rule = k.rule`,
      params,
    },
    { sql: `DELETE FROM findings f USING site_moved k WHERE f.run_id = $run AND f.source_id = k.source_id AND f.line = k.line AND f.rule = k.rule`, params },
    {
      sql: `UPDATE events e SET flagged = false FROM (SELECT DISTINCT source_id, line FROM site_moved) k
             WHERE e.run_id = $run AND e.source_id = k.source_id AND e.line = k.line AND e.flagged
               AND NOT EXISTS (SELECT 1 FROM findings f WHERE f.run_id = e.run_id AND f.source_id = e.source_id AND f.line = e.line)`,
      params,
    },
    { sql: 'DROP TABLE site_moved' },
    ...commitWith,
  ]);
  const [after] = await store.query(`SELECT count(*) AS n FROM events WHERE run_id = $run AND flagged`, params);
  return Number(before?.n ?? 0) - Number(after?.n ?? 0);
}
