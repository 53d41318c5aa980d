import { emptyEvent, type Finding, type WebEvent } from '../../core/index.js';
import type { SqlValue, Store } from '../../store/index.js';
import { createBaselineDetector } from './detector.js';
import { learnBaseline, type LearnItem } from './learn.js';
import type { TrainingFigures } from './learner.js';
import type { BaselineModel } from './model.js';

/** What `web analyze --learn-warmup N` did after the ingest. */
export interface WarmupResult {
  model: BaselineModel;
  training: TrainingFigures;
  /** Requests of the run checked against the baseline (those after the warm-up). */
  checked: number;
  findings: number;
  requestsFlagged: number;
}

const PAGE_ROWS = 20_000;
const INSERT_ROWS = 200;

/**
 * Learn a baseline from the first `warmup` requests of a run already stored (in file and line
 * order, leaving out every client a signature flagged in the run), then check the run's other
 * requests against it and store their `anomaly` findings.
 *
 * Why after the ingest: the parsing workers share no state, so "the first N requests" are
 * only known once every chunk is stored; learning after the ingest gives the same baseline
 * whatever the number of workers, and the signature findings of the whole run are known, so
 * an attacker's early requests are not learned as normal. The warm-up requests themselves are
 * not checked: they are the training set.
 */
export async function learnWarmupFromStore(store: Store, runId: number, warmup: number): Promise<WarmupResult> {
  const flagged = new Set((await store.query('SELECT DISTINCT ip FROM findings WHERE run_id = $r', { r: runId })).map((r) => String(r.ip)));
  const learnRows = async function* (): AsyncGenerator<LearnItem> {
    for await (const item of storedRequests(store, runId, 0, warmup)) yield item;
  };
  const { model, training } = await learnBaseline(learnRows, { clientsKnown: true, flaggedClients: flagged });
  const detector = createBaselineDetector(model);
  const result: WarmupResult = { model, training, checked: 0, findings: 0, requestsFlagged: 0 };
  const pending: Array<{ f: Finding; sourceId: number; raw: string }> = [];
  const found: Finding[] = [];
  for await (const { event, source, sourceId } of storedRequests(store, runId, warmup, Number.MAX_SAFE_INTEGER)) {
    result.checked++;
    found.length = 0;
    detector.inspect(event, source, found);
    if (found.length === 0) continue;
    result.requestsFlagged++;
    const raw = `${event.method} ${event.path}${event.query ? '?' + event.query : ''}`;
    for (const f of found) pending.push({ f, sourceId, raw });
    if (pending.length >= INSERT_ROWS) result.findings += await insertFindings(store, runId, pending.splice(0));
  }
  result.findings += await insertFindings(store, runId, pending);
  return result;
}

/** The run's stored requests in file and line order, from row `skip`, at most `limit`. */
async function* storedRequests(store: Store, runId: number, skip: number, limit: number): AsyncGenerator<LearnItem & { sourceId: number }> {
  let offset = skip;
  const end = skip + limit;
  while (offset < end) {
    const rows = await store.query(
      `SELECT source_id, line, epoch_ms(ts) AS ts_ms, ip, method, path, query, status, body, (SELECT path FROM sources s WHERE s.source_id = r.source_id) AS file
         FROM requests r WHERE run_id = $r ORDER BY source_id, line LIMIT $n OFFSET $o`,
      { r: runId, n: Math.min(PAGE_ROWS, end - offset), o: offset },
    );
    if (rows.length === 0) return;
    offset += rows.length;
    for (const row of rows) {
      const event: WebEvent = { ...emptyEvent(), ts: Number(row.ts_ms ?? 0), ip: String(row.ip ?? ''), method: String(row.method ?? ''), path: String(row.path ?? ''), query: String(row.query ?? ''), status: Number(row.status ?? -1), body: String(row.body ?? '') };
      yield { event, source: { file: String(row.file ?? ''), line: Number(row.line) }, sourceId: Number(row.source_id) };
    }
  }
}

/** Store findings and mark their requests as flagged; returns how many were stored. */
async function insertFindings(store: Store, runId: number, rows: ReadonlyArray<{ f: Finding; sourceId: number; raw: string }>): Promise<number> {
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
