/**
 * What the site itself serves and links. A request finding on a path is set aside when the
 * site's own traffic shows the path is one of its pages: answered with success to several
 * clients and linked from its own pages, or one of many pages of a folder the site serves to
 * its readers. `/blog/tags/shell` is a tag page, not a web shell, when the site serves it to
 * crawlers and readers and its articles link it; `/files/dhcpd.conf` is an article's example
 * file, not a leaked configuration, when readers follow the article's link to it.
 *
 * Set aside, not deleted: the finding moves, unchanged, to `findings_set_aside` with the
 * reason in words, and its request stops counting as flagged. Deterministic (counts over the
 * run, fixed thresholds) and explainable (the reason names the figures and a linking page).
 */
import type { SqlValue, Store } from '../../store/index.js';
import { sameSite } from '../detect/same-site.js';
import { decideOwnResource, MIN_CLIENTS, type PathEvidence } from './own-resource-rule.js';

/** What the pass did, for the `web analyze --json` summary. */
export interface SetAsideStats {
  /** Request findings moved to `findings_set_aside`. */
  findings: number;
  /** Requests that no longer count as flagged. */
  requests: number;
  by_rule: Record<string, number>;
}

interface Candidate {
  sourceId: number;
  line: number;
  rule: string;
  class: string;
  path: string;
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
 * Sets aside the run's request findings on paths the site itself serves and links (see the
 * file comment and {@link decideOwnResource}). Run after the ingest, before behaviour and the
 * client table, which then count what is left. `commitWith` (a watermark) is committed with
 * the move, or alone when nothing is set aside.
 *
 * @example
 * const stats = await setAsideOwnResources(store, runId);
 */
export async function setAsideOwnResources(store: Store, runId: number, options: { commitWith?: ReadonlyArray<{ sql: string; params?: Record<string, SqlValue> }> } = {}): Promise<SetAsideStats> {
  const stats: SetAsideStats = { findings: 0, requests: 0, by_rule: {} };
  const commitWith = options.commitWith ?? [];
  const nothingToMove = async (): Promise<SetAsideStats> => {
    if (commitWith.length > 0) await store.transaction(commitWith);
    return stats;
  };
  const candidates = await candidateFindings(store, runId);
  if (candidates.length === 0) return nothingToMove();
  const paths = [...new Set(candidates.map((c) => c.path))];
  await store.query(`CREATE OR REPLACE TEMP TABLE site_clean AS
    SELECT DISTINCT s.value AS path FROM (
      SELECT e.path_id FROM events e WHERE e.run_id = $run AND NOT e.flagged AND ${SUCCESS}
       GROUP BY e.path_id HAVING count(DISTINCT e.ip) >= $min) c JOIN strings s ON s.id = c.path_id`, { run: runId, min: MIN_CLIENTS });
  // Clients flagged on some path, and on how many: a client whose only findings are on the
  // path being judged still counts as one of its readers; a client flagged elsewhere does not.
  await store.query(`CREATE OR REPLACE TEMP TABLE site_flagged AS
    SELECT e.ip, count(DISTINCT s.value) AS paths, min(s.value) AS one_path
      FROM events e JOIN strings s ON s.id = e.path_id WHERE e.run_id = $run AND e.flagged GROUP BY e.ip`, { run: runId });
  try {
    const evidence = await pathEvidence(store, runId, paths);
    const decided: Array<{ c: Candidate; reason: string }> = [];
    for (const c of candidates) {
      const reason = decideOwnResource(c.class, evidence.get(c.path)!);
      if (reason !== null) decided.push({ c, reason });
    }
    if (decided.length === 0) return await nothingToMove();
    stats.requests = await moveFindings(store, runId, decided, commitWith);
    stats.findings = decided.length;
    for (const { c } of decided) stats.by_rule[c.rule] = (stats.by_rule[c.rule] ?? 0) + 1;
    return stats;
  } finally {
    await store.query('DROP TABLE IF EXISTS site_clean');
    await store.query('DROP TABLE IF EXISTS site_flagged');
  }
}

/** Request findings of the run located on the path (the resource asked for). */
async function candidateFindings(store: Store, runId: number): Promise<Candidate[]> {
  const rows = await store.query(
    `SELECT f.source_id, f.line, f.rule, f.class, s.value AS path
       FROM findings f JOIN events e ON e.run_id = f.run_id AND e.source_id = f.source_id AND e.line = f.line
       JOIN strings s ON s.id = e.path_id
      WHERE f.run_id = $run AND f.scope = 'request' AND f.location = 'path'`, { run: runId });
  return rows.map((r) => ({ sourceId: Number(r.source_id), line: Number(r.line), rule: String(r.rule), class: String(r.class), path: String(r.path) }));
}

