import type { Params } from '../../core/module/index.js';
import type { SqlValue, Store } from '../../store/index.js';
import { loadScenarios } from './load-scenarios.js';
import { episodeFindings, type ClientFinding } from './make-finding.js';
import type { Scenario } from './scenario-schema.js';
import {
  dropPassTables, fillRateTable, filterSql, findHotBuckets, hotRowsPage, isRateScenario, rateTable, scenarioBaseline, stageHotRows,
  type EventScope, type SqlFilter,
} from '../repository/behaviour-sql.js';
import { findEpisodes, type WindowThresholds } from './sliding-window.js';
import { dropStagedFindings, stageClientFindings, swapClientFindings, writeClientFindings } from '../repository/behaviour-findings.js';

/** Options of {@link detectBehaviour}. */
export interface BehaviourOptions {
  /** Scenarios to run (default: the shipped `rules/behaviour`). */
  scenarios?: Scenario[];
  /** Rows read into JavaScript at a time (whole groups; a bigger group is read alone). */
  maxRowsPerPage?: number;
  /**
   * Events the site baselines are taken from (default: the pass's own scope). A pass while
   * following a log covers minutes; the yardstick of normal traffic should cover hours.
   */
  baselineScope?: EventScope;
  /** IPv6 clients are grouped per prefix of this many bits (default 64). */
  ipv6PrefixLen?: number;
  /** Statements committed with the pass's findings (how far the analysis got). */
  commitWith?: ReadonlyArray<{ sql: string; params?: Record<string, SqlValue> }>;
}

/** What a behaviour pass did, for summaries and metrics. */
export interface BehaviourStats {
  scenarios: number;
  /** Events that reached the sliding windows (the rest were ruled out in SQL). */
  rows_examined: number;
  findings: number;
  findings_by_rule: Record<string, number>;
  duration_ms: number;
}

const FLUSH_FINDINGS = 500;

/**
 * Runs the behaviour scenarios over the stored events of a run (or of a time range of it, for
 * `--follow`), and stores one client-scope finding per episode and client. Replaces what an
 * earlier pass over the same scope found, in one transaction at the end, so it can run again
 * as events arrive and readers never see the findings half replaced.
 *
 * Memory stays bounded: SQL keeps only the groups and windows that can reach a threshold, and
 * those rows are read a page of groups at a time.
 *
 * @example
 * const stats = await detectBehaviour(store, { runId });
 */
export async function detectBehaviour(store: Store, scope: EventScope, options: BehaviourOptions = {}): Promise<BehaviourStats> {
  const started = Date.now();
  const scenarios = options.scenarios ?? loadScenarios();
  const stats: BehaviourStats = { scenarios: scenarios.length, rows_examined: 0, findings: 0, findings_by_rule: {}, duration_ms: 0 };
  await stageClientFindings(store);
  let pending: ClientFinding[] = [];
  const rateTables = new Set<string>();
  const flush = async (): Promise<void> => {
    await writeClientFindings(store, scope.runId, pending);
    pending = [];
  };
  try {
    for (const s of scenarios) {
      if (isRateScenario(s) && !rateTables.has(rateTable(s))) rateTables.add(await fillRateTable(store, s, scope));
      await runScenario(store, s, scope, options, stats, async (found) => {
        pending.push(...found);
        stats.findings += found.length;
        stats.findings_by_rule[s.id] = (stats.findings_by_rule[s.id] ?? 0) + found.length;
        if (pending.length >= FLUSH_FINDINGS) await flush();
      });
    }
    await flush();
    await swapClientFindings(store, scope, scenarios.map((s) => s.id), options.commitWith ?? []);
  } finally {
    await dropStagedFindings(store);
    await dropPassTables(store, rateTables);
  }
  stats.duration_ms = Date.now() - started;
  return stats;
}

