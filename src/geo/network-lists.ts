import { parseCidr } from './ip-words.js';
import { MalformedLines, quoted } from './malformed-lines.js';
import { RangeIndex, RangeIndexBuilder } from './range-index.js';

/** A list's data date from its `# date: YYYY-MM-DD` header line, or null. */
export function listDate(text: string): string | null {
  const m = /^# date: (\d{4}-\d{2}-\d{2})\s*$/m.exec(text.slice(0, 2000));
  return m ? m[1]! : null;
}

/**
 * Parse a list of CIDRs (one a line, `#` comments) into a membership index. Throws on the
 * first line that is not a block, naming it, so `geo update` can refuse a bad file.
 *
 * @example
 * parseCidrList('# date: 2026-08-22\n10.0.0.0/8\n').lookupV4(ipv4ToNumber('10.0.0.1')) // 0
 */
export function parseCidrList(text: string, name = 'list'): RangeIndex {
  return new RangeIndex(...cidrListArrays(text, name));
}

/** {@link parseCidrList}'s index as its arrays (IPv4 starts, values, IPv6 starts, values), to cache. */
export function cidrListArrays(text: string, name = 'list'): [Uint32Array, Uint32Array, Uint32Array, Uint32Array] {
  const builder = new RangeIndexBuilder();
  let lineNo = 0;
  for (const line of text.split('\n')) {
    lineNo++;
    if (!builder.addCidr(line, 0)) throw new Error(`${name}:${lineNo}: not an address block: '${line.trim().slice(0, 60)}'`);
  }
  return builder.buildArrays();
}

/** The blocks of a downloaded list and the lines that held none. */
export interface ReadList {
  blocks: string[];
  malformed: MalformedLines;
}

/**
 * Read a list as providers publish them: one address or block a line, or CSV whose first field
 * is one (Apple's `egress-ip-ranges.csv`), `#` comments. A line without a block is counted in
 * `malformed` with its number and skipped; the rest are returned lower-cased.
 *
 * @example
 * readDownloadedList('1.2.3.0/24,US,US-CA,Los Angeles,\nhello\n', 'relay.csv').blocks // ['1.2.3.0/24']
 */
export function readDownloadedList(text: string, file: string): ReadList {
  const blocks: string[] = [];
  const malformed = new MalformedLines(file);
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const first = line.split(/[\s,;]/, 1)[0]!;
    if (parseCidr(first)) blocks.push(first.toLowerCase());
    else malformed.add(lineNo, `not an address block: ${quoted(line)}`);
  }
  return { blocks, malformed };
}

/**
 * Parse an ASN list (`13335<TAB>name`; `AS13335 # name` is accepted too) into number → name.
 *
 * @example
 * parseAsnList('9009\tM247\n').get(9009) // 'M247'
 */
export function parseAsnList(text: string, name = 'list'): Map<number, string> {
  const out = new Map<number, string>();
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const m = /^(?:AS)?(\d{1,10})(?:\s*#?\s*(.*))?$/i.exec(line);
    if (!m) throw new Error(`${name}:${lineNo}: not an AS number: '${line.slice(0, 60)}'`);
    out.set(Number(m[1]), (m[2] ?? '').trim());
  }
  return out;
}

/** Registry delegations: the country code of each delegated block. */
export interface RegistryIndex {
  /** Country for an IPv4 number, or null when the address is not delegated. */
  countryV4(n: number): string | null;
  countryV6(words: Uint32Array): string | null;
}

/**
 * Parse `cidr,CC` rows (the registry delegation list) into a {@link RegistryIndex}.
 *
 * @example
 * parseRegistry('24.48.0.0/15,CA\n').countryV4(ipv4ToNumber('24.48.0.1')) // 'CA'
 */
export function parseRegistry(text: string, name = 'registry'): RegistryIndex {
  const { arrays, codes } = registryArrays(text, name);
  return registryFromArrays(arrays, codes);
}

/** A {@link RegistryIndex} from its range arrays and country codes (values index `codes`). */
export function registryFromArrays(arrays: readonly Uint32Array[], codes: readonly string[]): RegistryIndex {
  const index = new RangeIndex(arrays[0]!, arrays[1]!, arrays[2]!, arrays[3]!);
  return {
    countryV4: (n) => codes[index.lookupV4(n)] ?? null,
    countryV6: (w) => codes[index.lookupV6(w)] ?? null,
  };
}

/** {@link parseRegistry}'s index as its arrays and country codes, to cache. */
export function registryArrays(text: string, name = 'registry'): { arrays: [Uint32Array, Uint32Array, Uint32Array, Uint32Array]; codes: string[] } {
  const builder = new RangeIndexBuilder();
  const codes: string[] = [];
  const ids = new Map<string, number>();
  let lineNo = 0;
  for (const raw of text.split('\n')) {
    lineNo++;
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line === 'cidr,country') continue;
    const comma = line.indexOf(',');
    const cc = line.slice(comma + 1).toUpperCase();
    if (comma < 0 || !/^[A-Z]{2}$/.test(cc)) throw new Error(`${name}:${lineNo}: expected 'cidr,CC', got '${line.slice(0, 60)}'`);
    let id = ids.get(cc);
    if (id === undefined) {
      id = codes.push(cc) - 1;
      ids.set(cc, id);
    }
    if (!builder.addCidr(line.slice(0, comma), id)) throw new Error(`${name}:${lineNo}: not an address block: '${line.slice(0, 60)}'`);
  }
  return { arrays: builder.buildArrays(), codes };
}
