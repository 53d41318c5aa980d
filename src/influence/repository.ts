import { escapeControls } from '../core/index.js';
import type { SqlDatabase, SqlReader, SqlRow } from '../core/module/index.js';
import { POST_TSV_COLUMNS } from './migrations.js';
import type { Post, PostOrigin } from './post.js';

/** A stored post with where it came from. */
export interface StoredPost extends Post {
  file: string;
  line: number;
}

/** What a scan stores: groups and narratives as JSON, and the post pairs behind each group. */
export interface ScanRecord {
  groups: ReadonlyArray<{ id: string; score: number; accounts: string[]; posts: string[]; first: string; last: string }>;
  narratives: ReadonlyArray<{ id: string; posts: string[] }>;
  evidence: Array<{ group: string; signal: string; item: string; postA: string; postB: string; accountA: string; accountB: string; gapSecs: number }>;
  summary: unknown;
}

const NULL = '\u0001';
const encoder = new TextEncoder();

/** A field for loadTsv: whitespace controls become spaces, other unsafe characters `\xHH`. */
function field(value: string | null): string {
  if (value === null) return NULL;
  return escapeControls(value.replace(/[\t\n\r\v\f]/g, ' '));
}

/**
 * The influence module's reads of the last scan (groups, narratives, evidence): what the
 * commands and the server's routes show. With {@link InfluenceRepository}, the only place
 * its SQL lives.
 */
export class InfluenceReader {
  readonly #reader: SqlReader;

  constructor(reader: SqlReader) {
    this.#reader = reader;
  }

  /** The last scan's groups, highest score first (their stored JSON). */
  async groups(limit = 1000): Promise<Record<string, unknown>[]> {
    const rows = await this.#reader.query('SELECT body FROM influence_groups ORDER BY score DESC, id LIMIT $limit', { limit });
    return rows.map((r) => JSON.parse(String(r.body)) as Record<string, unknown>);
  }

  /** The last scan's groups active within [from, to) (epoch seconds), highest score first. */
  async groupsBetween(from: number, to: number, limit = 100): Promise<Record<string, unknown>[]> {
    const rows = await this.#reader.query('SELECT body FROM influence_groups WHERE last_ts >= $from AND first_ts < $to ORDER BY score DESC, id LIMIT $limit', { from, to, limit });
    return rows.map((r) => JSON.parse(String(r.body)) as Record<string, unknown>);
  }

  async group(id: string): Promise<Record<string, unknown> | null> {
    const rows = await this.#reader.query('SELECT body FROM influence_groups WHERE id = $id', { id });
    return rows[0] ? JSON.parse(String(rows[0].body)) as Record<string, unknown> : null;
  }

  async narratives(limit = 1000): Promise<Record<string, unknown>[]> {
    const rows = await this.#reader.query('SELECT body FROM influence_narratives ORDER BY posts DESC, id LIMIT $limit', { limit });
    return rows.map((r) => JSON.parse(String(r.body)) as Record<string, unknown>);
  }

