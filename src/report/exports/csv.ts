import { csvCell } from '../../core/csv.js';
import type { Attacker } from './attackers.js';

const COLUMNS = ['ip', 'first_seen', 'last_seen', 'attacks', 'findings', 'classes', 'rules', 'max_severity', 'country', 'region', 'asn', 'org', 'network', 'verdict', 'confidence', 'reasons', 'campaign_id'] as const;

/**
 * Attacking addresses as CSV (RFC 4180). Cells that a spreadsheet would run as a formula
 * (starting with = + - @ or a tab) are prefixed with a quote: log data is attacker-controlled.
 */
export function renderCsv(attackers: readonly Attacker[]): string {
  const lines = [COLUMNS.join(',')];
  for (const a of attackers) {
    lines.push(COLUMNS.map((c) => csvCell(a[c])).join(','));
  }
  return lines.join('\r\n') + '\r\n';
}

/** One CSV cell: lists joined with `; `, quoted when needed, formulas defused (shared with the modules' exports). */
export { csvCell } from '../../core/csv.js';
