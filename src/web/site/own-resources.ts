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
import {
  candidatesPage, dropSiteTables, hostsNamingServedPages, moveFindingsAside, referersToPaths, servedPagesPerFolder, servedReaders, stageCandidates, stageDecisions,
  stageSiteTables, type SetAsideDecision,
} from '../repository/own-resources.js';
import { decideOwnResource, MIN_CLIENTS, type PathEvidence } from './own-resource-rule.js';

/** What the pass did, for the `web analyze --json` summary. */
export interface SetAsideStats {
  /** Request findings moved to `findings_set_aside`. */
  findings: number;
  /** Requests that no longer count as flagged. */
  requests: number;
  by_rule: Record<string, number>;
}

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
  try {
    if (await stageCandidates(store, runId) === 0) return await nothingToMove();
    await stageSiteTables(store, runId, MIN_CLIENTS);
    // A page of paths at a time: a log probing a million distinct paths is judged in pages.
    let after: string | null = null;
    for (;;) {
      const candidates = await candidatesPage(store, after, PATHS_PER_PAGE);
      if (candidates.length === 0) break;
      after = candidates[candidates.length - 1]!.path;
      const evidence = await pathEvidence(store, runId, [...new Set(candidates.map((c) => c.path))]);
      const decided: SetAsideDecision[] = [];
      for (const c of candidates) {
        const reason = decideOwnResource(c.class, evidence.get(c.path)!);
        if (reason === null) continue;
        // One decision per path and class (the rules of a class share it).
        if (decided.at(-1)?.path !== c.path || decided.at(-1)?.class !== c.class) decided.push({ path: c.path, class: c.class, reason });
        stats.findings += c.findings;
        stats.by_rule[c.rule] = (stats.by_rule[c.rule] ?? 0) + c.findings;
      }
      await stageDecisions(store, decided);
    }
    if (stats.findings === 0) return await nothingToMove();
    stats.requests = await moveFindingsAside(store, runId, commitWith);
    return stats;
  } finally {
    await dropSiteTables(store);
  }
}

/** Candidate paths judged together at most (their evidence is read in one set of queries). */
const PATHS_PER_PAGE = 5_000;

/** The evidence of each candidate path: who got it, who followed a link to it from where. */
async function pathEvidence(store: Store, runId: number, paths: readonly string[]): Promise<Map<string, PathEvidence>> {
  const out = new Map<string, PathEvidence>(paths.map((p) => [p, { path: p, servedClients: 0, linkedClients: 0, linkingPage: null, folderPages: 0, folder: folderOf(p) }]));
  for (const r of await servedReaders(store, runId, paths)) out.get(r.path)!.servedClients = r.clients;
  // Every referer that led to a candidate path, with the Host it was sent to (when logged).
  const links = await referersToPaths(store, runId, paths);
  const own = await ownHosts(store, runId, [...new Set(links.map((l) => l.rhost).filter((h) => h !== ''))]);
  const linked = new Map<string, Set<string>>();
  for (const l of links) {
    const path = l.path;
    const page = l.page;
    if (page === '' || page === path || !l.pageServed) continue;
    if (!sameSite(l.host, l.referer) && !own.has(l.rhost)) continue;
    const e = out.get(path)!;
    e.linkingPage ??= page;
    let ips = linked.get(path);
    if (ips === undefined) linked.set(path, (ips = new Set()));
    ips.add(l.ip);
  }
  for (const [path, ips] of linked) out.get(path)!.linkedClients = ips.size;
  const folders = [...new Set([...out.values()].map((e) => e.folder).filter((f): f is string => f !== null))];
  if (folders.length > 0) {
    for (const r of await servedPagesPerFolder(store, folders)) {
      for (const e of out.values()) if (e.folder === r.folder) e.folderPages = r.pages;
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
  return new Set(await hostsNamingServedPages(store, runId, hosts, MIN_CLIENTS));
}

/** `/blog/tags/shell` → `/blog/tags/`; null for a path at the root (the root is every site's folder). */
export function folderOf(path: string): string | null {
  const slash = path.lastIndexOf('/');
  return slash <= 0 ? null : path.slice(0, slash + 1);
}
