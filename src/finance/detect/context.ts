import type { Contribution } from '../model.js';
import { entityKind, type EntityKind } from '../model.js';
import type { Resolution } from '../resolve/resolve.js';
import { dayNumber } from './alert.js';

/**
 * What every detector reads: the itemised rows, who gave each (resolved people), and facts
 * computed once: each person's first gift, each postal code's number of distinct donors, each
 * recipient's kind.
 */
export interface ScanContext {
  rows: readonly Contribution[];
  resolution: Resolution;
  /** Day number of each row (NaN when undated). */
  day: Float64Array;
  /** Entity index of each row. */
  entity: Int32Array;
  /** First day each entity gave (anything, to anyone). */
  firstDay: Float64Array;
  /** Distinct people per postal code, over the whole data. */
  donorsAtPostal: Map<string, number>;
  kindOf: (row: Contribution) => EntityKind;
  /** First day of the data: nobody is known to be first-time within a year of it. */
  dataStart: number;
}

/** A postal code with this many distinct donors or more is a building, not a household (office towers, big condos). */
export const BUSY_POSTAL_DONORS = 20;

export function buildContext(rows: readonly Contribution[], resolution: Resolution): ScanContext {
  const day = Float64Array.from(rows, (r) => dayNumber(r.date));
  const entity = resolution.entityOfRow;
  const firstDay = new Float64Array(resolution.entities.length).fill(Infinity);
  const people = new Map<string, Set<number>>();
  for (let i = 0; i < rows.length; i++) {
    const e = entity[i]!;
    if (day[i]! < firstDay[e]!) firstDay[e] = day[i]!;
    const p = rows[i]!.postal;
    if (p === '') continue;
    let set = people.get(p);
    if (!set) people.set(p, (set = new Set()));
    set.add(e);
  }
  const donorsAtPostal = new Map<string, number>();
  for (const [p, set] of people) donorsAtPostal.set(p, set.size);
  const kinds = new Map<string, EntityKind>();
  const kindOf = (r: Contribution) => {
    let k = kinds.get(r.politicalEntity);
    if (k === undefined) kinds.set(r.politicalEntity, (k = entityKind(r.politicalEntity)));
    return k;
  };
  // The data's start, robust to typos (the 2004 lists hold a few rows dated 1970–2003).
  const sorted = Float64Array.from(day.filter((d) => !Number.isNaN(d))).sort();
  const dataStart = sorted.length > 0 ? sorted[Math.floor(sorted.length * 0.001)]! : 0;
  return { rows, resolution, day, entity, firstDay, donorsAtPostal, kindOf, dataStart };
}

/**
 * Whether a row is the giver's first appearance: nothing from them more than `graceDays`
 * before it, and at least a year of data before it (in the data's first year everyone looks
 * new: the 2004 lists flagged the regular donors of a Montreal head office as first-time).
 */
export function isFirstTime(ctx: ScanContext, i: number, graceDays = 30): boolean {
  if (ctx.day[i]! - ctx.dataStart < 365) return false;
  return ctx.day[i]! - ctx.firstDay[ctx.entity[i]!]! <= graceDays;
}

/** Group row indexes by a key. */
export function groupBy<K>(n: number, key: (i: number) => K | null): Map<K, number[]> {
  const out = new Map<K, number[]>();
  for (let i = 0; i < n; i++) {
    const k = key(i);
    if (k === null) continue;
    let list = out.get(k);
    if (!list) out.set(k, (list = []));
    list.push(i);
  }
  return out;
}
