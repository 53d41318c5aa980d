/**
 * The `#Fields:` directive of W3C extended logs (IIS) and CloudFront: the names of the
 * space- or tab-separated columns of the lines that follow it.
 */
import { normaliseIp, type WebEvent } from '../../core/index.js';
import { badAddress, parseUint } from './fields.js';
import { badTime, parseDateTime } from './time.js';

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

/**
 * The columns every W3C-style line (IIS, CloudFront) must carry, read the same way for both:
 * client address, UTC date and time, status and bytes. Returns '' or the reason the line is
 * malformed.
 *
 * @example
 * readBasicColumns('203.0.113.9', '2024-05-01', '10:00:00', '200', '512', event) // ''
 */
export function readBasicColumns(rawIp: string, date: string, time: string, status: string, bytes: string, out: WebEvent): string {
  if (rawIp === '') return 'no client address (c-ip)';
  out.ip = normaliseIp(rawIp);
  if (out.ip === '') return badAddress(rawIp);
  out.ts = parseDateTime(date, time);
  if (out.ts !== out.ts) return badTime(`${date} ${time}`, 'date/time');
  out.status = parseUint(status);
  if (out.status === -2 || out.status > 999) return `bad status \`${status}\``;
  out.bytes = Math.max(parseUint(bytes), -1);
  return '';
}
