import { type CampaignSpec, isActive } from './campaigns.js';

// Relative traffic of an election authority's site by Eastern hour, evening peak for results.
const EASTERN_HOURLY = [
  0.25, 0.15, 0.1, 0.08, 0.07, 0.1, 0.25, 0.5, 0.8, 1.0, 1.1, 1.15, 1.1, 1.1, 1.15, 1.2, 1.1, 1.0, 0.95, 1.0,
  1.05, 1.3, 1.2, 0.6,
];

/** UTC offset of Ottawa at a moment: EDT (-4) from the 2nd Sunday of March to the 1st of November. */
export function easternOffsetHours(epochSecs: number): number {
  const year = new Date(epochSecs * 1000).getUTCFullYear();
  const nthSunday = (month: number, n: number): number => {
    const first = new Date(Date.UTC(year, month, 1)).getUTCDay();
    return 1 + ((7 - first) % 7) + 7 * (n - 1);
  };
  const dstStart = Date.UTC(year, 2, nthSunday(2, 2), 7) / 1000; // 02:00 EST
  const dstEnd = Date.UTC(year, 10, nthSunday(10, 1), 6) / 1000; // 02:00 EDT
  return epochSecs >= dstStart && epochSecs < dstEnd ? -4 : -5;
}

/** The Eastern wall-clock hour (0–23) of a moment. */
export function easternHour(epochSecs: number): number {
  const local = epochSecs + easternOffsetHours(epochSecs) * 3600;
  return Math.floor((((local % 86400) + 86400) % 86400) / 3600);
}

/**
 * Splits `total` lines over minutes in proportion to weights, exactly (sum of counts = total),
 * without storing the counts: call `take(minute)` in increasing order.
 */
export class Apportioner {
  readonly #total: number;
  readonly #weights: Float64Array;
  readonly #sum: number;
  #cumulative = 0;
  #emitted = 0;

  constructor(total: number, weights: Float64Array) {
    this.#total = total;
    this.#weights = weights;
    this.#sum = weights.reduce((a, b) => a + b, 0);
  }

  /** Lines falling in this minute. */
  take(minute: number): number {
    if (this.#sum === 0) return 0;
    this.#cumulative += this.#weights[minute] as number;
    const target = minute === this.#weights.length - 1 ? this.#total : Math.round((this.#total * this.#cumulative) / this.#sum);
    const count = Math.max(0, target - this.#emitted);
    this.#emitted += count;
    return count;
  }
}

/** Per-minute weights of normal traffic over the span. */
export function normalWeights(startSecs: number, minutes: number): Float64Array {
  const weights = new Float64Array(minutes);
  for (let m = 0; m < minutes; m++) weights[m] = EASTERN_HOURLY[easternHour(startSecs + m * 60 + 30)] as number;
  return weights;
}

/**
 * Per-minute weights of a campaign: 1 when it operates. If the span holds none of its
 * working days (a weekend-only log), its hours still apply, any day.
 */
export function campaignWeights(spec: CampaignSpec, startSecs: number, minutes: number): Float64Array {
  const weights = new Float64Array(minutes);
  for (const ignoreWeekdays of [false, true]) {
    let any = false;
    for (let m = 0; m < minutes; m++) {
      const on = isActive(spec.hours, startSecs + m * 60 + 30, ignoreWeekdays);
      weights[m] = on ? 1 : 0;
      any ||= on;
    }
    if (any) break;
  }
  return weights;
}
