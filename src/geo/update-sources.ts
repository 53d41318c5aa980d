import { readFileSync, statSync } from 'node:fs';
import { basename, extname, join } from 'node:path';
import { VigieError } from '../core/index.js';
import type { AsnTable } from './asn-table.js';
import { ageInDays, extraListType, LIST_FILES } from './data-files.js';
import { readCloudFile } from './feeds/cloud-files.js';
import { FEED_PREFIX, formatFeedFile, type FeedFile } from './feeds/feed-file.js';
import type { FeedRow } from './feeds/feed-row.js';
import { looksLikeGeofeedRow, parseGeofeed } from './feeds/geofeed.js';
import { ipv4ToNumber, parseCidr } from './ip-words.js';
import { listDate, parseAsnList, parseRegistry, readDownloadedList } from './network-lists.js';
import type { MalformedLines } from './malformed-lines.js';
import { readServerListJson } from './server-list-json.js';

/** A checked file ready to install: `name` as the user gave it, stored as `installAs`. */
export interface Staged {
  name: string;
  installAs: string;
  bytes: Uint8Array;
  date: string;
  /** Lines that were skipped, when some were. */
  malformed?: MalformedLines;
  /** What else the user should know (blocks left to the databases). */
  note?: string;
}

/** How a file of the download folder is read. */
export type SourceKind = 'list' | 'extra-list' | 'geofeed' | 'cloud';

// Lists providers publish under names of their own, and the type vigie gives them.
const OFFICIAL_LISTS: Record<string, string> = {
  'egress-ip-ranges.csv': 'relay-egress-ip-ranges.txt',
  torbulkexitlist: 'tor-torbulkexitlist.txt',
  'torbulkexitlist.txt': 'tor-torbulkexitlist.txt',
};

const stemOf = (name: string): string => basename(name, extname(name)).toLowerCase().replace(/[^a-z0-9._-]+/g, '-').replace(/^[^a-z0-9]+/, '');

/**
 * What a file of the download folder is, from its name and, for names vigie does not know,
 * its first lines: a shipped list replaced (`vpn.txt`), a list added beside the shipped one
 * (`vpn-mullvad.txt`, Apple's `egress-ip-ranges.csv`), a cloud region file (any `.json`), or an
 * RFC 8805 geofeed (rows `prefix,country,...`). Null for anything else.
 *
 * @example
 * sourceKind('/tmp/dl', 'digitalocean.csv') // { kind: 'geofeed', installAs: 'feed-digitalocean.csv' }
 */
export function sourceKind(dir: string, name: string): { kind: SourceKind; installAs: string } | null {
  if ((Object.values(LIST_FILES) as string[]).includes(name)) return { kind: 'list', installAs: name };
  const official = OFFICIAL_LISTS[name.toLowerCase()];
  if (official) return { kind: 'extra-list', installAs: official };
  const stem = stemOf(name);
  if (extraListType(`${stem}.txt`)) return { kind: 'extra-list', installAs: `${stem}.txt` };
  if (name.toLowerCase().endsWith('.json')) return { kind: 'cloud', installAs: '' };
  if (stem !== '' && firstRowIsGeofeed(join(dir, name))) return { kind: 'geofeed', installAs: `${FEED_PREFIX}${stem}.csv` };
  return null;
}

function firstRowIsGeofeed(path: string): boolean {
  let head: string;
  try {
    if (!statSync(path).isFile()) return false;
    head = readFileSync(path).subarray(0, 64 * 1024).toString('utf8');
  } catch {
    return false;
  }
  const rows = head.split('\n').map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  return rows.slice(0, 3).some(looksLikeGeofeedRow);
}

