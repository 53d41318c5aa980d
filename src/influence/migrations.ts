import type { Migrations } from '../core/module/index.js';

const POST_COLUMNS = `
  id VARCHAR NOT NULL, account VARCHAR NOT NULL, ts DOUBLE NOT NULL, text VARCHAR, lang VARCHAR,
  urls VARCHAR, hashtags VARCHAR, mentions VARCHAR, reply_to VARCHAR, repost_of VARCHAR,
  platform VARCHAR, channel VARCHAR, file VARCHAR, line INTEGER`;

/**
 * The influence tables. Posts keep their file and line (evidence a person can open); a scan
 * replaces the groups, narratives and evidence of the one before. Lists (links, hashtags,
 * mentions) are space-separated: none of them holds a space.
 */
export const INFLUENCE_MIGRATIONS: Migrations = {
  duckdb: [
    `CREATE TABLE influence_posts (${POST_COLUMNS}, PRIMARY KEY (id));
     CREATE TABLE influence_posts_stage (${POST_COLUMNS});
     CREATE TABLE influence_imports (file VARCHAR, format VARCHAR, received BIGINT, stored BIGINT, duplicates BIGINT, bad BIGINT, skipped BIGINT, imported_at TIMESTAMP DEFAULT current_timestamp);
     CREATE TABLE influence_groups (id VARCHAR PRIMARY KEY, score DOUBLE, accounts INTEGER, posts INTEGER, first_ts DOUBLE, last_ts DOUBLE, body VARCHAR);
     CREATE TABLE influence_narratives (id VARCHAR PRIMARY KEY, posts INTEGER, body VARCHAR);
     CREATE TABLE influence_evidence (group_id VARCHAR, signal VARCHAR, item VARCHAR, post_a VARCHAR, post_b VARCHAR, account_a VARCHAR, account_b VARCHAR, gap_secs DOUBLE);
     CREATE TABLE influence_scans (scanned_at TIMESTAMP DEFAULT current_timestamp, summary VARCHAR);`,
  ],
};

/** Column order of posts as loaded (`loadTsv`). */
export const POST_TSV_COLUMNS = ['id', 'account', 'ts', 'text', 'lang', 'urls', 'hashtags', 'mentions', 'reply_to', 'repost_of', 'platform', 'channel', 'file', 'line'] as const;
