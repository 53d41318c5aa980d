import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Distributions measured on the real 2004–2013 contributions (corpora/finance/derived):
 * postal areas (FSA) with their province, amounts, days of the year, surnames.
 */
export interface Calibration {
  fsas: Array<{ fsa: string; province: string; weight: number }>;
  amounts: Array<{ dollars: number; weight: number }>;
  days: Array<{ month: number; day: number; weight: number }>;
  surnames: Array<{ name: string; weight: number }>;
}

function csv(path: string): string[][] {
  return readFileSync(path, 'utf8').trim().split('\n').slice(1).map((l) => l.split(','));
}

/** Read the calibration tables from `derived/` (the corpora's folder). */
export function loadCalibration(derivedDir: string): Calibration {
  const fsas = csv(join(derivedDir, 'fsa_frequency_2004-2013.csv')).map(([fsa, province, donors]) => ({ fsa: fsa!, province: province!, weight: Number(donors) }))
    .filter((f) => /^[A-Z]\d[A-Z]$/.test(f.fsa) && f.fsa[1] !== '0');
  const amounts = csv(join(derivedDir, 'amount_frequency_by_year_2004-2013.csv')).filter((r) => r[0] === '2013' && Number(r[1]) > 0)
    .map(([, d, n]) => ({ dollars: Number(d), weight: Number(n) }));
  const days = csv(join(derivedDir, 'month_day_frequency_2004-2013.csv')).map(([m, d, n]) => ({ month: Number(m), day: Number(d), weight: Number(n) }))
    .filter((d) => !(d.month === 2 && d.day === 29));
  const surnames = csv(join(derivedDir, 'surname_frequency_2004-2013.csv')).map(([s, n]) => ({ name: s!.charAt(0).toUpperCase() + s!.slice(1), weight: Number(n) }))
    .filter((s) => /^[A-Za-z]{3,}$/.test(s.name));
  return { fsas, amounts, days, surnames };
}

/** A seeded generator (mulberry32): the same seed, the same data. */
export class Random {
  #s: number;
  constructor(seed: number) { this.#s = seed >>> 0 || 1; }
  next(): number {
    let t = (this.#s = (this.#s + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(n: number): number { return Math.floor(this.next() * n); }
  pick<T>(xs: readonly T[]): T { return xs[this.int(xs.length)]!; }
  chance(p: number): boolean { return this.next() < p; }
}

/** Draw from weighted items (cumulative table built once). */
export function weighted<T extends { weight: number }>(items: readonly T[]): (r: Random) => T {
  const cum: number[] = [];
  let total = 0;
  for (const i of items) cum.push((total += i.weight));
  return (r) => {
    const x = r.next() * total;
    let lo = 0; let hi = cum.length - 1;
    while (lo < hi) { const mid = (lo + hi) >> 1; if (cum[mid]! < x) lo = mid + 1; else hi = mid; }
    return items[lo]!;
  };
}
