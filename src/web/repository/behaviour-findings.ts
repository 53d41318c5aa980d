import type { SqlValue, Store } from '../../store/index.js';
import type { ClientFinding } from '../behaviour/make-finding.js';
import type { EventScope } from './behaviour-sql.js';

// The findings travel as one JSON parameter and are unpacked by DuckDB: one statement per
// batch instead of one per finding.
const SHAPE = JSON.stringify([{
  source_id: 'INTEGER', line: 'BIGINT', ts: 'BIGINT', ip: 'VARCHAR', class: 'VARCHAR', rule: 'VARCHAR',
  severity: 'TINYINT', location: 'VARCHAR', fragment: 'VARCHAR', window_start: 'BIGINT', window_end: 'BIGINT',
  reason: 'VARCHAR', raw: 'VARCHAR', evidence: 'JSON', reason_code: 'VARCHAR', reason_params: 'JSON',
}]);

/** Where a pass stages its findings until it swaps them in (a temporary table: this connection's own). */
const STAGE = 'behaviour_found';

/** A staged finding `s` and a stored one `f` say the same: same client, rule, window and words. */
const SAME = 's.ip = f.ip AND s.rule = f.rule AND s.window_start = f.window_start AND s.window_end = f.window_end AND s.reason = f.reason';

/** Creates the empty staging table of a pass. */
export async function stageClientFindings(store: Store): Promise<void> {
  await store.query(`CREATE OR REPLACE TEMP TABLE ${STAGE} AS SELECT * FROM findings LIMIT 0`);
}

/** Adds client-scope findings of a run to the staging table. */
export async function writeClientFindings(store: Store, runId: number, findings: readonly ClientFinding[]): Promise<void> {
  if (findings.length === 0) return;
  const rows = findings.map((f) => ({
    source_id: f.sourceId, line: f.line, ts: f.windowEnd, ip: f.ip, class: f.class, rule: f.rule,
    severity: f.severity, location: f.location, fragment: f.fragment, window_start: f.windowStart,
    window_end: f.windowEnd, reason: f.reason, raw: f.raw, evidence: f.evidence, reason_code: f.why.code, reason_params: f.why.params ?? {},
  }));
  await store.query(
    `INSERT INTO ${STAGE} (run_id, source_id, line, ts, ip, scope, class, rule, severity, location, fragment, window_start, window_end, reason, raw, evidence, reason_code, reason_params)
     SELECT $run, x.source_id, x.line, epoch_ms(x.ts), x.ip, 'client', x.class, x.rule, x.severity, x.location, x.fragment,
            epoch_ms(x.window_start), epoch_ms(x.window_end), x.reason, x.raw, x.evidence, x.reason_code, x.reason_params
       FROM (SELECT unnest(from_json($rows::JSON, '${SHAPE}')) AS x)`,
    { run: runId, rows: JSON.stringify(rows) },
  );
}

/**
 * Replaces, in one transaction, the client findings of these rules that an earlier pass over
 * the same scope wrote with the staged ones, so a pass can be repeated (`--follow` evaluates
 * again as events arrive) without duplicates, and readers never see the old findings gone
 * before the new ones are there. Drops the staging table.
 */
export async function swapClientFindings(store: Store, scope: EventScope, rules: readonly string[], commitWith: ReadonlyArray<{ sql: string; params?: Record<string, SqlValue> }> = []): Promise<void> {
  const range = [
    scope.fromMs !== undefined ? 'window_end >= make_timestamp($from_us)' : '',
    scope.toMs !== undefined ? 'window_start < make_timestamp($to_us)' : '',
  ].filter((c) => c !== '');
  // A finding found again unchanged keeps its row (and its place in the live stream): only
  // the ones that changed or went away are deleted, and only new or changed ones inserted.
  await store.transaction([
    {
      sql: `DELETE FROM findings f WHERE run_id = $run AND scope = 'client' AND list_contains(string_split($rules, ','), rule)${range.map((c) => ` AND ${c}`).join('')}
              AND NOT EXISTS (SELECT 1 FROM ${STAGE} s WHERE ${SAME})`,
      params: {
        run: scope.runId,
        rules: rules.join(','),
        ...(scope.fromMs !== undefined ? { from_us: scope.fromMs * 1000 } : {}),
        ...(scope.toMs !== undefined ? { to_us: scope.toMs * 1000 } : {}),
      },
    },
    {
      sql: `INSERT INTO findings SELECT * FROM ${STAGE} s
             WHERE NOT EXISTS (SELECT 1 FROM findings f WHERE f.run_id = s.run_id AND f.scope = 'client' AND ${SAME})`,
    },
    ...commitWith,
  ]);
}

/** Drops the staging table (after a swap, or when a pass failed). */
export async function dropStagedFindings(store: Store): Promise<void> {
  await store.query(`DROP TABLE IF EXISTS ${STAGE}`);
}

/** How many client findings a run has stored (all passes of a follow together). */
export async function clientFindingCount(store: Store, runId: number): Promise<number> {
  const [row] = await store.query("SELECT count(*) AS n FROM findings WHERE run_id = $run AND scope = 'client'", { run: runId });
  return Number(row?.n ?? 0);
}
