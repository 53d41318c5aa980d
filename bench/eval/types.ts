/**
 * One line of the `npm run eval` table. Every section (signatures, baseline, behaviour, geo)
 * returns rows of this shape, so the table and its JSON copy read the same everywhere.
 */
export interface EvalRow {
  /** Data set, e.g. `payload-lists`, `crs-regression`, `csic2010`, `scanner-access-logs`, `ip-labelled`. */
  dataset: string;
  /** What is measured, e.g. `detected: sqli`, `false positives`, `country accuracy`. */
  metric: string;
  /** Cases counted (denominator) and cases that hit (numerator). */
  total: number;
  hits: number;
  /** hits / total, as a percentage with two decimals. */
  value_pct: number;
  /** The goal in words, e.g. `>= 97%`, `<= 1%`, `0`. */
  goal: string;
  met: boolean;
  /** A peer's figure on the same data where known, e.g. `CRS 3.3 PL2: 85.6%`. */
  peer?: string;
  detail?: string;
}

/** A section of the evaluation: a name and the rows it measured. */
export interface EvalSection {
  name: string;
  rows: EvalRow[];
}
