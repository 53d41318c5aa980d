import { dollars, type Alert } from './alert.js';
import { groupBy, isFirstTime, type ScanContext } from './context.js';

/** Window of a burst, days. */
export const BURST_WINDOW_DAYS = 14;
/** First-time donors from away that make a burst. */
export const BURST_MIN_DONORS = 5;
/** Share of the window's first-time donors that come from away. */
export const BURST_AWAY_SHARE = 0.6;

/**
 * Bursts of out-of-area first-time donors before a nomination contest: for a nomination
 * contestant, a window with five or more first-time donors, most from outside the riding's
 * area. The area is the forward sortation areas (first three characters of the postal code)
 * of the riding's other recipients' donors (associations, candidates), else the contestant's
 * own most common one.
 */
export function detectBursts(ctx: ScanContext): Alert[] {
  const areaOfDistrict = new Map<string, Set<string>>();
  for (let i = 0; i < ctx.rows.length; i++) {
    const r = ctx.rows[i]!;
    if (r.district === '' || r.postal.length < 3 || ctx.kindOf(r) === 'nomination' || ctx.kindOf(r) === 'party') continue;
    let set = areaOfDistrict.get(r.district);
    if (!set) areaOfDistrict.set(r.district, (set = new Set()));
    set.add(r.postal.slice(0, 3));
  }
  const byContestant = groupBy(ctx.rows.length, (i) => (ctx.kindOf(ctx.rows[i]!) === 'nomination' && !Number.isNaN(ctx.day[i]!) ? ctx.rows[i]!.recipientId : null));
  const alerts: Alert[] = [];
  for (const [rid, idx] of byContestant) {
    let area = areaOfDistrict.get(ctx.rows[idx[0]!]!.district);
    if (!area || area.size === 0) {
      const counts = new Map<string, number>();
      for (const i of idx) counts.set(ctx.rows[i]!.postal.slice(0, 3), (counts.get(ctx.rows[i]!.postal.slice(0, 3)) ?? 0) + 1);
      area = new Set([[...counts].sort((a, b) => b[1] - a[1])[0]![0]]);
    }
    const first = idx.filter((i) => isFirstTime(ctx, i)).sort((a, b) => ctx.day[a]! - ctx.day[b]!);
    let best: number[] = [];
    for (let s = 0, e = 0; e < first.length; e++) {
      while (ctx.day[first[e]!]! - ctx.day[first[s]!]! > BURST_WINDOW_DAYS) s++;
      const away = first.slice(s, e + 1).filter((i) => !area.has(ctx.rows[i]!.postal.slice(0, 3)));
      if (away.length > best.length && away.length / (e + 1 - s) >= BURST_AWAY_SHARE) best = away;
    }
    const people = new Set(best.map((i) => ctx.entity[i]!));
    if (people.size < BURST_MIN_DONORS) continue;
    const total = best.reduce((n, i) => n + ctx.rows[i]!.monetaryCents, 0);
    const dates = best.map((i) => ctx.rows[i]!.date).sort();
    alerts.push({
      id: '', type: 'burst', score: Math.min(1, 0.5 + 0.03 * (people.size - BURST_MIN_DONORS)), recipientIds: [rid], rowIndexes: best,
      entityIds: [...people].map((e) => ctx.resolution.entities[e]!.id), amount: dollars(total), first: dates[0]!, last: dates[dates.length - 1]!,
      sections: ['s.370(1)', 's.478.23'],
      reasons: [{ code: 'finance.burst', params: { people: people.size, recipient: ctx.rows[idx[0]!]!.recipient, days: BURST_WINDOW_DAYS, total: dollars(total), district: ctx.rows[idx[0]!]!.district } }],
    });
  }
  return alerts;
}
