/**
 * One contribution row as imported, whatever the file's layout. Amounts are whole cents;
 * dates ISO `YYYY-MM-DD` (empty when the file has none). `file` and `row` point back to the
 * source: the file's name and the 1-based data-row number (header excluded).
 */
export interface Contribution {
  file: string;
  row: number;
  politicalEntity: string;
  recipientId: string;
  recipient: string;
  party: string;
  district: string;
  event: string;
  contributorType: string;
  contributorName: string;
  last: string;
  first: string;
  middle: string;
  city: string;
  province: string;
  postal: string;
  date: string;
  monetaryCents: number;
  nonMonetaryCents: number;
  givenThrough: string;
  leadershipContestant: string;
  /** A `Contributions of $200 or less` line: one total per return, never a person. */
  rollup: boolean;
}

/** The kinds of recipient the Act sets limits for (s.367), as Elections Canada names them. */
export type EntityKind = 'party' | 'association' | 'candidate' | 'nomination' | 'leadership' | 'other';

/** Which kind of political entity a `Political Entity` value names (EN or FR). */
export function entityKind(politicalEntity: string): EntityKind {
  const e = politicalEntity.toLowerCase();
  if (/part(y|ies|i)/.test(e) && !/association/.test(e)) return 'party';
  if (/association/.test(e)) return 'association';
  if (/nominat|investiture/.test(e)) return 'nomination';
  if (/leader|direction/.test(e)) return 'leadership';
  if (/candidat/.test(e)) return 'candidate';
  return 'other';
}
