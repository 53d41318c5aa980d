import type { Store } from '../../store/index.js';

/**
 * Events stored, distinct `seq=N` query parameters among them, and the highest: what follow
 * and rotation tests check of lines numbered by `testing/sequenced-log.ts` (a lost line is a
 * missing number, a doubled one an event more than numbers).
 */
export async function storedSequenceNumbers(store: Store): Promise<{ total: number; distinct: number; max: number }> {
  const [r] = await store.query(`SELECT count(*)::INTEGER AS total, count(DISTINCT regexp_extract(query, 'seq=(\\d+)', 1))::INTEGER AS distinct_n,
    max(regexp_extract(query, 'seq=(\\d+)', 1)::INTEGER) AS max_seq FROM events`);
  return { total: Number(r!.total), distinct: Number(r!.distinct_n), max: Number(r!.max_seq) };
}
