import type { Reason } from '../../core/module/index.js';

/** What kind of pattern an alert reports (the `type` of `finance scan --json`). */
export type AlertType = 'limit_breach' | 'straw_ring' | 'network' | 'burst' | 'ineligible_corporate' | 'foreign_address' | 'cash';

/** One finding of the finance detectors, in the shape `finance scan --json` writes. */
export interface Alert {
  id: string;
  type: AlertType;
  /** 0..1: how strongly the evidence points at a breach of the Act. */
  score: number;
  recipientIds: string[];
  /** Row indexes into the scanned rows (mapped to `{file,row}` on output). */
  rowIndexes: number[];
  /** Resolved people involved. */
  entityIds: string[];
  /** Dollars. */
  amount: number;
  first: string;
  last: string;
  /** Sections of the Canada Elections Act. */
  sections: string[];
  reasons: Reason[];
}

/** Round dollars to cents. */
export const dollars = (cents: number) => Math.round(cents) / 100;

/** `YYYY-MM-DD` → days since 1970-01-01 (NaN for an empty date). */
export function dayNumber(iso: string): number {
  return iso === '' ? NaN : Date.UTC(+iso.slice(0, 4), +iso.slice(5, 7) - 1, +iso.slice(8, 10)) / 86_400_000;
}
