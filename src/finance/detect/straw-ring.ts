import { limitOf } from '../limits.js';
import { dollars, type Alert } from './alert.js';
import { BUSY_POSTAL_DONORS, groupBy, isFirstTime, type ScanContext } from './context.js';

/** Days within which a ring's gifts fall (Thornton Law's reimbursements came ~10 days apart). */
export const RING_WINDOW_DAYS = 10;
/** "At or near the limit": this share of the year's limit or more. */
export const NEAR_LIMIT_SHARE = 0.8;
/** People at one postal code that make a ring (a couple is two: tax-credit couples are legal). */
export const RING_MIN_AT_POSTAL = 3;

/**
 * Straw rings (s.370 money of another, s.368 concealment): first-time donors giving at or near
 * the limit to one recipient within days, three or more of them at one postal code. Legal
 * look-alikes left out by construction: couples (two people), event tickets and fundraisers
 * (below the limit, many postal codes), monthly donors and households with a giving history
 * (not first-time), office towers (busy postal codes), Dec 31 bookkeeping (no shared postal code).
 */
export function detectStrawRings(ctx: ScanContext): Alert[] {
  const candidates = groupBy(ctx.rows.length, (i) => {
    const r = ctx.rows[i]!;
    if (Number.isNaN(ctx.day[i]!) || r.postal === '') return null;
    if ((ctx.donorsAtPostal.get(r.postal) ?? 0) >= BUSY_POSTAL_DONORS) return null;
    if (r.monetaryCents < NEAR_LIMIT_SHARE * limitOf(+r.date.slice(0, 4)) * 100) return null;
    if (!isFirstTime(ctx, i)) return null;
    return r.recipientId;
  });
  const alerts: Alert[] = [];
  for (const [recipientId, idx] of candidates) {
    idx.sort((a, b) => ctx.day[a]! - ctx.day[b]!);
    let start = 0;
    const used = new Set<number>();
    for (let end = 0; end < idx.length; end++) {
      while (ctx.day[idx[end]!]! - ctx.day[idx[start]!]! > RING_WINDOW_DAYS) start++;
      // Evaluate each maximal window once, at its end (when the next row would leave it).
      const next = idx[end + 1];
      if (next !== undefined && ctx.day[next]! - ctx.day[idx[start]!]! <= RING_WINDOW_DAYS) continue;
      const window = idx.slice(start, end + 1).filter((i) => !used.has(i));
      const byPostal = groupBy(window.length, (k) => ctx.rows[window[k]!]!.postal);
      const ringRows: number[] = [];
      const postals: string[] = [];
      for (const [postal, ks] of byPostal) {
        const people = new Set(ks.map((k) => ctx.entity[window[k]!]!));
        if (people.size < RING_MIN_AT_POSTAL) continue;
        postals.push(postal);
        for (const k of ks) ringRows.push(window[k]!);
      }
      if (ringRows.length === 0) continue;
      for (const i of ringRows) used.add(i);
      alerts.push(ringAlert(ctx, recipientId, ringRows, postals));
    }
  }
  return alerts;
}

function ringAlert(ctx: ScanContext, recipientId: string, rows: number[], postals: string[]): Alert {
  const people = [...new Set(rows.map((i) => ctx.entity[i]!))];
  const total = rows.reduce((n, i) => n + ctx.rows[i]!.monetaryCents, 0);
  const dates = rows.map((i) => ctx.rows[i]!.date).sort();
  const amounts = new Set(rows.map((i) => ctx.rows[i]!.monetaryCents));
  const surnames = new Set(rows.map((i) => ctx.rows[i]!.last.toLowerCase()));
  const score = Math.min(1, 0.55 + 0.07 * (people.length - RING_MIN_AT_POSTAL) + (amounts.size === 1 ? 0.1 : 0) + (surnames.size > 1 ? 0.1 : 0) + 0.05 * (postals.length - 1));
  const r0 = ctx.rows[rows[0]!]!;
  return {
    id: '', type: 'straw_ring', score, recipientIds: [recipientId], rowIndexes: rows,
    entityIds: people.map((e) => ctx.resolution.entities[e]!.id), amount: dollars(total),
    first: dates[0]!, last: dates[dates.length - 1]!, sections: ['s.370(1)', 's.368(1)'],
    reasons: [{
      code: 'finance.straw_ring',
      params: { people: people.length, recipient: r0.recipient, total: dollars(total), days: RING_WINDOW_DAYS, postals, surnames: surnames.size, same_amount: amounts.size === 1 ? 'yes' : 'no' },
    }],
  };
}
