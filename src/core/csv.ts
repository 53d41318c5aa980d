/**
 * One CSV cell (RFC 4180): lists joined with `; `, quoted when needed, and a text that a
 * spreadsheet would run as a formula (starting with = + - @, a tab or a carriage return)
 * prefixed with a quote: names, posts and log lines are written by people we do not trust.
 * Numbers are left as they are (a negative amount is not a formula).
 */
export function csvCell(value: unknown): string {
  let s = value === null || value === undefined ? '' : Array.isArray(value) ? value.join('; ') : String(value);
  if (typeof value !== 'number' && /^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** A CSV document: a header line and one line per row, CRLF line ends. */
export function csvDocument(columns: readonly string[], rows: ReadonlyArray<readonly unknown[]>): string {
  return [columns.map(csvCell).join(','), ...rows.map((r) => r.map(csvCell).join(','))].join('\r\n') + '\r\n';
}
