import { parseCidr } from '../ip-words.js';
import { MalformedLines, quoted } from '../malformed-lines.js';
import type { FeedRow } from './feed-row.js';

/** What a geofeed held: its located blocks, the lines it could not use, and blocks without a country. */
export interface ParsedGeofeed {
  rows: FeedRow[];
  malformed: MalformedLines;
  /** Rows with an empty country (RFC 8805: no location given): valid, but nothing to answer with. */
  withoutCountry: number;
}

/**
 * Split one CSV line (RFC 4180 quoting, as RFC 8805 asks) into trimmed fields.
 *
 * @example
 * csvFields('1.2.3.0/24,US,US-CA,"San Jose, CA",') // ['1.2.3.0/24', 'US', 'US-CA', 'San Jose, CA', '']
 */
export function csvFields(line: string): string[] {
  if (!line.includes('"')) return line.split(',').map((f) => f.trim());
  const out: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (quoted) {
      if (c === '"' && line[i + 1] === '"') { field += '"'; i++; } else if (c === '"') quoted = false;
      else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { out.push(field.trim()); field = ''; } else field += c;
  }
  out.push(field.trim());
  return out;
}

const COUNTRY = /^[A-Za-z]{2}$/;
const SUBDIVISION = /^([A-Za-z]{2})-[A-Za-z0-9]{1,3}$/;

/** True when `line` reads as a geofeed row (a block, then a country or nothing): how `geo update` recognises a geofeed. */
export function looksLikeGeofeedRow(line: string): boolean {
  const f = csvFields(line);
  return f.length >= 2 && parseCidr(f[0]!) !== null && (f[1] === '' || COUNTRY.test(f[1]!));
}

/**
 * Parse an RFC 8805 geofeed (`ip_prefix,alpha2code,region,city,postal_code`, `#` comments).
 * A line that is not a row (no block, a block with host bits set, a country that is not two
 * letters) is counted in `malformed` with its line number and skipped; a region that is not
 * an ISO 3166-2 code of the row's country is dropped and the row kept.
 *
 * @example
 * parseGeofeed('5.101.96.0/21,NL,NL-NH,Amsterdam,1098 XH\n', 'digitalocean.csv').rows[0]
 * // { prefix: '5.101.96.0/21', country: 'NL', subdivision: 'NL-NH', city: 'Amsterdam', zone: '' }
 */
export function parseGeofeed(text: string, file: string): ParsedGeofeed {
  const rows: FeedRow[] = [];
  const malformed = new MalformedLines(file);
  let withoutCountry = 0;
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const f = csvFields(line);
    const prefix = f[0]!.toLowerCase();
    // A header row some publishers leave uncommented.
    if (lineNo <= 5 && /^(ip_)?prefix$|^network$|^cidr$/i.test(prefix)) continue;
    const cidr = parseCidr(prefix);
    if (!cidr) { malformed.add(lineNo, `not an address block: ${quoted(line)}`); continue; }
    if (!hostBitsClear(prefix, cidr)) { malformed.add(lineNo, `host bits set in ${quoted(prefix)}`); continue; }
    const cc = (f[1] ?? '').toUpperCase();
    if (cc === '') { withoutCountry++; continue; }
    if (!COUNTRY.test(cc)) { malformed.add(lineNo, `not a two-letter country code: ${quoted(f[1] ?? '')}`); continue; }
    const sub = (f[2] ?? '').toUpperCase();
    const m = SUBDIVISION.exec(sub);
    rows.push({ prefix, country: cc, subdivision: m && m[1] === cc ? sub : '', city: f[3] ?? '', zone: '' });
  }
  return { rows, malformed, withoutCountry };
}

/** True when the block's address is its first address (`10.0.0.0/8`, not `10.0.0.1/8`). */
function hostBitsClear(prefix: string, cidr: NonNullable<ReturnType<typeof parseCidr>>): boolean {
  const addr = prefix.split('/')[0]!;
  const bare = parseCidr(addr);
  if (!bare) return false;
  return cidr.family === 4 ? bare.start === cidr.start : bare.family === 6 && bare.start.every((w, i) => w === cidr.start[i]);
}
