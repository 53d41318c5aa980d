import type { SqlValue, Store } from '../../store/index.js';

/** What the read model needs from the store: SQL in, JSON-able rows out. */
export type Queryable = Pick<Store, 'query'>;

/** An optional time window, ISO 8601 (UTC when no offset is given); `to` is exclusive. */
export interface TimeRange {
  from?: string | undefined;
  to?: string | undefined;
}

/**
 * The WHERE condition and parameters selecting `column` inside a time range. Parameters are
 * named `from`/`to`, so one params object serves every table of a query.
 *
 * @example
 * rangeCondition('e.ts', { from: '2025-04-28' }) // { sql: "e.ts >= $from::TIMESTAMPTZ", params: { from: '2025-04-28' } }
 */
export function rangeCondition(column: string, range: TimeRange): { sql: string; params: Record<string, SqlValue> } {
  const parts: string[] = [];
  const params: Record<string, SqlValue> = {};
  // Stored timestamps are naive UTC; comparing against TIMESTAMPTZ then back to naive UTC keeps
  // an offset in the user's date ("2025-04-28T00:00-04:00") meaning what it says.
  if (range.from) {
    parts.push(`${column} >= timezone('UTC', $from::TIMESTAMPTZ)`);
    params.from = range.from;
  }
  if (range.to) {
    parts.push(`${column} < timezone('UTC', $to::TIMESTAMPTZ)`);
    params.to = range.to;
  }
  return { sql: parts.length ? parts.join(' AND ') : 'true', params };
}

/** A stored timestamp (`2025-04-28 13:02:11.5`, naive UTC) as ISO 8601 UTC, or null. */
export function isoUtc(value: unknown): string | null {
  if (value === null || value === undefined) return null;
  const text = String(value).replace(' ', 'T');
  return /[zZ]|[+-]\d\d:?\d\d$/.test(text) ? text : `${text}Z`;
}

/** A BIGINT (returned as text by the store) or number as a JavaScript number; null as 0. */
export function num(value: unknown): number {
  return value === null || value === undefined ? 0 : Number(value);
}

/** A JSON column (returned as text) parsed, or the value itself when already structured. */
export function json<T>(value: unknown, fallback: T): T {
  if (value === null || value === undefined) return fallback;
  if (typeof value !== 'string') return value as T;
  try {
    return JSON.parse(value) as T;
  } catch {
    return fallback;
  }
}

/** The four origin verdicts, in the order reports list them. */
export const VERDICTS = ['foreign', 'domestic', 'obscured', 'unknown'] as const;
export type Verdict = (typeof VERDICTS)[number];
