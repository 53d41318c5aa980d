import { VigieError } from '../core/index.js';

/** A reporting period: whole UTC days, `from` and `to` both included. */
export interface Period {
  /** `YYYY-MM-DD` */
  from: string;
  /** `YYYY-MM-DD` */
  to: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

/**
 * Check a `--from`/`--to` pair given by a user: real calendar dates, `from` not after `to`.
 *
 * @example
 * parsePeriod('2026-11-01', '2026-11-30') // { from: '2026-11-01', to: '2026-11-30' }
 */
export function parsePeriod(from: string, to: string): Period {
  for (const [name, value] of [['from', from], ['to', to]] as const) {
    if (!DATE.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`)) || new Date(`${value}T00:00:00Z`).toISOString().slice(0, 10) !== value) {
      throw new VigieError('VIGIE_ERR_USAGE', `--${name} takes a date as YYYY-MM-DD, got '${value}'`);
    }
  }
  if (from > to) throw new VigieError('VIGIE_ERR_USAGE', `--from ${from} is after --to ${to}; swap them`);
  return { from, to };
}

/** SQL bounds of a period: `ts >= start AND ts < end` (end = the day after `to`). */
export function periodBounds(period: Period): { start: string; end: string } {
  const end = new Date(`${period.to}T00:00:00Z`);
  end.setUTCDate(end.getUTCDate() + 1);
  return { start: `${period.from} 00:00:00`, end: `${end.toISOString().slice(0, 10)} 00:00:00` };
}
