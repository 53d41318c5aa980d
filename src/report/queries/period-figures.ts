import { num, type Queryable } from './range.js';

/**
 * Figures of a report's period that the dashboard does not show (report-data.ts), and the
 * days with data. `p` bounds are naive UTC timestamps, `start` included, `end` excluded
 * (`periodBounds`).
 */

/** The first and last UTC day with stored requests (`YYYY-MM-DD`), null when there are none. */
export async function daysWithData(db: Queryable): Promise<{ first: string | null; last: string | null }> {
  const [row] = await db.query(`SELECT strftime(min(ts), '%Y-%m-%d') AS first, strftime(max(ts), '%Y-%m-%d') AS last FROM events`);
  return { first: (row?.first as string | null | undefined) ?? null, last: (row?.last as string | null | undefined) ?? null };
}

/** Findings and their clients per class, most findings first. */
export async function findingsPerClass(db: Queryable, p: { start: string; end: string }): Promise<Array<{ class: string; findings: number; clients: number }>> {
  const rows = await db.query(
    `SELECT class, count(*) AS findings, count(DISTINCT ip) AS clients FROM findings WHERE ts >= $start::TIMESTAMP AND ts < $end::TIMESTAMP GROUP BY class ORDER BY findings DESC, class`, p);
  return rows.map((r) => ({ class: String(r.class), findings: num(r.findings), clients: num(r.clients) }));
}

/** The most attacked paths: flagged requests and their clients, at most `limit`. */
export async function mostAttackedPaths(db: Queryable, p: { start: string; end: string }, limit: number): Promise<Array<{ path: string; attacks: number; clients: number }>> {
  const rows = await db.query(
    `SELECT path, count(*) AS attacks, count(DISTINCT ip) AS clients FROM requests
      WHERE flagged AND ts >= $start::TIMESTAMP AND ts < $end::TIMESTAMP GROUP BY path ORDER BY attacks DESC, path LIMIT $limit`, { ...p, limit });
  return rows.map((r) => ({ path: String(r.path ?? ''), attacks: num(r.attacks), clients: num(r.clients) }));
}

/** Lines stored per source file, by path. */
export async function linesPerSource(db: Queryable, p: { start: string; end: string }): Promise<Array<{ path: string; lines: number }>> {
  const rows = await db.query(
    `SELECT s.path, count(*) AS lines FROM events e JOIN sources s USING (source_id)
      WHERE e.ts >= $start::TIMESTAMP AND e.ts < $end::TIMESTAMP GROUP BY s.path ORDER BY s.path`, p);
  return rows.map((r) => ({ path: String(r.path), lines: num(r.lines) }));
}
