import type { SqlValue, Store } from '../../store/index.js';
import type { BehaviourRow } from '../behaviour/make-finding.js';
import type { Scenario } from '../behaviour/scenario-schema.js';
import { clientUnitSql, DEFAULT_IPV6_PREFIX_LEN } from './client-unit.js';

/**
 * The SQL of a behaviour pass (web/behaviour): which events a scenario reads, the groups and
 * windows that can reach its thresholds, the site baseline, and the temporary tables the pass
 * pages through. detect-behaviour.ts calls the functions at the end of this file.
 */

/** Which events of the store a behaviour pass reads: one run, optionally a time range. */
export interface EventScope {
  runId: number;
  /** Epoch ms, inclusive; default: the run's first event. */
  fromMs?: number;
  /** Epoch ms, exclusive; default: after the run's last event. */
  toMs?: number;
}

/** A WHERE clause on `events e` and its `$name` parameters. */
export interface SqlFilter {
  where: string;
  params: Record<string, SqlValue>;
}

/**
 * The group key of a scenario as SQL over `events e`: the client (an IPv4 address, or an IPv6
 * prefix of `ipv6PrefixLen` bits: rotating through one's own /64 is one actor), or the
 * network (an IPv4 /24; for IPv6 the same prefix).
 */
export function groupSql(s: Scenario, ipv6PrefixLen = DEFAULT_IPV6_PREFIX_LEN): string {
  const unit = clientUnitSql('e.ip', ipv6PrefixLen);
  return s.group_by === 'client'
    ? unit
    // String slicing, not regexp_replace: a third of the cost on 1M rows (measured).
    : `CASE WHEN contains(e.ip, ':') THEN ${unit} ELSE left(e.ip, length(e.ip) - strpos(reverse(e.ip), '.')) || '.0/24' END`;
}

/**
 * The scenario's filter as SQL. Path and user-agent patterns run once over the `strings`
 * dictionary (far fewer rows than events) and select events by id, so a 10M-event run costs
 * one regex per distinct path, not per request. Methods and statuses are validated by the
 * schema (upper-case words, integers), so they are inlined; patterns travel as parameters.
 */
export function filterSql(s: Scenario, scope: EventScope): SqlFilter {
  const parts = ['e.run_id = $run', 'e.ts IS NOT NULL'];
  const params: Record<string, SqlValue> = { run: scope.runId };
  if (scope.fromMs !== undefined) {
    parts.push('e.ts >= make_timestamp($from_us)');
    params.from_us = scope.fromMs * 1000;
  }
  if (scope.toMs !== undefined) {
    parts.push('e.ts < make_timestamp($to_us)');
    params.to_us = scope.toMs * 1000;
  }
  const f = s.filter;
  if (f.methods) parts.push(`e.method IN (${f.methods.map((m) => `'${m}'`).join(', ')})`);
  if (f.status_in) parts.push(`e.status IN (${f.status_in.join(', ')})`);
  if (f.flagged !== undefined) parts.push(`e.flagged = ${f.flagged}`);
  const byString = (column: string, key: string, pattern: string | undefined, negate: boolean): void => {
    if (pattern === undefined) return;
    parts.push(`e.${column} ${negate ? 'NOT IN' : 'IN'} (SELECT id FROM strings WHERE regexp_matches(value, $${key}, 'i'))`);
    params[key] = pattern;
  };
  byString('path_id', 'path_re', f.path_pattern, false);
  byString('path_id', 'path_not_re', f.path_not_pattern, true);
  byString('user_agent_id', 'ua_re', f.user_agent_pattern, false);
  return { where: parts.join(' AND '), params };
}

/**
 * Statements that fill the temporary table `behaviour_rows` with the events that can matter:
 * those of groups and fixed buckets (`window_secs` long) where two adjacent buckets together
 * reach every threshold. Any window of `window_secs` lies within two adjacent buckets, and
 * counts (even distinct counts) of two buckets add up to at least those of the window, so no
 * episode is missed; everything else (the bulk of normal traffic) never leaves DuckDB.
 * The first statement aggregates narrow columns only (measured: carrying the wide columns
 * through the aggregation cost 4x); the second reads the wide columns of the hot rows.
 * `k` numbers the groups, for paging.
 */
