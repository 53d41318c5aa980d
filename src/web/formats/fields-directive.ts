/**
 * The `#Fields:` directive of W3C extended logs (IIS) and CloudFront: the names of the
 * space- or tab-separated columns of the lines that follow it.
 */

/**
 * Field names of a `#Fields:` line, or `undefined` when the line is not one.
 *
 * @example
 * readFieldsDirective('#Fields: date time c-ip') // ['date', 'time', 'c-ip']
 */
export function readFieldsDirective(line: string): string[] | undefined {
  if (!line.startsWith('#Fields:')) return undefined;
  return line.slice(8).trim().split(/\s+/).filter((f) => f !== '');
}

/**
 * Column index of each wanted field (matched case-insensitively), -1 when absent.
 *
 * @example
 * columnIndex(['date', 'c-ip'], ['c-ip', 'cs-method']) // [1, -1]
 */
export function columnIndex(fields: readonly string[], wanted: readonly string[]): number[] {
  const lower = fields.map((f) => f.toLowerCase());
  return wanted.map((w) => lower.indexOf(w.toLowerCase()));
}
