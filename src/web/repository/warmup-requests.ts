import type { Finding } from '../../core/index.js';
import type { SqlValue, Store } from '../../store/index.js';

/**
 * The SQL of `web analyze --learn-warmup N` (web/baseline/warmup.ts): the run's stored
 * requests in file and line order, its flagged clients, and the anomaly findings it stores.
 */

/** One stored request of a run, as the baseline learns and checks it. */
export interface StoredRequest {
  sourceId: number;
  line: number;
  /** Epoch ms; 0 when the line had no time. */
  tsMs: number;
  ip: string;
  method: string;
  path: string;
  query: string;
  /** -1 when the line had none. */
  status: number;
  body: string;
  /** The source's path as stored. */
  file: string;
}

/** Addresses with a finding in the run. */
export async function flaggedClientsOfRun(store: Store, runId: number): Promise<string[]> {
  return (await store.query('SELECT DISTINCT ip FROM findings WHERE run_id = $r', { r: runId })).map((r) => String(r.ip));
}

/** The run's stored requests in file and line order, `limit` from row `offset`. */
export async function runRequestsPage(store: Store, runId: number, limit: number, offset: number): Promise<StoredRequest[]> {
  const rows = await store.query(
    `SELECT source_id, line, epoch_ms(ts) AS ts_ms, ip, method, path, query, status, body, (SELECT path FROM sources s WHERE s.source_id = r.source_id) AS file
       FROM requests r WHERE run_id = $r ORDER BY source_id, line LIMIT $n OFFSET $o`,
    { r: runId, n: limit, o: offset },
  );
  return rows.map((row) => ({
    sourceId: Number(row.source_id), line: Number(row.line), tsMs: Number(row.ts_ms ?? 0), ip: String(row.ip ?? ''), method: String(row.method ?? ''),
    path: String(row.path ?? ''), query: String(row.query ?? ''), status: Number(row.status ?? -1), body: String(row.body ?? ''), file: String(row.file ?? ''),
  }));
}

/** Stores request findings of the run and marks their requests as flagged; returns how many were stored. */
export async function insertRequestFindings(store: Store, runId: number, rows: ReadonlyArray<{ f: Finding; sourceId: number; raw: string }>): Promise<number> {
  if (rows.length === 0) return 0;
  const params: Record<string, SqlValue> = { r: runId };
  const values = rows.map(({ f, sourceId, raw }, i) => {
    Object.assign(params, { [`s${i}`]: sourceId, [`l${i}`]: f.line, [`t${i}`]: f.ts, [`ip${i}`]: f.ip, [`c${i}`]: f.class, [`u${i}`]: f.rule, [`v${i}`]: f.severity, [`o${i}`]: f.location, [`g${i}`]: f.fragment, [`e${i}`]: f.reason, [`w${i}`]: raw, [`rc${i}`]: f.why.code, [`rp${i}`]: JSON.stringify(f.why.params ?? {}) });
    return `($r, $s${i}, $l${i}, CASE WHEN $t${i} > 0 THEN epoch_ms($t${i}::BIGINT) END, $ip${i}, 'request', $c${i}, $u${i}, $v${i}, $o${i}, $g${i}, NULL, NULL, $e${i}, $w${i}, $rc${i}, $rp${i})`;
  });
  await store.query(
    `INSERT INTO findings (run_id, source_id, line, ts, ip, scope, class, rule, severity, location, fragment, window_start, window_end, reason, raw, reason_code, reason_params) VALUES ${values.join(', ')}`,
    params,
  );
  const keys: Record<string, SqlValue> = { r: runId };
  rows.forEach(({ f, sourceId }, i) => Object.assign(keys, { [`s${i}`]: sourceId, [`l${i}`]: f.line }));
  const list = rows.map((_, i) => `($s${i}, $l${i})`).join(', ');
  await store.query(`UPDATE events SET flagged = true WHERE run_id = $r AND (source_id, line) IN (${list})`, keys);
  return rows.length;
}