export function hotRowsSql(s: Scenario, filter: SqlFilter, minRequests: number, ipv6PrefixLen = DEFAULT_IPV6_PREFIX_LEN): Array<{ sql: string; params: Record<string, SqlValue> }> {
  const w = s.window_secs * 1000;
  const g = groupSql(s, ipv6PrefixLen);
  // Distinct counts cost most; compute only those a threshold needs.
  const d = s.min_distinct_paths !== undefined ? 'count(DISTINCT path_id)' : '0';
  const c = s.min_distinct_clients !== undefined ? 'count(DISTINCT ip)' : '0';
  const next = (x: string): string => `${x} + CASE WHEN lead(b) OVER w = b + 1 THEN lead(${x}) OVER w ELSE 0 END`;
  const source = isRateScenario(s)
    ? `SELECT ${g} AS g, b, sum(n) AS n, 0 AS d, ${c} AS c FROM ${rateTable(s)} e GROUP BY ALL`
    : `SELECT ${g} AS g, epoch_ms(e.ts) // ${w} AS b, count(*) AS n, ${d} AS d, ${c} AS c
        FROM events e WHERE ${filter.where} GROUP BY ALL`;
  const hot = `
    CREATE OR REPLACE TEMP TABLE behaviour_hot AS
    WITH agg AS (${source}),
    pairs AS (
      SELECT g, b, ${next('n')} AS n2, ${next('d')} AS d2, ${next('c')} AS c2
        FROM agg WINDOW w AS (PARTITION BY g ORDER BY b))
    SELECT DISTINCT g, unnest([b, b + 1]) AS b FROM pairs
     WHERE n2 >= $min_n AND d2 >= $min_d AND c2 >= $min_c`;
  const rows = `
    CREATE OR REPLACE TEMP TABLE behaviour_rows AS
    SELECT dense_rank() OVER (ORDER BY h.g) AS k, row_number() OVER (PARTITION BY h.g ORDER BY e.ts, e.source_id, e.line) AS rn, h.g, e.ip, e.path_id, epoch_ms(e.ts) AS ts,
           e.method, e.query, e.status, e.line, e.source_id
      FROM events e JOIN behaviour_hot h ON h.g = ${g} AND h.b = epoch_ms(e.ts) // ${w}
     WHERE ${filter.where}`;
  return [
    { sql: hot, params: { ...(isRateScenario(s) ? {} : filter.params), min_n: minRequests, min_d: s.min_distinct_paths ?? 0, min_c: s.min_distinct_clients ?? 0 } },
    { sql: rows, params: filter.params },
  ];
}

/**
 * The site's own yardstick for a rate: the `percentile` of the per-group peak requests in one
 * fixed window, over every group of the run that the filter keeps. A rate scenario reads the
 * pass's {@link rateTable} unless `fromRates` is false (a baseline over other events than the pass's).
 */
export function baselineSql(s: Scenario, filter: SqlFilter, percentile: number, fromRates = isRateScenario(s), ipv6PrefixLen = DEFAULT_IPV6_PREFIX_LEN): { sql: string; params: Record<string, SqlValue> } {
  const w = s.window_secs * 1000;
  const counts = fromRates
    ? `SELECT ${groupSql(s, ipv6PrefixLen)} AS g, b, sum(n) AS n FROM ${rateTable(s)} e GROUP BY ALL`
    : `SELECT ${groupSql(s, ipv6PrefixLen)} AS g, epoch_ms(e.ts) // ${w} AS b, count(*) AS n FROM events e WHERE ${filter.where} GROUP BY ALL`;
  return {
    sql: `
      WITH peaks AS (SELECT g, max(n) AS m FROM (${counts}) GROUP BY g)
      SELECT coalesce(quantile_cont(m, $p), 0) AS q, count(*) AS groups FROM peaks`,
    params: { ...(fromRates ? {} : filter.params), p: percentile },
  };
}

/** Rows of groups `k` in (lo, hi], and of those rows `rn` in (rlo, rhi], with their strings, in time order within each group. */
const PAGE_SQL = `
  SELECT r.k, r.g, r.ip, r.ts, r.method, p.value AS path, r.query, r.status, r.line, r.source_id, s.path AS file
    FROM behaviour_rows r
    LEFT JOIN strings p ON p.id = r.path_id
    LEFT JOIN sources s ON s.source_id = r.source_id
   WHERE r.k > $lo AND r.k <= $hi AND r.rn > $rlo AND r.rn <= $rhi
   ORDER BY r.k, r.ts, r.source_id, r.line`;

/**
 * A rate scenario counts every request (no filter, no distinct paths): client and network
 * floods and their baselines all read one per-address, per-bucket count table instead of
 * scanning the events four times (the costliest part of the pass before this, measured).
 */
export function isRateScenario(s: Scenario): boolean {
  return Object.keys(s.filter).length === 0 && s.min_distinct_paths === undefined;
}

/** Name of the per-address request counts of a rate scenario's bucket size. */
export function rateTable(s: Scenario): string {
  return `behaviour_rate_${s.window_secs}`;
}

