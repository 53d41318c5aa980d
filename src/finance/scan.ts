import { renderText, type Reason } from '../core/module/index.js';
import type { Contribution } from './model.js';
import type { Alert, AlertType } from './detect/alert.js';
import { detectBursts } from './detect/burst.js';
import { buildContext } from './detect/context.js';
import { detectIneligible } from './detect/ineligible.js';
import { detectLimitBreaches } from './detect/limit-breach.js';
import { detectNetworks } from './detect/network.js';
import { detectStrawRings } from './detect/straw-ring.js';
import { resolveContributors, type Resolution } from './resolve/resolve.js';
import { FINANCE_TEXT } from './text.js';

/** How much each kind of alert weighs in a recipient's score (covert-funding shapes first). */
export const TYPE_WEIGHT: Record<AlertType, number> = {
  network: 1, straw_ring: 1, burst: 0.8, ineligible_corporate: 0.6, limit_breach: 0.5, cash: 0.5, foreign_address: 0.3,
};

/** A recipient in `finance scan --json`'s ranking. */
export interface RankedRecipient {
  recipient_id: string;
  recipient: string;
  political_entity: string;
  party: string;
  electoral_district: string;
  score: number;
  reasons: string[];
  reasons_fr: string[];
}

/** An alert as `finance scan --json` writes it. */
export interface AlertOut {
  id: string;
  type: AlertType;
  score: number;
  recipient_ids: string[];
  rows: Array<{ file: string; row: number }>;
  entities: string[];
  amount: number;
  first: string;
  last: string;
  sections: string[];
  reasons: string[];
  reasons_fr: string[];
}

export interface ScanResult {
  recipients: RankedRecipient[];
  alerts: AlertOut[];
  counts: { rows: number; people: number; recipients: number; alerts: number; by_type: Record<string, number>; linked_spellings: number };
}

/** Run every detector over itemised rows; `year` keeps the alerts that touch that year. */
export function scanContributions(rows: readonly Contribution[], options: { year?: number; resolution?: Resolution } = {}): ScanResult {
  const resolution = options.resolution ?? resolveContributors(rows);
  const ctx = buildContext(rows, resolution);
  let alerts: Alert[] = [
    ...detectNetworks(ctx), ...detectStrawRings(ctx), ...detectBursts(ctx), ...detectIneligible(ctx), ...detectLimitBreaches(ctx),
  ];
  if (options.year !== undefined) {
    const y = String(options.year);
    alerts = alerts.filter((a) => a.first.slice(0, 4) <= y && a.last.slice(0, 4) >= y);
  }
  alerts.sort((a, b) => b.score * TYPE_WEIGHT[b.type] - a.score * TYPE_WEIGHT[a.type] || b.amount - a.amount || a.first.localeCompare(b.first));
  alerts.forEach((a, i) => { a.id = `F${String(i + 1).padStart(5, '0')}`; });
  const recipients = rankRecipients(rows, alerts);
  const byType: Record<string, number> = {};
  for (const a of alerts) byType[a.type] = (byType[a.type] ?? 0) + 1;
  const render = (reasons: Reason[], lang: 'en' | 'fr') => reasons.map((r) => renderText(r, lang, [FINANCE_TEXT]));
  return {
    recipients,
    alerts: alerts.map((a) => ({
      id: a.id, type: a.type, score: round(a.score), recipient_ids: a.recipientIds,
      rows: a.rowIndexes.map((i) => ({ file: rows[i]!.file, row: rows[i]!.row })).sort((x, y) => x.file.localeCompare(y.file) || x.row - y.row),
      entities: a.entityIds, amount: a.amount, first: a.first, last: a.last, sections: a.sections,
      reasons: render(a.reasons, 'en'), reasons_fr: render(a.reasons, 'fr'),
    })),
    counts: {
      rows: rows.length, people: resolution.entities.length, recipients: new Set(rows.map((r) => r.recipientId)).size,
      alerts: alerts.length, by_type: byType, linked_spellings: resolution.links.length,
    },
  };
}

/**
 * Every recipient with an alert, scored per kind of alert: weight × best alert score ×
 * (1 + ¼ log2 count), summed over kinds. A ring or network outweighs limit breaches (weight
 * 1 vs 0.5), and a big party's thousand breaches add only ~2.5× one breach, so size alone
 * does not top the list. Reasons: one per kind, strongest first.
 */
function rankRecipients(rows: readonly Contribution[], alerts: readonly Alert[]): RankedRecipient[] {
  const info = new Map<string, Contribution>();
  for (const r of rows) if (!info.has(r.recipientId)) info.set(r.recipientId, r);
  const acc = new Map<string, { types: Map<AlertType, { count: number; amount: number; best: number }> }>();
  for (const a of alerts) for (const rid of a.recipientIds) {
    let e = acc.get(rid);
    if (!e) acc.set(rid, (e = { types: new Map() }));
    const t = e.types.get(a.type) ?? { count: 0, amount: 0, best: 0 };
    t.count++; t.amount += a.amount; t.best = Math.max(t.best, TYPE_WEIGHT[a.type] * a.score);
    e.types.set(a.type, t);
  }
  const out: RankedRecipient[] = [];
  for (const [rid, e] of acc) {
    const r = info.get(rid);
    const types = [...e.types].sort((a, b) => b[1].best - a[1].best);
    const reasons = types.map(([type, t]) => ({ code: 'finance.recipient.summary', params: { type, count: t.count, amount: Math.round(t.amount * 100) / 100 } }));
    out.push({
      recipient_id: rid, recipient: r?.recipient ?? rid, political_entity: r?.politicalEntity ?? '', party: r?.party ?? '',
      electoral_district: r?.district ?? '', score: round(types.reduce((n, [, t]) => n + t.best * (1 + 0.25 * Math.log2(t.count)), 0)),
      reasons: reasons.map((x) => renderText(x, 'en', [FINANCE_TEXT])), reasons_fr: reasons.map((x) => renderText(x, 'fr', [FINANCE_TEXT])),
    });
  }
  return out.sort((a, b) => b.score - a.score || a.recipient_id.localeCompare(b.recipient_id));
}

const round = (x: number) => Math.round(x * 1000) / 1000;
