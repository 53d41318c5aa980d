import { isoUtc, num, rangeCondition, type Queryable, type TimeRange } from './range.js';

export type Bucket = 'hour' | 'day';

/** Flagged requests in one time bucket, split by the origin verdict of their client. */
export interface TimePoint {
  /** Start of the bucket, ISO 8601 UTC. */
  t: string;
  attacks: number;
  foreign: number;
  domestic: number;
  obscured: number;
  unknown: number;
}

/**
 * Attacks (flagged requests) over time by origin verdict, one point per non-empty bucket.
 *
 * @example
 * await timeseries(store, {}, 'hour') // [{ t: '2025-04-28T13:00:00Z', attacks: 120, foreign: 80, ... }]
 */
export async function timeseries(db: Queryable, range: TimeRange, bucket: Bucket): Promise<TimePoint[]> {
  const e = rangeCondition('e.ts', range);
  // bucket is one of two literals checked by the type and the route's schema, never user text.
  const unit = bucket === 'day' ? 'day' : 'hour';
  const rows = await db.query(`
    SELECT date_trunc('${unit}', e.ts) AS t, count(*) AS attacks,
           count(*) FILTER (WHERE o.verdict = 'foreign') AS foreign,
           count(*) FILTER (WHERE o.verdict = 'domestic') AS domestic,
           count(*) FILTER (WHERE o.verdict = 'obscured') AS obscured,
           count(*) FILTER (WHERE o.verdict IS NULL OR o.verdict NOT IN ('foreign', 'domestic', 'obscured')) AS unknown
      FROM events e LEFT JOIN client_origins o ON o.ip = e.ip
     WHERE e.flagged AND e.ts IS NOT NULL AND ${e.sql}
     GROUP BY 1 ORDER BY 1`, e.params);
  return rows.map((r) => ({
    t: isoUtc(r.t)!,
    attacks: num(r.attacks),
    foreign: num(r.foreign),
    domestic: num(r.domestic),
    obscured: num(r.obscured),
    unknown: num(r.unknown),
  }));
}
