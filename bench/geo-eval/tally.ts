import type { Attribution } from '../../src/core/index.js';
import type { Labelled } from './labels.js';

/** The country vigie is scored against: the home country for `domestic`/`foreign`. */
export const HOME = 'CA';

/** Counts for one group of labelled addresses. */
export class Tally {
  n = 0;
  /** Labels with a country where vigie reported one, and where it was right. */
  reported = 0;
  right = 0;
  /** The same on `domestic`/`foreign` verdicts only (the figure the README has quoted since the start). */
  attributable = 0;
  attributableRight = 0;
  whoisN = 0; whoisRight = 0; dbipN = 0; dbipRight = 0;
  obscured = 0;
  foreign = 0;
  foreignAsDomestic = 0;

  add(l: Labelled, a: Attribution, whois: string | null, dbip: string | null): void {
    this.n++;
    if (a.verdict === 'obscured') this.obscured++;
    if (!l.country) return;
    if (l.country !== HOME) {
      this.foreign++;
      if (a.verdict === 'domestic') this.foreignAsDomestic++;
    }
    if (whois) { this.whoisN++; if (whois === l.country) this.whoisRight++; }
    if (dbip) { this.dbipN++; if (dbip === l.country) this.dbipRight++; }
    if (a.country === null) return;
    this.reported++;
    if (a.country === l.country) this.right++;
    if (a.verdict === 'domestic' || a.verdict === 'foreign') {
      this.attributable++;
      if (a.country === l.country) this.attributableRight++;
    }
  }

  merge(t: Tally): this {
    for (const k of Object.keys(this) as Array<keyof Tally>) {
      if (typeof this[k] === 'number') (this as unknown as Record<string, number>)[k]! += (t as unknown as Record<string, number>)[k]!;
    }
    return this;
  }
}

/** A percentage with two decimals. */
export const pct = (hits: number, total: number): number => (total === 0 ? 0 : Math.round((10_000 * hits) / total) / 100);

/** Tallies by key, created on first use. */
export class Tallies extends Map<string, Tally> {
  of(key: string): Tally {
    let t = this.get(key);
    if (!t) this.set(key, (t = new Tally()));
    return t;
  }
}
