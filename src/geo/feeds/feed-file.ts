import { listDate } from '../network-lists.js';
import { csvFields } from './geofeed.js';
import type { FeedKind, FeedRow } from './feed-row.js';

/** What a feed file says of itself in its header. */
export interface FeedHeader {
  /** Shown in reasons: `geofeed digitalocean.csv (AS14061 DigitalOcean, LLC)`, `AWS ip-ranges.json`. */
  label: string;
  kind: FeedKind;
  date: string;
}

/** A feed file as vigie stores it: its header and rows. */
export interface FeedFile extends FeedHeader {
  rows: FeedRow[];
}

/** The prefix of every feed file's name in a data directory (`feed-aws.csv`). */
export const FEED_PREFIX = 'feed-';

const cell = (s: string): string => (/[",]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);

/**
 * Write a feed as vigie installs it: an RFC 8805 geofeed (`prefix,country,subdivision,city`)
 * with a fifth column for the provider's zone, and `#` header lines giving its label, kind and
 * date, so every source, whatever its original format, is read the same way at lookup time.
 *
 * @example
 * formatFeedFile({ label: 'AWS ip-ranges.json', kind: 'cloud', date: '2026-08-22', rows })
 */
export function formatFeedFile(feed: FeedFile): string {
  const head = [`# vigie feed: ${feed.label.replace(/\s+/g, ' ')}`, `# kind: ${feed.kind}`, `# date: ${feed.date}`];
  const body = feed.rows.map((r) => [r.prefix, r.country, r.subdivision, r.city, r.zone].map(cell).join(','));
  return head.join('\n') + '\n' + body.join('\n') + '\n';
}

/**
 * Read a feed file written by {@link formatFeedFile}. Its rows were checked when it was
 * installed; a row that does not read (a file edited by hand) is skipped.
 *
 * @example
 * parseFeedFile(text).label // 'AWS ip-ranges.json'
 */
export function parseFeedFile(text: string, name: string): FeedFile {
  const label = /^# vigie feed: (.+)$/m.exec(text.slice(0, 2000))?.[1]?.trim() ?? name;
  const kind: FeedKind = /^# kind: cloud\s*$/m.test(text.slice(0, 2000)) ? 'cloud' : 'geofeed';
  const rows: FeedRow[] = [];
  for (const line of text.split('\n')) {
    if (line === '' || line.startsWith('#')) continue;
    const [prefix = '', country = '', subdivision = '', city = '', zone = ''] = csvFields(line);
    if (prefix && /^[A-Z]{2}$/.test(country)) rows.push({ prefix, country, subdivision, city, zone });
  }
  return { label, kind, date: listDate(text) ?? '1970-01-01', rows };
}
