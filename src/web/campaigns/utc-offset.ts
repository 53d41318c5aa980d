import { offsetReasonFr as fr } from './reasons-fr.js';

/** The pattern-of-life estimate of an operator's UTC offset. */
export interface UtcOffsetEstimate {
  /** Whole hours east of UTC (+8 for Beijing), or null when the hours do not support one. */
  utcOffsetHours: number | null;
  /** 0–1: how far the evidence supports the offset (0 when none is given). */
  confidence: number;
  /** UTC hours of the fitted working window, start inclusive, end exclusive (mod 24). */
  windowUtc: [number, number] | null;
  /** One sentence in plain words: what the hours show. */
  reason: string;
  /** The same sentence in French. */
  reasonFr: string;
}

/**
 * The working day fitted to the hours: 09:00–18:00 local, the office day of most of the world.
 * An operator who starts at 08:00 or 10:00 comes out an hour off, so the estimate is "about".
 */
export const WORK_START_HOUR = 9;
export const WORK_HOURS = 9;
/** Fewer requests than this say nothing about habits. */
export const MIN_REQUESTS = 30;
/** Share of requests the best window must hold: 80% (a working day with some overtime). */
export const MIN_INSIDE_SHARE = 0.8;
/** Hours (with at least 2% of requests each) the activity must span: a burst fits any window. */
export const MIN_ACTIVE_HOURS = 6;
/** The best window must beat every other start by this much (else two offsets fit alike). */
export const MIN_MARGIN = 0.03;
// Window hours with less than a quarter of the window's mean count are "quiet": a working
// day fills its window, so a window that fits by being wide but half empty scores lower.
const QUIET_FRACTION = 0.25;
const QUIET_PENALTY = 0.5;

const hh = (h: number): string => `${String(((h % 24) + 24) % 24).padStart(2, '0')}:00`;
const signed = (o: number): string => (o >= 0 ? `+${o}` : `${o}`);

/**
 * Estimates the operator's UTC offset from a 24-bin histogram of requests by UTC hour, by
 * fitting a 09:00–18:00 working window: the start hour whose 9-hour window holds the most
 * requests (less a penalty for quiet hours inside it). Gives an offset only when the fit is
 * sharp (one start clearly best), holds ≥ 80% of the requests, and the activity spans ≥ 6
 * hours; confidence grows with requests, active days and sharpness.
 *
 * @example
 * const hours = Array.from({ length: 24 }, (_, h) => (h >= 1 && h < 10 ? 50 : 0));
 * estimateUtcOffset(hours, 5).utcOffsetHours // 8: 01:00–10:00 UTC is 09:00–18:00 at UTC+8
 */
export function estimateUtcOffset(hours: readonly number[], days: number): UtcOffsetEstimate {
  const total = hours.reduce((a, b) => a + b, 0);
  const none = (reason: string, reasonFr: string): UtcOffsetEstimate => ({ utcOffsetHours: null, confidence: 0, windowUtc: null, reason, reasonFr });
  if (total < MIN_REQUESTS) return none(`${total} requests are too few to read working hours from`, fr.tooFew(total));
  const active = hours.filter((n) => n >= 0.02 * total).length;
  const scores = Array.from({ length: 24 }, (_, s) => windowScore(hours, s, total));
  let best = 0;
  for (let s = 1; s < 24; s++) if (scores[s]!.score > scores[best]!.score) best = s;
  const { inside } = scores[best]!;
  const pct = Math.round(inside * 100);
  const span = `${hh(best)}–${hh(best + WORK_HOURS)} UTC`;
  if (inside < MIN_INSIDE_SHARE) {
    return none(`active around the clock (at most ${pct}% of ${total} requests in any 9 hours): an automated schedule or many hands, not one working day`, fr.aroundTheClock(pct, total));
  }
  if (active < MIN_ACTIVE_HOURS) {
    return none(`active only ${active} hour${active === 1 ? '' : 's'} of the day: too short to place a 9-hour working day, so no offset`, fr.tooShort(active));
  }
  const runnerUp = Math.max(...scores.filter((_, s) => s !== best).map((x) => x.score));
  const margin = scores[best]!.score - runnerUp;
  if (margin < MIN_MARGIN) {
    return none(`active ${span}, but working days starting an hour apart fit as well: no single offset`, fr.ambiguous(best, best + WORK_HOURS));
  }
  let offset = (((WORK_START_HOUR - best) % 24) + 24) % 24;
  if (offset > 14) offset -= 24;
  const volume = 1 - Math.exp(-total / 200);
  const dayWeight = days / (days + 1);
  const confidence = Math.round(inside * Math.min(1, margin / 0.1) * volume * dayWeight * 100) / 100;
  return {
    utcOffsetHours: offset,
    confidence,
    windowUtc: [best, (best + WORK_HOURS) % 24],
    reason: `active ${span} on ${days} day${days === 1 ? '' : 's'} (${pct}% of ${total} requests), matching 09:00–18:00 at UTC${signed(offset)}`,
    reasonFr: fr.fitted(best, best + WORK_HOURS, days, pct, total, signed(offset)),
  };
}

function windowScore(hours: readonly number[], start: number, total: number): { score: number; inside: number } {
  let sum = 0;
  for (let i = 0; i < WORK_HOURS; i++) sum += hours[(start + i) % 24]!;
  const mean = sum / WORK_HOURS;
  let quiet = 0;
  for (let i = 0; i < WORK_HOURS; i++) if (hours[(start + i) % 24]! < QUIET_FRACTION * mean) quiet++;
  const inside = sum / total;
  return { score: inside - (QUIET_PENALTY * quiet) / WORK_HOURS, inside };
}
