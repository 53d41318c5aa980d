import { parseCidr } from '../ip-words.js';
import { MalformedLines, quoted } from '../malformed-lines.js';
import type { FeedRow } from './feed-row.js';
import { awsBorderGroupCountry, azureRegionCountry, gcpRegionCountry, oracleRegionCountry } from './region-countries.js';

/** The cloud providers whose region files vigie reads. */
export type CloudProvider = 'aws' | 'google-cloud' | 'azure' | 'oracle-cloud';

/** A provider's region file, read: its located blocks and what could not be used. */
export interface CloudFile {
  provider: CloudProvider;
  /** For reasons: `AWS ip-ranges.json`. */
  label: string;
  /** The date the provider gives the file, or null (Azure's file carries none but in its name). */
  date: string | null;
  rows: FeedRow[];
  malformed: MalformedLines;
  /** Blocks left to the databases, by region: anycast (`GLOBAL`) and regions vigie has no country for. */
  unlocated: Map<string, number>;
}

const NAMES: Record<CloudProvider, string> = { aws: 'AWS', 'google-cloud': 'Google Cloud', azure: 'Microsoft Azure', 'oracle-cloud': 'Oracle Cloud' };

// Anycast services: the same block answers from edges in every country.
const AWS_ANYCAST = new Set(['CLOUDFRONT', 'GLOBALACCELERATOR']);

type Json = Record<string, unknown>;
const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);
const list = (v: unknown): unknown[] => (Array.isArray(v) ? v : []);
const str = (v: unknown): string => (typeof v === 'string' ? v : '');

/**
 * Read a cloud provider's published region file: AWS `ip-ranges.json`, Google Cloud
 * `cloud.json`, Azure `ServiceTags_Public_YYYYMMDD.json` or Oracle `public_ip_ranges.json`,
 * recognised by their shape. Each block gets its region's country (see `region-countries.ts`);
 * a block whose entry is not a block is counted as malformed with its line. Throws when the
 * text is not JSON or not one of these files.
 *
 * @example
 * readCloudFile(readFileSync('ip-ranges.json', 'utf8'), 'ip-ranges.json').provider // 'aws'
 */
export function readCloudFile(text: string, file: string): CloudFile {
  let doc: unknown;
  try {
    doc = JSON.parse(text);
  } catch (err) {
    throw new Error(`not JSON (${err instanceof Error ? err.message : String(err)})`);
  }
  if (!isObject(doc)) throw new Error('not a cloud region file: the JSON is not an object');
  const provider: CloudProvider | null = Array.isArray(doc.values) && 'changeNumber' in doc ? 'azure'
    : Array.isArray(doc.regions) ? 'oracle-cloud'
      : Array.isArray(doc.prefixes) && 'createDate' in doc ? 'aws'
        : Array.isArray(doc.prefixes) && 'creationTime' in doc ? 'google-cloud' : null;
  if (!provider) throw new Error('not a cloud region file vigie knows (AWS ip-ranges.json, Google Cloud cloud.json, Azure ServiceTags_Public_*.json, Oracle public_ip_ranges.json)');
  const out: CloudFile = { provider, label: `${NAMES[provider]} ${file}`, date: null, rows: [], malformed: new MalformedLines(file), unlocated: new Map() };
  const add = (prefix: string, zone: string, country: string | null): void => {
    if (!parseCidr(prefix) || !prefix.includes('/')) {
      out.malformed.add(lineOf(text, prefix), `not an address block: ${quoted(prefix)}`);
    } else if (!country) {
      out.unlocated.set(zone || '(none)', (out.unlocated.get(zone || '(none)') ?? 0) + 1);
    } else {
      out.rows.push({ prefix: prefix.toLowerCase(), country, subdivision: '', city: '', zone });
    }
  };
  if (provider === 'aws') {
    out.date = dateOf(str(doc.createDate).replace(/^(\d{4}-\d{2}-\d{2})-.*/, '$1'));
    for (const p of [...list(doc.prefixes), ...list(doc.ipv6_prefixes)].filter(isObject)) {
      const group = str(p.network_border_group) || str(p.region);
      add(str(p.ip_prefix) || str(p.ipv6_prefix), group, AWS_ANYCAST.has(str(p.service)) ? null : awsBorderGroupCountry(group));
    }
  } else if (provider === 'google-cloud') {
    out.date = dateOf(str(doc.creationTime));
    for (const p of list(doc.prefixes).filter(isObject)) add(str(p.ipv4Prefix) || str(p.ipv6Prefix), str(p.scope), gcpRegionCountry(str(p.scope)));
  } else if (provider === 'oracle-cloud') {
    out.date = dateOf(str(doc.last_updated_timestamp));
    for (const r of list(doc.regions).filter(isObject)) {
      for (const c of list(r.cidrs).filter(isObject)) add(str(c.cidr), str(r.region), oracleRegionCountry(str(r.region)));
    }
  } else {
    out.date = dateOf(/_(\d{4})(\d{2})(\d{2})\b/.exec(file)?.slice(1, 4).join('-') ?? '');
    const tags = list(doc.values).filter(isObject);
    // AzureCloud.<region> holds all of a region's space; service tags are subsets of it.
    const regional = tags.filter((t) => str(t.name).startsWith('AzureCloud.'));
    for (const t of regional.length > 0 ? regional : tags) {
      const props = isObject(t.properties) ? t.properties : {};
      const region = str(props.region);
      if (region === '') continue;
      for (const prefix of list(props.addressPrefixes)) add(str(prefix), region, azureRegionCountry(region));
    }
  }
  if (out.rows.length === 0 && out.malformed.count === 0 && out.unlocated.size === 0) throw new Error(`a ${NAMES[provider]} file with no address block in it`);
  return out;
}

/** `YYYY-MM-DD` from the start of a provider's timestamp, or null. */
function dateOf(text: string): string | null {
  const m = /^(\d{4}-\d{2}-\d{2})/.exec(text);
  return m && !Number.isNaN(Date.parse(m[1]!)) ? m[1]! : null;
}

/** The 1-based line of the first occurrence of `value` as a JSON string (only for the rare malformed entry). */
function lineOf(text: string, value: string): number {
  const at = text.indexOf(JSON.stringify(value));
  if (at < 0) return 0;
  let line = 1;
  for (let i = text.indexOf('\n'); i >= 0 && i < at; i = text.indexOf('\n', i + 1)) line++;
  return line;
}
