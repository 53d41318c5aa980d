import type { Contribution } from '../model.js';
import { isRollupName, normalisePostal, parseCents, parseDate, parseDollars, splitName } from './values.js';

/**
 * The layouts of Elections Canada contribution files vigie reads, detected per file:
 * - `ec-27`: the "as reviewed" open data (`od_cntrbtn_audt_e.csv`), 27 columns;
 * - `ec-26`: the "as submitted" one, the same without `Leadership contestant`;
 *   both with English or French headers (mapped by position) or none;
 * - `ec-2004`: the 2004–2013 as-submitted party lists (no header, 8 columns, amounts in
 *   cents, `Apr 13, 2011` dates, names `First M Last`).
 */
export type Layout = 'ec-27' | 'ec-26' | 'ec-2004';

/** The 27 columns of the "as reviewed" file, in order (the as-submitted file stops at 26). */
export const EC_COLUMNS = [
  'Political Entity', 'Recipient ID', 'Recipient', 'Recipient last name', 'Recipient first name',
  'Recipient middle initial', 'Political Party of Recipient', 'Electoral District', 'Electoral event',
  'Fiscal/Election date', 'Form ID', 'Financial Report', 'Part Number of Return', 'Financial Report part',
  'Contributor type', 'Contributor name', 'Contributor last name', 'Contributor first name',
  'Contributor middle initial', 'Contributor City', 'Contributor Province', 'Contributor Postal code',
  'Contribution Received date', 'Monetary amount', 'Non-Monetary amount', 'Contribution given through',
  'Leadership contestant',
] as const;

/** What the first record says about the file. */
export interface LayoutGuess {
  layout: Layout;
  /** The first record is a header (skipped; data rows are numbered after it). */
  header: boolean;
}

/**
 * Detect a file's layout from its first record. A header is recognised in English or French
 * (`Political Entity` / `Entité politique`), else by the field count and the shape of values.
 * `null`: not a contribution file vigie knows.
 */
export function detectLayout(first: readonly string[]): LayoutGuess | null {
  const cells = first.map((c) => c.trim().toLowerCase());
  const header = /political entity|entit[ée] politique/.test(cells[0] ?? '') || cells.some((c) => /^(recipient|contributor|donateur|donataire|bénéficiaire|beneficiaire)\b/.test(c));
  if (first.length >= 27) return { layout: 'ec-27', header };
  if (first.length === 26) return { layout: 'ec-26', header };
  if (first.length === 8 && !header && /^-?\d+$/.test(cells[4] ?? '') && parseDate(cells[3] ?? '') !== null) return { layout: 'ec-2004', header: false };
  return null;
}

/** A row that could not be read: why, for the `file:line` report. */
export interface RowError { reason: string }

const PARTY_WORDS: Array<[RegExp, string]> = [
  [/lib[ée]ral/i, 'Liberal Party of Canada'],
  [/conservat/i, 'Conservative Party of Canada'],
  [/new democratic|npd|nouveau parti|ndp/i, 'New Democratic Party'],
  [/green|vert/i, 'Green Party of Canada'],
  [/bloc/i, 'Bloc Québécois'],
];

/** The party a recipient's name says it belongs to (the 2004–2013 files have no party column). */
export function partyOfName(recipient: string): string {
  for (const [re, party] of PARTY_WORDS) if (re.test(recipient)) return party;
  return '';
}

function isPartyItself(recipient: string): boolean {
  return /^(the )?(liberal party of canada|parti lib[ée]ral du canada|conservative party of canada|parti conservateur du canada|new democratic party|nouveau parti d[ée]mocratique|npd|ndp|green party of canada|parti vert du canada|bloc qu[ée]b[ée]cois)\b/i.test(recipient.trim());
}

/** Map one data record to a contribution, or say why it cannot be. */
export function mapRecord(layout: Layout, f: readonly string[], file: string, row: number): Contribution | RowError {
  if (layout === 'ec-2004') return map2004(f, file, row);
  const want = layout === 'ec-27' ? 27 : 26;
  if (f.length !== want) return { reason: `${f.length} fields, expected ${want}` };
  const t = (i: number) => (f[i] ?? '').trim();
  const date = parseDate(t(22));
  if (date === null) return { reason: `unreadable date '${t(22)}'` };
  const monetary = parseDollars(t(23));
  if (monetary === null) return { reason: `unreadable amount '${t(23)}'` };
  const nonMonetary = parseDollars(t(24));
  if (nonMonetary === null) return { reason: `unreadable non-monetary amount '${t(24)}'` };
  const name = t(15);
  let last = t(16); let first = t(17); let middle = t(18);
  if (last === '' && first === '' && name !== '') ({ last, first, middle } = splitName(name));
  return {
    file, row,
    politicalEntity: t(0), recipientId: t(1), recipient: t(2), party: t(6), district: t(7), event: t(8),
    contributorType: t(14), contributorName: name || [first, middle, last].filter(Boolean).join(' '),
    last, first, middle, city: t(19), province: t(20).toUpperCase(), postal: normalisePostal(t(21)),
    date, monetaryCents: monetary, nonMonetaryCents: nonMonetary, givenThrough: t(25),
    leadershipContestant: layout === 'ec-27' ? t(26) : '',
    rollup: isRollupName(name) || isRollupName(t(14)),
  };
}

function map2004(f: readonly string[], file: string, row: number): Contribution | RowError {
  if (f.length !== 8) return { reason: `${f.length} fields, expected 8` };
  const t = (i: number) => (f[i] ?? '').trim();
  const date = parseDate(t(3));
  if (date === null) return { reason: `unreadable date '${t(3)}'` };
  const cents = parseCents(t(4));
  if (cents === null) return { reason: `unreadable amount '${t(4)}'` };
  const recipient = t(0);
  const name = t(2);
  const { last, first, middle } = splitName(name);
  const party = isPartyItself(recipient);
  return {
    file, row,
    politicalEntity: party ? 'Registered parties' : 'Registered associations',
    recipientId: recipient.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, ''),
    recipient, party: partyOfName(recipient), district: '', event: '',
    contributorType: 'Individuals', contributorName: name, last, first, middle,
    city: t(5), province: t(6).toUpperCase(), postal: normalisePostal(t(7)),
    date, monetaryCents: cents, nonMonetaryCents: 0, givenThrough: '', leadershipContestant: '',
    rollup: isRollupName(name),
  };
}