/** The evidence of each candidate path: who got it, who followed a link to it from where. */
async function pathEvidence(store: Store, runId: number, paths: readonly string[]): Promise<Map<string, PathEvidence>> {
  const out = new Map<string, PathEvidence>(paths.map((p) => [p, { path: p, servedClients: 0, linkedClients: 0, linkingPage: null, folderPages: 0, folder: folderOf(p) }]));
  const list = JSON.stringify(paths);
  for (const r of await store.query(
    `SELECT s.value AS path, count(DISTINCT e.ip) AS clients FROM events e JOIN strings s ON s.id = e.path_id LEFT JOIN site_flagged f ON f.ip = e.ip
      WHERE e.run_id = $run AND ${SUCCESS} AND list_contains(from_json($paths, '["VARCHAR"]'), s.value) AND ${READER}
      GROUP BY s.value`, { run: runId, paths: list })) {
    out.get(String(r.path))!.servedClients = Number(r.clients);
  }
  // Every referer that led to a candidate path, with the Host it was sent to (when logged).
  const links = await store.query(
    `SELECT s.value AS path, r.value AS referer, ${PATH_OF} AS page, ${HOST_OF} AS rhost, coalesce(h.value, '') AS host, e.ip,
            ${PATH_OF} IN (SELECT path FROM site_clean) AS page_served
       FROM events e JOIN strings s ON s.id = e.path_id JOIN strings r ON r.id = e.referer_id LEFT JOIN strings h ON h.id = e.host_id
            LEFT JOIN site_flagged f ON f.ip = e.ip
      WHERE e.run_id = $run AND list_contains(from_json($paths, '["VARCHAR"]'), s.value) AND r.value LIKE '%://%' AND ${READER}`, { run: runId, paths: list });
  const own = await ownHosts(store, runId, [...new Set(links.map((l) => String(l.rhost)).filter((h) => h !== ''))]);
  const linked = new Map<string, Set<string>>();
  for (const l of links) {
    const path = String(l.path);
    const page = String(l.page);
    if (page === '' || page === path || l.page_served !== true) continue;
    if (!sameSite(String(l.host), String(l.referer)) && !own.has(String(l.rhost))) continue;
    const e = out.get(path)!;
    e.linkingPage ??= page;
    let ips = linked.get(path);
    if (ips === undefined) linked.set(path, (ips = new Set()));
    ips.add(String(l.ip));
  }
  for (const [path, ips] of linked) out.get(path)!.linkedClients = ips.size;
  const folders = [...new Set([...out.values()].map((e) => e.folder).filter((f): f is string => f !== null))];
  if (folders.length > 0) {
    for (const r of await store.query(
      `SELECT f.folder, count(*) AS pages FROM (SELECT unnest(from_json($folders, '["VARCHAR"]')) AS folder) f
         JOIN site_clean c ON starts_with(c.path, f.folder) AND strpos(substr(c.path, length(f.folder) + 1), '/') = 0 AND length(c.path) > length(f.folder)
        GROUP BY f.folder`, { folders: JSON.stringify(folders) })) {
      for (const e of out.values()) if (e.folder === String(r.folder)) e.folderPages = Number(r.pages);
    }
  }
  return out;
}

/**
 * Referer hosts that are the site itself, for logs without a Host field: hosts under which
 * the run's referers name at least {@link MIN_CLIENTS} distinct pages (other than `/`) that
 * the site served without a finding. Another site's pages are not this site's paths.
 */
async function ownHosts(store: Store, runId: number, hosts: readonly string[]): Promise<Set<string>> {
  if (hosts.length === 0) return new Set();
  const rows = await store.query(
    `SELECT rhost, count(DISTINCT page) AS pages FROM (
       SELECT ${HOST_OF} AS rhost, ${PATH_OF} AS page
         FROM (SELECT DISTINCT referer_id FROM events WHERE run_id = $run AND referer_id IS NOT NULL) x JOIN strings r ON r.id = x.referer_id)
      WHERE list_contains(from_json($hosts, '["VARCHAR"]'), rhost) AND page <> '/' AND page IN (SELECT path FROM site_clean)
      GROUP BY rhost HAVING count(DISTINCT page) >= $min`, { run: runId, hosts: JSON.stringify(hosts), min: MIN_CLIENTS });
  return new Set(rows.map((r) => String(r.rhost)));
}

/** `/blog/tags/shell` → `/blog/tags/`; null for a path at the root (the root is every site's folder). */
export function folderOf(path: string): string | null {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? null : path.slice(0, slash + 1);
}

/**
 * Moves the findings to `findings_set_aside` with their reasons and un-flags requests left
 * without a finding, in one transaction. Returns the number of requests un-flagged.
 */
async function moveFindings(store: Store, runId: number, decided: ReadonlyArray<{ c: Candidate; reason: string }>, commitWith: ReadonlyArray<{ sql: string; params?: Record<string, SqlValue> }>): Promise<number> {
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
