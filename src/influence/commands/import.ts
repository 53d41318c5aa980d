import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { VigieError } from '../../core/index.js';
import { DB_FLAG, defineCommand } from '../../core/module/index.js';
import { detectFormat, POST_FIELDS, POST_FORMATS, readPostBatches, type PostField, type PostFormat } from '../formats/index.js';
import type { Post, PostOrigin } from '../post.js';
import { InfluenceRepository } from '../repository.js';

const IMPORT_HELP = `Usage: vigie influence import FILE... [options]

Reads posts (plain or .gz) and stores them for 'vigie influence scan' and 'network'. A post
imported twice (same id) is kept once. Bad records are counted and listed as file:line.

Formats:
  jsonl       one JSON object a line: id, account, time, text, lang?, urls?, hashtags?,
              reply_to?, repost_of?, platform, channel? (unknown keys ignored). WeChat chats
              transcribed by hand use it too (platform wechat, channel = the group)
  csv         a header naming the same fields (or usual aliases: user_id, message, timestamp...);
              --map FIELD=COLUMN names any other column
  qut         the QUT coordination-network-toolkit's CSV (message_id, user_id, username,
              repost_id, reply_id, message, timestamp, urls)
  twitter-io  Twitter's information-operations archive CSV (tweetid, userid, tweet_text, ...)
  telegram    Telegram Desktop's JSON export (result.json), channel = the chat

Options:
  --format F     auto (default: from the name and first line), ${POST_FORMATS.join(', ')}
  --map F=COL    with csv: the column holding field F (repeat)
  --db PATH      database file (default: db_path, ./vigie.duckdb)
  --json OUT     also write the counts as JSON ('-' for stdout)
  --quiet        no summary
  -h, --help     this help`;

const BATCH = 20_000;
const SHOWN_BAD = 20;

/** Counts of one file's import. */
export interface FileImport {
  file: string;
  format: PostFormat;
  received: number;
  stored: number;
  duplicates: number;
  bad: number;
  skipped: number;
  /** The first bad records, as `file:line: why`. */
  bad_examples: string[];
}

/** `vigie influence import FILE...` */
export const influenceImportCommand = defineCommand({
  noun: 'influence',
  verb: 'import',
  summary: 'store posts from JSONL, CSV, QUT, Twitter IO archive or Telegram exports',
  help: IMPORT_HELP,
  options: z.strictObject({
    format: z.enum(['auto', ...POST_FORMATS]).default('auto'),
    map: z.array(z.string().regex(/^[a-z_]+=.+$/, 'takes FIELD=COLUMN')).default([]),
    db: DB_FLAG,
    json: z.string().min(1).optional(),
    quiet: z.boolean().default(false),
  }),
  config: { db: 'db_path' },
  run: async ({ options: o, positionals }, ctx) => {
    if (positionals.length === 0) throw new VigieError('VIGIE_ERR_USAGE', 'influence import: name at least one file; see vigie influence import --help');
    const map = parseMap(o.map);
    const formats: PostFormat[] = [];
    for (const file of positionals) formats.push(o.format === 'auto' ? await detectFormat(file) : o.format);
    const session = await ctx.openStore();
    const files: FileImport[] = [];
    try {
      const repo = new InfluenceRepository(session.database);
      for (const [i, file] of positionals.entries()) {
        const counts = await importFile(repo, file, formats[i]!, map, ctx.signal);
        await repo.recordImport(counts);
        files.push(counts);
      }
      const total = await repo.countPosts();
      const summary = { files, posts_in_store: total };
      if (o.json === '-') ctx.stdout.write(JSON.stringify(summary, null, 2) + '\n');
      else if (o.json) await writeFile(o.json, JSON.stringify(summary, null, 2) + '\n');
      if (!o.quiet && o.json !== '-') {
        for (const f of files) {
          ctx.stdout.write(`${f.file} (${f.format}): ${f.received} records, ${f.stored} posts stored, ${f.duplicates} already stored, ${f.skipped} skipped, ${f.bad} bad\n`);
        }
        ctx.stdout.write(`${total} posts in ${session.database.location}\n`);
      }
      for (const f of files) for (const e of f.bad_examples) ctx.stderr.write(`vigie: ${e}\n`);
      for (const f of files) if (f.bad > f.bad_examples.length) ctx.stderr.write(`vigie: ${f.file}: ${f.bad - f.bad_examples.length} more bad records\n`);
      if (files.every((f) => f.received > 0 && f.bad === f.received)) {
        throw new VigieError('VIGIE_ERR_LOG_FORMAT', `influence import: no record could be read; check --format (${POST_FORMATS.join(', ')})`);
      }
      return 0;
    } finally {
      await session.close();
    }
  },
});

/** Read one file into the store in batches, counting what happened to each record. */
export async function importFile(repo: InfluenceRepository, file: string, format: PostFormat, map: Partial<Record<PostField, string>>, signal?: AbortSignal): Promise<FileImport> {
  const counts: FileImport = { file, format, received: 0, stored: 0, duplicates: 0, bad: 0, skipped: 0, bad_examples: [] };
  let batch: Array<{ post: Post; origin: PostOrigin }> = [];
  const flush = async (): Promise<void> => {
    const added = await repo.addPosts(batch);
    counts.stored += added;
    counts.duplicates += batch.length - added;
    batch = [];
  };
  reading: for await (const items of readPostBatches(file, format, map)) for (const item of items) {
    counts.received++;
    if (item.kind === 'post') {
      batch.push(item);
      if (batch.length >= BATCH) await flush();
      if (signal?.aborted) break reading;
    } else if (item.kind === 'skipped') counts.skipped++;
    else {
      counts.bad++;
      if (counts.bad_examples.length < SHOWN_BAD) counts.bad_examples.push(`${item.origin.file}:${item.origin.line}: ${item.why}`);
    }
  }
  await flush();
  return counts;
}

function parseMap(pairs: readonly string[]): Partial<Record<PostField, string>> {
  const out: Partial<Record<PostField, string>> = {};
  for (const pair of pairs) {
    const [field, column] = [pair.slice(0, pair.indexOf('=')), pair.slice(pair.indexOf('=') + 1)];
    if (!(POST_FIELDS as readonly string[]).includes(field)) throw new VigieError('VIGIE_ERR_USAGE', `influence import: --map: no field '${field}' (fields: ${POST_FIELDS.join(', ')})`);
    out[field as PostField] = column;
  }
  return out;
}
