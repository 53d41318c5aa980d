import { limitOf } from '../limits.js';
import { dollars, type Alert } from './alert.js';
import { BUSY_POSTAL_DONORS, groupBy, isFirstTime, type ScanContext } from './context.js';

/** Days one network's gifts span (the Hogue inquiry's "11 candidates" were one campaign). */
export const NETWORK_WINDOW_DAYS = 45;
/** Share of the limit a network gift reaches: money worth routing (a quarter: $412 in 2021, above the $400 tax-credit step most small donors stop at). */
export const NETWORK_MIN_SHARE = 0.25;

/**
 * Networks funding several candidates: postal codes where two or more first-time donors fund
 * two or more local recipients (candidates, associations, contestants — not a party's own
 * account) within the window; postal codes sharing a recipient are joined, and a component
 * reaching three recipients in two or more ridings is one finding linking all of them.
 */
export function detectNetworks(ctx: ScanContext): Alert[] {
  const byPostal = groupBy(ctx.rows.length, (i) => {
    const r = ctx.rows[i]!;
    if (r.postal === '' || Number.isNaN(ctx.day[i]!)) return null;
    if (ctx.kindOf(r) === 'party') return null;
    if ((ctx.donorsAtPostal.get(r.postal) ?? 0) >= BUSY_POSTAL_DONORS) return null;
    if (r.monetaryCents < NETWORK_MIN_SHARE * limitOf(+r.date.slice(0, 4)) * 100) return null;
    return isFirstTime(ctx, i) ? r.postal : null;
  });
  // Hub postal codes: ≥2 people, ≥2 recipients, within the window.
  const hubs = new Map<string, number[]>();
  for (const [postal, idx] of byPostal) {
    idx.sort((a, b) => ctx.day[a]! - ctx.day[b]!);
    let best: number[] = [];
    for (let s = 0, e = 0; e < idx.length; e++) {
      while (ctx.day[idx[e]!]! - ctx.day[idx[s]!]! > NETWORK_WINDOW_DAYS) s++;
      const w = idx.slice(s, e + 1);
      if (w.length > best.length) best = w;
    }
    const people = new Set(best.map((i) => ctx.entity[i]));
    const recipients = new Set(best.map((i) => ctx.rows[i]!.recipientId));
    if (people.size >= 2 && recipients.size >= 2) hubs.set(postal, best);
  }
  // Components of hubs linked through shared recipients.
  const postalsOfRecipient = new Map<string, string[]>();
  for (const [postal, idx] of hubs) for (const rid of new Set(idx.map((i) => ctx.rows[i]!.recipientId))) {
    let list = postalsOfRecipient.get(rid);
    if (!list) postalsOfRecipient.set(rid, (list = []));
    list.push(postal);
  }
  const seen = new Set<string>();
  const alerts: Alert[] = [];
  for (const start of hubs.keys()) {
    if (seen.has(start)) continue;
    const component: string[] = [];
    const stack = [start];
    seen.add(start);
    while (stack.length > 0) {
      const p = stack.pop()!;
      component.push(p);
      for (const i of hubs.get(p)!) for (const q of postalsOfRecipient.get(ctx.rows[i]!.recipientId)!) if (!seen.has(q)) { seen.add(q); stack.push(q); }
    }
    const rows = component.flatMap((p) => hubs.get(p)!);
    const recipients = [...new Set(rows.map((i) => ctx.rows[i]!.recipientId))];
    const districts = new Set(rows.map((i) => ctx.rows[i]!.district || ctx.rows[i]!.recipient));
    const days = rows.map((i) => ctx.day[i]!);
    if (recipients.length < 3 || districts.size < 2 || component.length < 2) continue;
    if (Math.max(...days) - Math.min(...days) > NETWORK_WINDOW_DAYS * 2) continue;
    alerts.push(networkAlert(ctx, rows, recipients, component, districts.size));
  }
  return alerts;
}

function networkAlert(ctx: ScanContext, rows: number[], recipients: string[], postals: string[], districts: number): Alert {
  const people = [...new Set(rows.map((i) => ctx.entity[i]!))];
  const total = rows.reduce((n, i) => n + ctx.rows[i]!.monetaryCents, 0);
  const dates = rows.map((i) => ctx.rows[i]!.date).sort();
  const provinces = new Set(rows.map((i) => ctx.rows[i]!.province));
  const names = [...new Set(rows.map((i) => ctx.rows[i]!.recipient))];
  return {
    id: '', type: 'network',
    score: Math.min(1, 0.6 + 0.05 * (recipients.length - 3) + 0.05 * (postals.length - 2) + (provinces.size > 1 ? 0.1 : 0)),
    recipientIds: recipients, rowIndexes: rows, entityIds: people.map((e) => ctx.resolution.entities[e]!.id),
    amount: dollars(total), first: dates[0]!, last: dates[dates.length - 1]!, sections: ['s.370(1)', 's.368(1)'],
    reasons: [{
      code: 'finance.network',
      params: { recipients: recipients.length, districts, people: people.length, postals: postals.length, total: dollars(total), names: names.slice(0, 12) },
    }],
  };
}