async function runScenario(
  store: Store, s: Scenario, scope: EventScope, options: BehaviourOptions, stats: BehaviourStats,
  emit: (found: ClientFinding[]) => Promise<void>,
): Promise<void> {
  // Each row read becomes a JavaScript object: 10k a page kept a 10M-line pass at 431 MB peak
  // where 100k took 726 MB, and ran no slower (19.8 s against 23.9 s; measured standalone).
  const maxRows = options.maxRowsPerPage ?? 10_000;
  const filter = filterSql(s, scope);
  const { thresholds, note } = await resolveThresholds(store, s, options.baselineScope === undefined ? undefined : filterSql(s, options.baselineScope), filter, options.ipv6PrefixLen);
  const minRequests = thresholds.minRequests ?? 0;
  // Most scenarios find nothing hot on most runs: then the events are not read a second time.
  if (await findHotBuckets(store, s, filter, minRequests, options.ipv6PrefixLen) === 0) return;
  const sizes = await stageHotRows(store, s, filter, minRequests, options.ipv6PrefixLen);
  for (const [lo, hi, rlo, rhi] of pages(sizes, maxRows)) {
    const rows = await hotRowsPage(store, lo, hi, rlo, rhi);
    stats.rows_examined += rows.length;
    let start = 0;
    for (let i = 1; i <= rows.length; i++) {
      if (i < rows.length && rows[i]!.k === rows[start]!.k) continue;
      const group = rows.slice(start, i).map((r) => r.row);
      const found = findEpisodes(group, thresholds).flatMap((ep) => episodeFindings(s, rows[start]!.group, group, ep, thresholds, note));
      if (found.length > 0) await emit(found);
      start = i;
    }
  }
}

/**
 * Thresholds of a scenario, with its site baseline applied (and the words that explain it).
 * The baseline is read from `baselineFilter`'s events when given, else from the pass's own.
 */
async function resolveThresholds(store: Store, s: Scenario, baselineFilter: SqlFilter | undefined, filter: SqlFilter, ipv6PrefixLen?: number): Promise<{ thresholds: WindowThresholds; note: Params }> {
  const thresholds: WindowThresholds = {
    windowMs: s.window_secs * 1000,
    minRequests: s.min_requests,
    minDistinctPaths: s.min_distinct_paths,
    minDistinctClients: s.min_distinct_clients,
    maxRequestsPerClient: s.max_requests_per_client,
  };
  if (s.baseline === undefined) return { thresholds, note: {} };
  const { percentile, groups } = baselineFilter === undefined
    ? await scenarioBaseline(store, s, filter, s.baseline.percentile, undefined, ipv6PrefixLen)
    : await scenarioBaseline(store, s, baselineFilter, s.baseline.percentile, false, ipv6PrefixLen);
  if (groups < s.baseline.min_groups) return { thresholds, note: { note: 'floor', groups } };
  const fromBaseline = Math.ceil(percentile * s.baseline.multiplier);
  thresholds.minRequests = Math.max(s.min_requests ?? 0, fromBaseline);
  return {
    thresholds,
    note: { note: 'baseline', floor: s.min_requests ?? null, multiplier: s.baseline.multiplier, percentile: Math.round(s.baseline.percentile * 1000) / 10, peak: round1(percentile), groups },
  };
}

/**
 * Rows of one group judged together at most. A bigger group (an IPv6 /64 sprayed with a
 * million addresses is one) is judged in consecutive slices of this many rows in time order,
 * so memory stays bounded: an episode that crosses a slice boundary is reported as two
 * findings. 1M hot rows of one group read at once took the process to 1.2 GB (measured).
 */
export const MAX_GROUP_ROWS = 50_000;

/**
 * Page boundaries of about `maxRows` rows, whole groups: [lo, hi, rlo, rhi], k in (lo, hi]
 * and row numbers in (rlo, rhi]; a group over {@link MAX_GROUP_ROWS} rows gets pages of its own.
 */
function pages(groupSizes: readonly number[], maxRows: number): Array<[number, number, number, number]> {
  const out: Array<[number, number, number, number]> = [];
  const all = Number.MAX_SAFE_INTEGER;
  let lo = 0;
  let rows = 0;
  for (let k = 1; k <= groupSizes.length; k++) {
    const size = groupSizes[k - 1]!;
    if (size > MAX_GROUP_ROWS) {
      if (k - 1 > lo) out.push([lo, k - 1, 0, all]);
      for (let r = 0; r < size; r += MAX_GROUP_ROWS) out.push([k - 1, k, r, r + MAX_GROUP_ROWS]);
      lo = k;
      rows = 0;
      continue;
    }
    rows += size;
    if (rows >= maxRows || k === groupSizes.length) {
      out.push([lo, k, 0, all]);
      lo = k;
      rows = 0;
    }
  }
  return out;
}

function round1(n: number): number {
  return Math.round(n * 10) / 10;
}
