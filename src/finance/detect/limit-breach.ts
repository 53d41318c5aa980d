import { foldWords } from '../resolve/normalise-name.js';
import { limitOf, OWN_CAMPAIGN_CANDIDATE, OWN_CAMPAIGN_NOMINATION } from '../limits.js';
import type { Contribution } from '../model.js';
import { dollars, type Alert } from './alert.js';
import { groupBy, type ScanContext } from './context.js';

/**
 * The s.367(1) bucket a contribution counts against: each registered party; a party's
 * associations, candidates and nomination contestants together; each independent candidate
 * per event; all contestants of one leadership contest.
 */
export function bucketOf(ctx: ScanContext, r: Contribution): string {
  const kind = ctx.kindOf(r);
  const party = r.party.trim();
  const independent = party === '' || /independ|ind[ée]pendant|no affiliation|aucune appartenance/i.test(party);
  if (kind === 'party') return `party:${party || r.recipient}`;
  if (kind === 'leadership') return `leadership:${party}:${r.event || r.date.slice(0, 4)}`;
  if (independent) return `independent:${r.recipientId}:${r.event}`;
  return `local:${party}`;
}

/** A candidate or contestant giving to their own campaign (s.367(6), (7)): exempt up to their own limit. */
function ownCampaign(ctx: ScanContext, r: Contribution): number {
  const kind = ctx.kindOf(r);
  if (kind !== 'candidate' && kind !== 'nomination') return 0;
  const recipientWords = new Set(foldWords(r.recipient));
  const giver = foldWords(`${r.first} ${r.last}`);
  if (giver.length === 0 || !giver.every((w) => recipientWords.has(w))) return 0;
  return (kind === 'candidate' ? OWN_CAMPAIGN_CANDIDATE : OWN_CAMPAIGN_NOMINATION) * 100;
}

/**
 * Limit breaches (s.367): per resolved person, calendar year and bucket, the sum of monetary
 * and non-monetary contributions (returns count negative) above the year's limit.
 */
export function detectLimitBreaches(ctx: ScanContext): Alert[] {
  const exempt = new Map<number, number>();
  const groups = groupBy(ctx.rows.length, (i) => {
    const r = ctx.rows[i]!;
    if (r.date === '') return null;
    const own = ownCampaign(ctx, r);
    if (own > 0) { exempt.set(i, own); return null; }
    return `${ctx.entity[i]}|${r.date.slice(0, 4)}|${bucketOf(ctx, r)}`;
  });
  const alerts: Alert[] = [];
  for (const [key, idx] of groups) {
    const total = idx.reduce((n, i) => n + ctx.rows[i]!.monetaryCents + ctx.rows[i]!.nonMonetaryCents, 0);
    const year = Number(key.split('|')[1]);
    const limit = limitOf(year) * 100;
    if (total <= limit) continue;
    const entity = ctx.resolution.entities[ctx.entity[idx[0]!]!]!;
    const dates = idx.map((i) => ctx.rows[i]!.date).sort();
    const recipients = [...new Set(idx.map((i) => ctx.rows[i]!.recipientId))];
    const bucket = key.split('|').slice(2).join('|');
    const excess = total - limit;
    alerts.push({
      id: '', type: 'limit_breach',
      score: Math.min(1, 0.35 + 0.5 * Math.min(1, excess / limit) + (entity.spellings.length > 1 ? 0.1 : 0)),
      recipientIds: recipients, rowIndexes: idx, entityIds: [entity.id], amount: dollars(total),
      first: dates[0]!, last: dates[dates.length - 1]!, sections: ['s.367(1)', 's.368'],
      reasons: [{
        code: 'finance.limit_breach',
        params: { name: entity.name, total: dollars(total), limit: limit / 100, year, excess: dollars(excess), gifts: idx.length, bucket: bucketLabel(bucket), spellings: entity.spellings.length },
      }],
    });
  }
  void exempt;
  return alerts;
}

function bucketLabel(bucket: string): string {
  const [kind, a, b] = bucket.split(':');
  if (kind === 'party') return a!;
  if (kind === 'local') return `${a} (associations, candidates, nomination contestants)`;
  if (kind === 'leadership') return `${a} leadership ${b}`;
  return `independent ${a}`;
}