/** Check one file and turn it into what is installed; throws one clear line when it cannot be used. */
export function stageSource(dir: string, name: string, kind: SourceKind, installAs: string, now: Date, asn: AsnTable | null): Staged {
  const path = join(dir, name);
  const bad = (why: string): VigieError => new VigieError('VIGIE_ERR_GEO_DATA', `geo update: ${path}: ${why}; nothing was installed`);
  const text = readFileSync(path, 'utf8');
  const fileDate = (): string => listDate(text) ?? statSync(path).mtime.toISOString().slice(0, 10);
  const checkDate = (date: string): string => {
    if (ageInDays(date, now) < -1) throw bad(`its date ${date} is in the future`);
    return date;
  };
  const mostlyBad = (usable: number, malformed: MalformedLines, what: string): void => {
    if (usable === 0) throw bad(malformed.count > 0 ? `no ${what} in it (${malformed.first()})` : `no ${what} in it`);
    // More bad lines than good: the wrong file, not a file with a few typos.
    if (malformed.count > usable) throw bad(`mostly not ${what}s: ${malformed.count} of ${malformed.count + usable} lines malformed (first: ${malformed.first()})`);
  };
  if (kind === 'cloud') {
    let cloud;
    try {
      cloud = readCloudFile(text, name);
    } catch (err) {
      throw bad(err instanceof Error ? err.message : String(err));
    }
    mostlyBad(cloud.rows.length, cloud.malformed, 'located address block');
    const date = checkDate(cloud.date ?? fileDate());
    const unlocated = [...cloud.unlocated].sort((a, b) => b[1] - a[1]);
    const left = unlocated.reduce((n, [, c]) => n + c, 0);
    const note = left === 0 ? undefined : `${left} blocks left to the databases (anycast or a region vigie has no country for: ${unlocated.slice(0, 5).map(([z, c]) => `${z} ${c}`).join(', ')}${unlocated.length > 5 ? ', ...' : ''})`;
    return feedStaged(name, `${FEED_PREFIX}${cloud.provider}.csv`, { label: cloud.label, kind: 'cloud', date, rows: cloud.rows }, cloud.malformed, note);
  }
  if (kind === 'geofeed') {
    const feed = parseGeofeed(text, name);
    mostlyBad(feed.rows.length, feed.malformed, 'geofeed row');
    const modified = /^#.*last[ -]modified:?\s*(\d{4}-\d{2}-\d{2})/im.exec(text.slice(0, 4000))?.[1];
    const date = checkDate(listDate(text) ?? modified ?? fileDate());
    const operator = operatorOf(feed.rows, asn);
    const label = `geofeed ${name}${operator ? ` of ${operator}` : ''}`;
    const note = feed.withoutCountry > 0 ? `${feed.withoutCountry} rows give no country and are left to the databases` : undefined;
    return feedStaged(name, installAs, { label, kind: 'geofeed', date, rows: feed.rows }, feed.malformed, note);
  }
  if (installAs === LIST_FILES.registry || installAs === LIST_FILES.vpnAsn || installAs === LIST_FILES.hostingAsn) {
    try {
      if (installAs === LIST_FILES.registry) {
        if (!parseRegistry(text, name).countryV4(ipv4ToNumber('8.8.8.8'))) throw new Error('no country for 8.8.8.8');
      } else if (parseAsnList(text, name).size === 0) throw new Error('no AS number in it');
    } catch (err) {
      throw bad(err instanceof Error ? err.message : String(err));
    }
    const date = checkDate(fileDate());
    return { name, installAs, date, bytes: Buffer.from(listDate(text) ? text : `# date: ${date}\n${text}`) };
  }
  // A provider's JSON server list (Mullvad, ProtonVPN, PIA), or one address or block a line.
  const read = (kind === 'extra-list' ? readServerListJson(text, name) : null) ?? readDownloadedList(text, name);
  mostlyBad(read.blocks.length, read.malformed, 'address block');
  // A raw download has no `# date:` line: the download time is the best date there is.
  const date = checkDate(fileDate());
  const body = [`# vigie list ${installAs} from ${name}`, `# date: ${date}`, ...read.blocks].join('\n') + '\n';
  return { name, installAs, date, bytes: Buffer.from(body), ...(read.malformed.count > 0 ? { malformed: read.malformed } : {}) };
}

function feedStaged(name: string, installAs: string, feed: FeedFile, malformed: MalformedLines, note: string | undefined): Staged {
  return {
    name, installAs, date: feed.date, bytes: Buffer.from(formatFeedFile(feed)),
    ...(malformed.count > 0 ? { malformed } : {}), ...(note ? { note } : {}),
  };
}

/**
 * The network that announces most of a geofeed's blocks, as `AS14061 DigitalOcean, LLC`, so a
 * reason says whose feed answered even when the file is called `google.csv`; null without an
 * ASN table or a clear majority.
 */
function operatorOf(rows: readonly FeedRow[], asn: AsnTable | null): string | null {
  if (!asn || rows.length === 0) return null;
  const counts = new Map<number, { n: number; org: string }>();
  const step = Math.max(1, Math.floor(rows.length / 500));
  const words = new Uint32Array(4);
  let seen = 0;
  for (let i = 0; i < rows.length; i += step) {
    const cidr = parseCidr(rows[i]!.prefix);
    if (!cidr) continue;
    seen++;
    const rec = cidr.family === 4 ? asn.lookupV4(cidr.start) : (words.set(cidr.start), asn.lookupV6(words));
    if (!rec) continue;
    const c = counts.get(rec.asn) ?? { n: 0, org: rec.org };
    c.n++;
    counts.set(rec.asn, c);
  }
  const best = [...counts].sort((a, b) => b[1].n - a[1].n)[0];
  return best && best[1].n * 2 > seen ? `AS${best[0]}${best[1].org ? ` ${best[1].org}` : ''}` : null;
}

