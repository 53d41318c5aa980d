import type { Attributor } from '../../core/index.js';
import type { SqlValue, Store } from '../../store/index.js';
import { originRow, upsertOrigins } from './attribute-clients.js';

/** Where newly stored lines are: one source file of one run, after a line number. */
export interface ArrivedLines {
  runId: number;
  /** The source's path as stored (absolute). */
  path: string;
  /** Lines up to this one (1-based) were stored before. */
  afterLine: number;
}

/**
 * Attributes the addresses of newly stored lines that have no origin yet, so lines pushed to a
 * running server show their origin and country on arrival, not at the next behaviour pass. A
 * batch brings few new addresses, and the attributor caches lookups: it costs milliseconds.
 * Returns how many addresses were attributed.
 *
 * @example
 * await attributeArrivals(store, source.attributor, { runId, path: '/var/spool/vigie/http.log', afterLine: 1200 }) // 3
 */
export async function attributeArrivals(store: Store, attributor: Attributor, lines: ArrivedLines): Promise<number> {
  const rows = await store.query(`
    SELECT DISTINCT e.ip FROM events e ANTI JOIN client_origins o ON o.ip = e.ip
     WHERE e.run_id = $r AND e.line > $after AND e.source_id IN (SELECT source_id FROM sources WHERE path = $p)
     ORDER BY e.ip`, { r: lines.runId, after: lines.afterLine, p: lines.path } as Record<string, SqlValue>);
  if (rows.length === 0) return 0;
  const origins = rows.map((r) => originRow(String(r.ip), attributor.attribute(String(r.ip))));
  await store.transaction(upsertOrigins(origins));
  return origins.length;
}