/** Fills {@link rateTable} for a scenario's bucket size (once per pass). */
export function rateTableSql(s: Scenario, filter: SqlFilter): { sql: string; params: Record<string, SqlValue> } {
  return {
    sql: `CREATE OR REPLACE TEMP TABLE ${rateTable(s)} AS
      SELECT e.ip, epoch_ms(e.ts) // ${s.window_secs * 1000} AS b, count(*) AS n FROM events e WHERE ${filter.where} GROUP BY ALL`,
    params: filter.params,
  };
}

/** One hot row of a page: its group's number (`k`) and key, and the request. */
export interface HotRow {
  k: number;
  group: string;
  row: BehaviourRow;
}

/** Fills the per-address counts of a rate scenario's bucket size (once per pass); returns the table's name, to drop. */
export async function fillRateTable(store: Store, s: Scenario, scope: EventScope): Promise<string> {
  const q = rateTableSql(s, filterSql(s, scope));
  await store.query(q.sql, q.params);
  return rateTable(s);
}

/** Finds the groups and buckets that can reach the thresholds (see {@link hotRowsSql}); returns how many. */
export async function findHotBuckets(store: Store, s: Scenario, filter: SqlFilter, minRequests: number, ipv6PrefixLen?: number): Promise<number> {
  const [findHot] = hotRowsSql(s, filter, minRequests, ipv6PrefixLen);
  await store.query(findHot!.sql, findHot!.params);
  const [hot] = await store.query('SELECT count(*) AS n FROM behaviour_hot');
  return Number(hot?.n ?? 0);
}

/** Reads the hot buckets' events into `behaviour_rows`; returns the rows of each group, `k` = 1, 2, ... in order. */
export async function stageHotRows(store: Store, s: Scenario, filter: SqlFilter, minRequests: number, ipv6PrefixLen?: number): Promise<number[]> {
  const [, readHot] = hotRowsSql(s, filter, minRequests, ipv6PrefixLen);
  await store.query(readHot!.sql, readHot!.params);
  const sizes = await store.query('SELECT k, count(*) AS n FROM behaviour_rows GROUP BY k ORDER BY k');
  return sizes.map((r) => Number(r.n));
}

/** Staged rows of groups `k` in (lo, hi], and of those rows `rn` in (rlo, rhi], in time order within each group. */
export async function hotRowsPage(store: Store, lo: number, hi: number, rlo: number, rhi: number): Promise<HotRow[]> {
  const rows = await store.query(PAGE_SQL, { lo, hi, rlo, rhi });
  return rows.map((r) => ({
    k: Number(r.k),
    group: String(r.g),
    row: {
      ip: String(r.ip),
      ts: Number(r.ts),
      method: String(r.method),
      path: String(r.path ?? ''),
      query: String(r.query ?? ''),
      status: Number(r.status),
      line: Number(r.line),
      sourceId: Number(r.source_id),
      file: String(r.file ?? ''),
    },
  }));
}

/** The site baseline of a scenario (see {@link baselineSql}): the percentile of per-group peaks, and over how many groups. */
export async function scenarioBaseline(store: Store, s: Scenario, filter: SqlFilter, percentile: number, fromRates?: boolean, ipv6PrefixLen?: number): Promise<{ percentile: number; groups: number }> {
  const q = baselineSql(s, filter, percentile, fromRates, ipv6PrefixLen);
  const [row] = await store.query(q.sql, q.params);
  return { percentile: Number(row?.q ?? 0), groups: Number(row?.groups ?? 0) };
}

/** Drops the pass's temporary tables (the hot buckets and rows, and the rate tables it filled). */
export async function dropPassTables(store: Store, rateTables: Iterable<string>): Promise<void> {
  await store.query('DROP TABLE IF EXISTS behaviour_rows');
  await store.query('DROP TABLE IF EXISTS behaviour_hot');
  for (const table of rateTables) await store.query(`DROP TABLE IF EXISTS ${table}`);
}

/** The latest event time of a run (epoch ms), or null when it has none. */
export async function latestEventMs(store: Store, runId: number): Promise<number | null> {
  const [row] = await store.query('SELECT epoch_ms(max(ts)) AS t FROM events WHERE run_id = $run', { run: runId });
  return row?.t === null || row?.t === undefined ? null : Number(row.t);
}

/** The earliest start of the run's client findings of these rules still open at `fromMs` (epoch ms), or null. */
export async function earliestOpenFinding(store: Store, runId: number, fromMs: number, rules: readonly string[]): Promise<number | null> {
  const [row] = await store.query(
    `SELECT epoch_ms(min(window_start)) AS t FROM findings
      WHERE run_id = $run AND scope = 'client' AND window_end >= make_timestamp($from_us)
        AND list_contains(string_split($rules, ','), rule)`,
    { run: runId, from_us: fromMs * 1000, rules: rules.join(',') },
  );
  return row?.t === null || row?.t === undefined ? null : Number(row.t);
}
