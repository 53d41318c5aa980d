import { emptyEvent, type Finding, type WebEvent } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { flaggedClientsOfRun, insertRequestFindings, runRequestsPage } from '../repository/warmup-requests.js';
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
  const flagged = new Set(await flaggedClientsOfRun(store, runId));
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
    if (pending.length >= INSERT_ROWS) result.findings += await insertRequestFindings(store, runId, pending.splice(0));
  }
  result.findings += await insertRequestFindings(store, runId, pending);
  return result;
}

/** The run's stored requests in file and line order, from row `skip`, at most `limit`. */
async function* storedRequests(store: Store, runId: number, skip: number, limit: number): AsyncGenerator<LearnItem & { sourceId: number }> {
  let offset = skip;
  const end = skip + limit;
  while (offset < end) {
    const rows = await runRequestsPage(store, runId, Math.min(PAGE_ROWS, end - offset), offset);
    if (rows.length === 0) return;
    offset += rows.length;
    for (const row of rows) {
      const event: WebEvent = { ...emptyEvent(), ts: row.tsMs, ip: row.ip, method: row.method, path: row.path, query: row.query, status: row.status, body: row.body };
      yield { event, source: { file: row.file, line: row.line }, sourceId: row.sourceId };
    }
  }
}