  /** The post pairs behind a group, with the posts' text, time, platform and place in their file. */
  async evidence(groupId: string, limit = 500): Promise<SqlRow[]> {
    return this.#reader.query(`SELECT e.signal, e.item, e.gap_secs, e.account_a, e.post_a, a.text AS text_a, a.ts AS ts_a, a.platform AS platform_a, a.channel AS channel_a, a.file AS file_a, a.line AS line_a,
        e.account_b, e.post_b, b.text AS text_b, b.ts AS ts_b, b.platform AS platform_b, b.channel AS channel_b, b.file AS file_b, b.line AS line_b
      FROM influence_evidence e JOIN influence_posts a ON a.id = e.post_a JOIN influence_posts b ON b.id = e.post_b
      WHERE e.group_id = $g ORDER BY a.ts, e.post_a, e.post_b LIMIT $limit`, { g: groupId, limit });
  }
}

/**
 * The influence module's storage. Posts are loaded in batches through a staging table, so a
 * post imported twice (same id) is kept once; a scan replaces the last one's results.
 */
export class InfluenceRepository extends InfluenceReader {
  readonly #db: SqlDatabase;

  constructor(db: SqlDatabase) {
    super(db);
    this.#db = db;
  }

  /** Store a batch of posts; returns how many were new. */
  async addPosts(batch: ReadonlyArray<{ post: Post; origin: PostOrigin }>): Promise<number> {
    if (batch.length === 0) return 0;
    const lines = batch.map(({ post: p, origin: o }) => [
      field(p.id), field(p.account), String(p.ts), field(p.text), field(p.lang), field(p.urls.join(' ')),
      field(p.hashtags.join(' ')), field(p.mentions.join(' ')), field(p.reply_to), field(p.repost_of),
      field(p.platform), field(p.channel), field(o.file), String(o.line),
    ].join('\t')).join('\n') + '\n';
    return this.#db.transaction(async (tx) => {
      await tx.run('DELETE FROM influence_posts_stage');
      await tx.loadTsv('influence_posts_stage', POST_TSV_COLUMNS, encoder.encode(lines));
      const before = await tx.query('SELECT count(*)::BIGINT AS n FROM influence_posts');
      await tx.run(`INSERT INTO influence_posts SELECT DISTINCT ON (id) * FROM influence_posts_stage
                    WHERE id NOT IN (SELECT id FROM influence_posts) ORDER BY id`);
      await tx.run('DELETE FROM influence_posts_stage');
      const after = await tx.query('SELECT count(*)::BIGINT AS n FROM influence_posts');
      return Number(after[0]!.n) - Number(before[0]!.n);
    });
  }

  async recordImport(r: { file: string; format: string; received: number; stored: number; duplicates: number; bad: number; skipped: number }): Promise<void> {
    await this.#db.run('INSERT INTO influence_imports (file, format, received, stored, duplicates, bad, skipped) VALUES ($file, $format, $received, $stored, $duplicates, $bad, $skipped)',
      { file: r.file, format: r.format, received: r.received, stored: r.stored, duplicates: r.duplicates, bad: r.bad, skipped: r.skipped });
  }

  async countPosts(): Promise<number> {
    const [row] = await this.#db.query('SELECT count(*)::BIGINT AS n FROM influence_posts');
    return Number(row!.n);
  }

  /** Every stored post, oldest first (ties by id, so runs are deterministic). */
  async allPosts(): Promise<StoredPost[]> {
    const rows = await this.#db.query('SELECT * FROM influence_posts ORDER BY ts, id');
    return rows.map(toPost);
  }

  /** Replace the last scan's results with these. */
  async saveScan(scan: ScanRecord): Promise<void> {
    await this.#db.transaction(async (tx) => {
      await tx.run('DELETE FROM influence_groups');
      await tx.run('DELETE FROM influence_narratives');
      await tx.run('DELETE FROM influence_evidence');
      const groups = scan.groups.map((g) => [field(g.id), String(g.score), String(g.accounts.length), String(g.posts.length),
        String(Date.parse(g.first) / 1000), String(Date.parse(g.last) / 1000), field(JSON.stringify(g))].join('\t')).join('\n');
      if (groups) await tx.loadTsv('influence_groups', ['id', 'score', 'accounts', 'posts', 'first_ts', 'last_ts', 'body'], encoder.encode(groups + '\n'));
      const narratives = scan.narratives.map((n) => [field(n.id), String(n.posts.length), field(JSON.stringify(n))].join('\t')).join('\n');
      if (narratives) await tx.loadTsv('influence_narratives', ['id', 'posts', 'body'], encoder.encode(narratives + '\n'));
      const evidence = scan.evidence.map((e) => [e.group, e.signal, e.item, e.postA, e.postB, e.accountA, e.accountB].map(field).concat(String(e.gapSecs)).join('\t')).join('\n');
      if (evidence) await tx.loadTsv('influence_evidence', ['group_id', 'signal', 'item', 'post_a', 'post_b', 'account_a', 'account_b', 'gap_secs'], encoder.encode(evidence + '\n'));
      await tx.run('INSERT INTO influence_scans (summary) VALUES ($s)', { s: JSON.stringify(scan.summary) });
    });
  }
}

function toPost(r: SqlRow): StoredPost {
  const words = (v: unknown): string[] => (typeof v === 'string' && v !== '' ? v.split(' ') : []);
  const str = (v: unknown): string | null => (v === null || v === undefined ? null : String(v));
  return {
    id: String(r.id), account: String(r.account), ts: Number(r.ts), text: String(r.text ?? ''), lang: str(r.lang),
    urls: words(r.urls), hashtags: words(r.hashtags), mentions: words(r.mentions), reply_to: str(r.reply_to),
    repost_of: str(r.repost_of), platform: String(r.platform ?? 'unknown'), channel: str(r.channel),
    file: String(r.file ?? ''), line: Number(r.line ?? 0),
  };
}
