import type { Reason } from './text.js';

/** What a finding is about. Modules add kinds by need; the list is the contract of the dashboard and exports. */
export type SubjectKind = 'ip' | 'site' | 'account' | 'group' | 'donor' | 'recipient' | 'report' | 'case' | 'campaign';

/** The subject of a finding: a kind and an id meaningful within it (an address, a recipient id...). */
export interface Subject {
  kind: SubjectKind;
  id: string;
  /** How a person names it (`Liberal Party of Canada`, `@handle`), when the id is opaque. */
  label?: string;
}

/**
 * A pointer to evidence a person can check by hand: a line of a log, a row of a file
 * (1-based, header excluded), a post, a stored record.
 */
export type EvidenceRef =
  | { kind: 'line'; file: string; line: number }
  | { kind: 'row'; file: string; row: number }
  | { kind: 'post'; id: string; account?: string }
  | { kind: 'record'; table: string; id: string };

/** Severity, 1 (informational) to 5 (critical). */
export type Severity = 1 | 2 | 3 | 4 | 5;

/**
 * One explained detection, in the shape every module shares: who or what it is about, which
 * rule found it, the evidence, and why — as codes with parameters, rendered in EN or FR by the
 * module's catalogue. Modules keep richer rows of their own; this is what the dashboard,
 * cases, reports and exports read across modules.
 *
 * @example
 * const f: Finding = {
 *   module: 'finance', subject: { kind: 'recipient', id: '12345' }, class: 'limit_breach',
 *   rule: 'finance-limit-s367', severity: 3, first: '2011-03-01', last: '2011-11-30',
 *   evidence: [{ kind: 'row', file: 'contrib.csv', row: 42 }],
 *   reasons: [{ code: 'finance.limit_breach', params: { amount: 2300, limit: 1100, year: 2011 } }],
 *   sections: ['s.367(1)'],
 * };
 */
export interface Finding {
  /** The module that found it (`web`, `finance`, `influence`, `tips`). */
  module: string;
  subject: Subject;
  /** What kind of thing it is (`sqli`, `limit_breach`, `co_retweet`...), a catalogue code suffix. */
  class: string;
  /** The rule or detector id. */
  rule: string;
  severity: Severity;
  /** Confidence or score, 0..1, when the detector has one. */
  score?: number;
  /** When it happened: an instant or the first and last of a window (ISO 8601, UTC). */
  first?: string;
  last?: string;
  evidence: EvidenceRef[];
  /** Why, most important first: codes and parameters, never free text. */
  reasons: Reason[];
  /** Law or standard it relates to (`s.367(1)` of the Canada Elections Act), when any. */
  sections?: string[];
}
