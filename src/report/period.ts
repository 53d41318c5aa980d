import { VigieError } from '../core/index.js';
import { daysWithData } from './queries/period-figures.js';
import type { Queryable } from './queries/range.js';

/** A reporting period: whole UTC days, `from` and `to` both included. */
export interface Period {
  /** `YYYY-MM-DD` */
  from: string;
  /** `YYYY-MM-DD` */
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const FIRST_DAY = '1970-01-01';
/** How far ahead a period may reach: the rest of a month or a year being reported on, not 9999. */
const MAX_DAYS_AHEAD = 366;

/**
 * Check a `--from`/`--to` pair given by a user: real calendar dates, `from` not after `to`,
 * both from 1970-01-01 to a year from `today`. Beyond that a date is a way of saying "all"
 * (`--to 9999-12-31`), which leaving the option out already says, and which the bounds of
 * the period could not even be written as a timestamp for.
 *
 * @example
 * parsePeriod('2026-11-01', '2026-11-30') // { from: '2026-11-01', to: '2026-11-30' }
 */
export function parsePeriod(from: string, to: string, today: Date = new Date()): Period {
  const last = lastDay(today);
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
      throw new VigieError('VIGIE_ERR_USAGE', `--${name} takes a date as YYYY-MM-DD, got '${value}'`);
    }
    if (value < FIRST_DAY) {
      throw new VigieError('VIGIE_ERR_USAGE', `--${name} ${value} is before ${FIRST_DAY}; leave --from out to start at the first day with data`);
    }
    if (value > last) {
      throw new VigieError('VIGIE_ERR_USAGE', `--${name} ${value} is more than a year ahead; leave --to out to cover every day with data`);
    }
  }
  if (from > to) throw new VigieError('VIGIE_ERR_USAGE', `--from ${from} is after --to ${to}; swap them`);
  return { from, to };
}

/**
 * The period a user asked for, a date left out taken from the data: the first or last day with
 * stored requests (today when there are none), kept within the days a period may cover, so a
 * stray timestamp in a log never makes the default period invalid.
 *
 * @example
 * await resolvePeriod(store, { from: '2026-11-01' }) // { from: '2026-11-01', to: '2026-11-30' } (last day with data)
 */
export async function resolvePeriod(db: Queryable, asked: { from?: string | undefined; to?: string | undefined }, today: Date = new Date()): Promise<Period> {
  const days = await daysWithData(db);
  const clamp = (day: string | null): string => {
    const d = day ?? today.toISOString().slice(0, 10);
    return d < FIRST_DAY ? FIRST_DAY : d > lastDay(today) ? lastDay(today) : d;
  };
  return parsePeriod(asked.from ?? clamp(days.first), asked.to ?? clamp(days.last), today);
}

function lastDay(today: Date): string {
  return new Date(today.getTime() + MAX_DAYS_AHEAD * 86_400_000).toISOString().slice(0, 10);
}

/** SQL bounds of a period: `ts >= start AND ts < end` (end = the day after `to`). */
export function periodBounds(period: Period): { start: string; end: string } {
  const end = new Date(`${period.to}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { start: `${period.from} 00:00:00`, end: `${end.toISOString().slice(0, 10)} 00:00:00` };
}
