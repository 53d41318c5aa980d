import type { SqlValue, Store } from '../../store/index.js';
import type { Statement } from './step-watermarks.js';

/**
 * The SQL of setting aside findings on the site's own resources (web/site/own-resources.ts):
 * the candidate findings, what the run's traffic says of their paths, and the move to
 * `findings_set_aside`. The temporary tables `site_clean` (paths the site served with success
 * to enough clients, unflagged) and `site_flagged` (flagged clients, on how many paths) live
 * from {@link stageSiteTables} to {@link dropSiteTables}.
 */

/** A request finding of the run located on the path. */
export interface SetAsideCandidate {
  sourceId: number;
  line: number;
  rule: string;
  class: string;
  path: string;
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

/** Request findings of the run located on the path (the resource asked for). */
export async function setAsideCandidates(store: Store, runId: number): Promise<SetAsideCandidate[]> {
  const rows = await store.query(
    `SELECT f.source_id, f.line, f.rule, f.class, s.value AS path
       FROM findings f JOIN events e ON e.run_id = f.run_id AND e.source_id = f.source_id AND e.line = f.line
       JOIN strings s ON s.id = e.path_id
      WHERE f.run_id = $run AND f.scope = 'request' AND f.location = 'path'`, { run: runId });
  return rows.map((r) => ({ sourceId: Number(r.source_id), line: Number(r.line), rule: String(r.rule), class: String(r.class), path: String(r.path) }));
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
 * Moves the findings to `findings_set_aside` with their reasons and un-flags requests left
 * without a finding, in one transaction with `commitWith`. Returns the number of requests un-flagged.
 */
export async function moveFindingsAside(store: Store, runId: number, decided: ReadonlyArray<{ c: SetAsideCandidate; reason: string }>, commitWith: readonly Statement[]): Promise<number> {
  const rows = decided.map(({ c, reason }) => ({ s: c.sourceId, l: c.line, r: c.rule, why: reason }));
  const params: Record<string, SqlValue> = { run: runId, rows: JSON.stringify(rows) };
  const keys = `(SELECT x.s, x.l, x.r, x.why FROM (SELECT unnest(from_json($rows, '[{"s":"INTEGER","l":"BIGINT","r":"VARCHAR","why":"VARCHAR"}]')) AS x))`;
  const match = 'f.run_id = $run AND f.source_id = k.s AND f.line = k.l AND f.rule = k.r';
  const [before] = await store.query(`SELECT count(*) AS n FROM events WHERE run_id = $run AND flagged`, { run: runId });
  await store.transaction([
    { sql: `INSERT INTO findings_set_aside BY NAME SELECT f.*, k.why AS set_aside_reason FROM findings f JOIN ${keys} k ON ${match}`, params },
    { sql: `DELETE FROM findings f USING ${keys} k WHERE ${match}`, params },
    {
      sql: `UPDATE events e SET flagged = false FROM ${keys} k
             WHERE e.run_id = $run AND e.source_id = k.s AND e.line = k.l AND e.flagged
               AND NOT EXISTS (SELECT 1 FROM findings f WHERE f.run_id = e.run_id AND f.source_id = e.source_id AND f.line = e.line)`,
      params,
    },
    ...commitWith,
  ]);
  const [after] = await store.query(`SELECT count(*) AS n FROM events WHERE run_id = $run AND flagged`, { run: runId });
  return Number(before?.n ?? 0) - Number(after?.n ?? 0);
}
