import type { SqlValue, Store } from '../../store/index.js';

/** Where newly stored lines are: one source file of one run, after a line number. */
export interface ArrivedLines {
  runId: number;
  /** The source's path as stored (absolute). */
  path: string;
  /** Lines up to this one (1-based) were stored before. */
  afterLine: number;
}

/**
 * The addresses of newly stored lines that have no origin yet, in address order.
 *
 * @example
 * await unattributedArrivals(store, { runId: 3, path: '/var/spool/vigie/http.log', afterLine: 1200 }) // ['8.8.8.8']
 */
export async function unattributedArrivals(store: Store, lines: ArrivedLines): Promise<string[]> {
  const rows = await store.query(`
    SELECT DISTINCT e.ip FROM events e ANTI JOIN client_origins o ON o.ip = e.ip
     WHERE e.run_id = $r AND e.line > $after AND e.source_id IN (SELECT source_id FROM sources WHERE path = $p)
     ORDER BY e.ip`, { r: lines.runId, after: lines.afterLine, p: lines.path } as Record<string, SqlValue>);
  return rows.map((r) => String(r.ip));
}
