import type { SqlValue, Store } from '../../store/index.js';

/** The steps after the ingest, in the order they run. */
export const POST_INGEST_STEPS = ['site', 'behaviour', 'clients', 'origins', 'campaigns'] as const;
export type PostIngestStep = (typeof POST_INGEST_STEPS)[number];

/** A statement to commit with a step's results (see {@link Store.transaction}). */
export interface Statement {
  sql: string;
  params?: Record<string, SqlValue>;
}

/**
 * Steps over every client (clients, origins, campaigns) keep one row under this run id: their
 * work covers the whole store, not one run.
 */
const STORE_WIDE = 0;

/**
 * The statements that record how far a step got: to run in the transaction that stores the
 * results they describe, so the watermark and the results are both there or neither is.
 *
 * @example
 * await store.transaction([...results, ...markStep('site', runId, null, true)]);
 */
export function markStep(step: PostIngestStep, runId: number | null, position: unknown, done: boolean): Statement[] {
  const p = { step, run: runId ?? STORE_WIDE };
  return [
    { sql: 'DELETE FROM web_step_watermarks WHERE step = $step AND run_id = $run', params: p },
    {
      sql: 'INSERT INTO web_step_watermarks (step, run_id, position, done) VALUES ($step, $run, $pos, $done)',
      params: { ...p, pos: position === null || position === undefined ? null : JSON.stringify(position), done },
    },
  ];
}

/** Whether a per-run step finished for this run. */
export async function stepDone(store: Store, step: PostIngestStep, runId: number): Promise<boolean> {
  const [row] = await store.query('SELECT done FROM web_step_watermarks WHERE step = $step AND run_id = $run', { step, run: runId });
  return row?.done === true;
}

/** Where a store-wide step stands: its position (parsed) and whether it finished; undefined if it never ran. */
export async function storeWidePosition<T>(store: Store, step: PostIngestStep): Promise<{ position: T | null; done: boolean } | undefined> {
  const [row] = await store.query('SELECT position, done FROM web_step_watermarks WHERE step = $step AND run_id = $run', { step, run: STORE_WIDE });
  if (row === undefined) return undefined;
  return { position: row.position === null ? null : (JSON.parse(String(row.position)) as T), done: row.done === true };
}

/**
 * Runs of `web analyze` (up to `upTo`) whose per-run steps have not all finished: the current
 * run, and any earlier one killed after its lines were stored. A rerun completes them, so
 * their findings are the ones an uninterrupted run would have stored.
 */
export async function pendingRuns(store: Store, upTo: number, steps: readonly PostIngestStep[]): Promise<number[]> {
  const rows = await store.query(
    `SELECT r.run_id FROM runs r
      WHERE r.command = 'web analyze' AND r.run_id <= $upto
        AND (SELECT count(*) FROM web_step_watermarks w
              WHERE w.run_id = r.run_id AND w.done AND list_contains(string_split($steps, ','), w.step)) < $n
      ORDER BY r.run_id`,
    { upto: upTo, steps: steps.join(','), n: steps.length },
  );
  return rows.map((r) => Number(r.run_id));
}

/**
 * What the store-wide steps read, summed up: a stored position is resumed only when these
 * figures are still the same (nothing was stored, set aside or found since it was written).
 */
export async function inputsSignature(store: Store): Promise<string> {
  const [row] = await store.query(`
    SELECT (SELECT count(*) FROM events) AS events, (SELECT count(*) FILTER (WHERE flagged) FROM events) AS flagged,
           (SELECT coalesce(max(run_id), 0) FROM events) AS last_run, (SELECT count(*) FROM findings) AS findings,
           (SELECT count(*) FROM findings_set_aside) AS set_aside`);
  return [row!.events, row!.flagged, row!.last_run, row!.findings, row!.set_aside].map(String).join('/');
}
