import type { ReadItem } from '../post.js';
import { buildPost, type RawPost } from './build-post.js';
import { csvRecordBatches } from './csv.js';

/** The schema's fields a CSV column can fill. */
export const POST_FIELDS = ['id', 'account', 'time', 'text', 'lang', 'urls', 'hashtags', 'reply_to', 'repost_of', 'platform', 'channel'] as const;
export type PostField = (typeof POST_FIELDS)[number];

/** A CSV layout: which column fills which field, and how list fields are split. */
export interface CsvLayout {
  /** Field → column name (case-insensitive). */
  columns: Partial<Record<PostField, string>>;
  platform: string;
  /** `[a, b]` or `['a', 'b']` lists (Twitter's archive) rather than space-separated. */
  bracketLists?: boolean;
}

/** Generic CSV: columns named after the schema's fields, or a usual alias of them. */
export const GENERIC_ALIASES: Record<PostField, readonly string[]> = {
  id: ['id', 'post_id', 'message_id', 'tweet_id', 'tweetid'],
  account: ['account', 'user', 'user_id', 'userid', 'author', 'username', 'screen_name'],
  time: ['time', 'timestamp', 'created_at', 'date', 'tweet_time'],
  text: ['text', 'message', 'content', 'body', 'tweet_text'],
  lang: ['lang', 'language', 'tweet_language'],
  urls: ['urls', 'links'],
  hashtags: ['hashtags', 'tags'],
  reply_to: ['reply_to', 'reply_id', 'in_reply_to', 'in_reply_to_tweetid'],
  repost_of: ['repost_of', 'repost_id', 'retweet_of', 'retweet_tweetid'],
  platform: ['platform'],
  channel: ['channel', 'group', 'chat'],
};

/** The QUT coordination-network-toolkit's CSV (message_id, user_id, username, repost_id, reply_id, message, timestamp, urls). */
export const QUT_LAYOUT: CsvLayout = {
  columns: { id: 'message_id', account: 'user_id', repost_of: 'repost_id', reply_to: 'reply_id', text: 'message', time: 'timestamp', urls: 'urls' },
  platform: 'twitter',
};

/** Twitter's information-operations archive (tweetid, userid, tweet_text, tweet_time, ...). */
export const TWITTER_IO_LAYOUT: CsvLayout = {
  columns: { id: 'tweetid', account: 'userid', text: 'tweet_text', time: 'tweet_time', lang: 'tweet_language', urls: 'urls', hashtags: 'hashtags', reply_to: 'in_reply_to_tweetid', repost_of: 'retweet_tweetid' },
  platform: 'twitter',
  bracketLists: true,
};

/** The generic layout of a header, with `map` (field → column) overriding the aliases. */
export function genericLayout(header: readonly string[], map: Partial<Record<PostField, string>> = {}): CsvLayout {
  const lower = header.map((h) => h.trim().toLowerCase());
  const columns: Partial<Record<PostField, string>> = {};
  for (const field of POST_FIELDS) {
    const given = map[field];
    if (given !== undefined) columns[field] = given;
    else {
      const alias = GENERIC_ALIASES[field].find((a) => lower.includes(a));
      if (alias) columns[field] = alias;
    }
  }
  return { columns, platform: 'unknown' };
}

/**
 * Posts of a CSV file laid out as `layout` (or, given a function, as its header says), a
 * chunk at a time. Each record's `line` is the file line it starts on, so an analyst opens
 * the file there.
 */
export async function* readCsvPostBatches(file: string, layout: CsvLayout | ((header: string[]) => CsvLayout)): AsyncGenerator<ReadItem[]> {
  let index: Array<[PostField, number]> | null = null;
  let width = 0;
  let resolved: CsvLayout | null = null;
  for await (const records of csvRecordBatches(file)) {
    const out: ReadItem[] = [];
    for (const record of records) {
      const origin = { file, line: record.line };
      if (index === null) {
        resolved = typeof layout === 'function' ? layout(record.fields) : layout;
        const lower = record.fields.map((h) => h.trim().toLowerCase());
        index = [];
        for (const [field, column] of Object.entries(resolved.columns) as [PostField, string][]) {
          const at = lower.indexOf(column.toLowerCase());
          if (at < 0) throw new MissingColumn(file, field, column);
          index.push([field, at]);
        }
        width = record.fields.length;
        continue;
      }
      if (record.unterminated) { out.push({ kind: 'bad', origin, why: 'a quoted field is never closed' }); continue; }
      if (record.fields.length !== width) { out.push({ kind: 'bad', origin, why: `${record.fields.length} fields, the header has ${width}` }); continue; }
      const raw: Record<string, unknown> = {};
      for (const [field, at] of index) {
        const value = record.fields[at]!;
        raw[field] = (field === 'urls' || field === 'hashtags') && resolved!.bracketLists ? bracketList(value) : value;
      }
      const built = buildPost(raw as RawPost, { platform: resolved!.platform });
      if ('post' in built) out.push({ kind: 'post', post: built.post, origin });
      else if ('skip' in built) out.push({ kind: 'skipped', origin, why: built.skip });
      else out.push({ kind: 'bad', origin, why: built.bad });
    }
    if (out.length > 0) yield out;
  }
}

/** A header lacks a column the layout needs. */
export class MissingColumn extends Error {
  constructor(readonly file: string, readonly field: string, readonly column: string) {
    super(`${file}: no '${column}' column (for ${field}) in the header`);
  }
}

/** `[a, b]`, `['a', 'b']` or `a b` as a list. */
function bracketList(value: string): string[] {
  const inner = value.trim().replace(/^\[/, '').replace(/\]$/, '');
  return inner.split(/[,\s]+/).map((s) => s.trim().replace(/^['"]|['"]$/g, '')).filter(Boolean);
}
