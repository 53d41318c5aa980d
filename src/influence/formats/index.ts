import { VigieError } from '../../core/index.js';
import type { ReadItem } from '../post.js';
import { genericLayout, MissingColumn, QUT_LAYOUT, readCsvPostBatches, TWITTER_IO_LAYOUT, type PostField } from './csv-posts.js';
import { readJsonl } from './jsonl.js';
import { fileHead } from './lines.js';
import { readTelegram } from './telegram.js';

export { parseTime } from './build-post.js';
export { POST_FIELDS, type PostField } from './csv-posts.js';

/** The input layouts `influence import --format` takes. */
export const POST_FORMATS = ['jsonl', 'csv', 'qut', 'twitter-io', 'telegram'] as const;
export type PostFormat = (typeof POST_FORMATS)[number];

/** Tell a file's layout from its name and first lines. */
export async function detectFormat(file: string): Promise<PostFormat> {
  const name = file.toLowerCase().replace(/\.gz$/, '');
  const head = await fileHead(file, 1);
  const first = (head[0] ?? '').trim();
  if (name.endsWith('.json') || (first.startsWith('{') && !first.endsWith('}'))) return 'telegram';
  if (name.endsWith('.jsonl') || name.endsWith('.ndjson') || first.startsWith('{')) return 'jsonl';
  const header = first.toLowerCase().split(',').map((h) => h.trim().replace(/^"|"$/g, ''));
  if (['message_id', 'user_id', 'repost_id', 'timestamp'].every((c) => header.includes(c))) return 'qut';
  if (['tweetid', 'userid', 'tweet_text'].every((c) => header.includes(c))) return 'twitter-io';
  if (header.length > 1) return 'csv';
  throw new VigieError('VIGIE_ERR_LOG_FORMAT', `influence import: ${file}: cannot tell its format from its name or first line; give --format (${POST_FORMATS.join(', ')})`);
}

/**
 * The posts of one file in a layout: an async stream of posts and bad records (file:line and
 * why). A header that lacks a needed column is one coded error naming it.
 */
export async function* readPosts(file: string, format: PostFormat, map: Partial<Record<PostField, string>> = {}): AsyncGenerator<ReadItem> {
  for await (const batch of readPostBatches(file, format, map)) yield* batch;
}

/** As {@link readPosts}, a batch of records at a time (a chunk of the file: CSV reads fastest so). */
export async function* readPostBatches(file: string, format: PostFormat, map: Partial<Record<PostField, string>> = {}): AsyncGenerator<ReadItem[]> {
  try {
    switch (format) {
      case 'jsonl': yield* batched(readJsonl(file)); break;
      case 'telegram': yield* batched(readTelegram(file)); break;
      case 'qut': yield* readCsvPostBatches(file, QUT_LAYOUT); break;
      case 'twitter-io': yield* readCsvPostBatches(file, TWITTER_IO_LAYOUT); break;
      case 'csv': yield* readCsvPostBatches(file, (header) => {
        const layout = genericLayout(header, map);
        for (const needed of ['id', 'account', 'time'] as const) {
          if (!layout.columns[needed]) throw new MissingColumn(file, needed, map[needed] ?? needed);
        }
        return layout;
      }); break;
    }
  } catch (err) {
    if (err instanceof MissingColumn) throw new VigieError('VIGIE_ERR_LOG_FORMAT', `influence import: ${err.message}; name it with --map ${err.field}=COLUMN, or check --format`);
    throw err;
  }
}

async function* batched(items: AsyncIterable<ReadItem>, size = 4096): AsyncGenerator<ReadItem[]> {
  let batch: ReadItem[] = [];
  for await (const item of items) {
    batch.push(item);
    if (batch.length >= size) { yield batch; batch = []; }
  }
  if (batch.length > 0) yield batch;
}
