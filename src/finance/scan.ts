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

/**
 * A resolved person cited by an alert, for the dashboard's alert detail: every spelling joined
 * into them, the joins with their reasons, and their itemised rows (file and data-row number).
 */
export interface PersonOut {
  id: string;
  name: string;
  postal: string;
  city: string;
  spellings: string[];
  links: Array<{ a: string; b: string; score: number; reasons: string[]; reasons_fr: string[] }>;
  rows: Array<{ file: string; row: number }>;
}

/** A person's rows kept in `people` (the giving history shown beside an alert). */
const PERSON_ROWS_MAX = 200;

export interface ScanResult {
  recipients: RankedRecipient[];
  alerts: AlertOut[];
  /**
   * The people the alerts cite, by id: stored with the scan for the API, left out of `finance
   * scan --json` (its contract); absent in scans stored before it existed.
   */
  people: Record<string, PersonOut>;
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
    people: citedPeople(rows, resolution, alerts),
    counts: {
      rows: rows.length, people: resolution.entities.length, recipients: new Set(rows.map((r) => r.recipientId)).size,
      alerts: alerts.length, by_type: byType, linked_spellings: resolution.links.length,
    },
  };
}

/** The people cited by alerts, with their spellings, the joins between them and their rows. */
function citedPeople(rows: readonly Contribution[], resolution: Resolution, alerts: readonly Alert[]): Record<string, PersonOut> {
  const cited = new Set(alerts.flatMap((a) => a.entityIds));
  const index = new Map<string, number>();
  resolution.entities.forEach((e, i) => { if (cited.has(e.id)) index.set(e.id, i); });
  const rowsOf = new Map<number, Array<{ file: string; row: number }>>();
  for (let i = 0; i < rows.length; i++) {
    const e = resolution.entityOfRow[i]!;
    if (!cited.has(resolution.entities[e]!.id)) continue;
    let list = rowsOf.get(e);
    if (!list) rowsOf.set(e, (list = []));
    if (list.length < PERSON_ROWS_MAX) list.push({ file: rows[i]!.file, row: rows[i]!.row });
  }
  const spellingSets = new Map<number, Set<string>>();
  for (const i of index.values()) if (resolution.entities[i]!.spellings.length > 1) spellingSets.set(i, new Set(resolution.entities[i]!.spellings));
  const linksOf = new Map<number, PersonOut['links']>();
  if (spellingSets.size > 0) {
    const bySpelling = new Map<string, number[]>();
    for (const [i, set] of spellingSets) for (const sp of set) {
      let l = bySpelling.get(sp);
      if (!l) bySpelling.set(sp, (l = []));
      l.push(i);
    }
    for (const link of resolution.links) {
      for (const i of bySpelling.get(link.a) ?? []) {
        if (!spellingSets.get(i)!.has(link.b)) continue;
        let l = linksOf.get(i);
        if (!l) linksOf.set(i, (l = []));
        if (!l.some((x) => x.a === link.a && x.b === link.b)) l.push({
          a: link.a, b: link.b, score: round(link.score),
          reasons: link.reasons.map((r) => renderText({ code: `finance.link.${r}` }, 'en', [FINANCE_TEXT])),
          reasons_fr: link.reasons.map((r) => renderText({ code: `finance.link.${r}` }, 'fr', [FINANCE_TEXT])),
        });
      }
    }
  }
  const out: Record<string, PersonOut> = {};
  for (const [id, i] of [...index].sort((a, b) => a[0].localeCompare(b[0]))) {
    const e = resolution.entities[i]!;
    out[id] = { id, name: e.name, postal: e.postal, city: e.city, spellings: e.spellings, links: linksOf.get(i) ?? [], rows: rowsOf.get(i) ?? [] };
  }
  return out;
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
