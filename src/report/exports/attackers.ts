import { attackersBetween, type Attacker, type Queryable } from '../queries/index.js';
import { periodBounds, type Period } from '../period.js';

export type { Attacker };

/** Addresses with at least one finding of severity ≥ `minSeverity` in the period, most active first. */
export async function loadAttackers(store: Queryable, period: Period, minSeverity = 1): Promise<Attacker[]> {
  return attackersBetween(store, periodBounds(period), minSeverity);
}
