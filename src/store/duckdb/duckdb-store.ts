import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { DuckDBInstance, type DuckDBConnection, type DuckDBValue } from '@duckdb/node-api';
import { VigieError } from '../../core/index.js';
import { EVENT_COLUMNS, FINDING_COLUMNS, FINDING_REASON_COLUMNS, IDS_PER_DICTIONARY, STRING_COLUMNS } from '../rows.js';
import type { Checkpoint, ClientsPaging, RowBatch, RunFigures, RunInfo, SourceIdentity, SourceRecord, SqlValue, Store, TopClient } from '../store.js';
import { sourceAtFromRow } from '../store.js';
import { DuckDbDatabase } from './duckdb-database.js';
import { columnNames, MIGRATIONS, SCHEMA_VERSION, csvColumns, selectList } from './schema.js';

/** A read-only view of the database on its own connection (see {@link DuckDbStore.openReader}). */
export interface StoreReader extends Pick<Store, 'query'> {
  /** Stop the query running on this connection (it fails with an interrupt error). */
  interrupt(): void;
  close(): void;
}

/** Options of the embedded store; units in names. */
export interface DuckDbStoreOptions {
  /** DuckDB's own memory cap (it spills to disk beyond it); part of the 512 MB RSS budget of a 10M-line import. */
  memoryLimitMb?: number;
  threads?: number;
}

// strict_mode=false: rows are produced by vigie itself, so DuckDB can skip its dialect checks
// (a third faster, measured); a malformed row still fails the typed columns and the batch.
/** DuckDB's memory limit unless told otherwise: enough for behaviour's and the dashboard's queries over 10M events. */
export const DEFAULT_MEMORY_LIMIT_MB = 96;

/**
 * Addresses per transaction of a full client refresh: 250k held DuckDB well under its 96 MB
 * (a million in one transaction did not fit, measured on a sprayed /64).
 */
const CLIENTS_PER_PART = 250_000;

/** `buffer_size` 2 MB: DuckDB's default (16 × max_line_size, 16 MB here) only held more memory (3M-line import: 481 MB peak against 485-516 MB). */
const CSV_OPTIONS = `delim='\t', quote='', escape='', header=false, auto_detect=false, nullstr='\u0001', max_line_size=1048576, buffer_size=2097152, strict_mode=false`;

/**
 * The embedded store: one DuckDB file on disk (default `./vigie.duckdb`).
 *
 * Batches are loaded with `read_csv` from a temporary file rather than the row appender: on
 * this project's 2-core machines the appender costs ~2.7 µs per row in JavaScript calls
 * (measured, 1M rows of this shape), while `read_csv` loads the same rows on DuckDB's own
 * threads, leaving the JavaScript thread free to parse the next batch.
 *
 * @example
 * const store = await DuckDbStore.open('./vigie.duckdb');
 * const runId = await store.beginRun({ command: 'web analyze', args: [] });
 */
export class DuckDbStore implements Store {
  readonly location: string;
  #instance: DuckDBInstance;
  #db: DuckDBConnection;
  #tmpDir: string;
  #tmpSeq = 0;

  private constructor(location: string, instance: DuckDBInstance, db: DuckDBConnection, tmpDir: string) {
    this.location = location;
    this.#instance = instance;
    this.#db = db;
    this.#tmpDir = tmpDir;
  }

  static async open(path: string, options: DuckDbStoreOptions = {}): Promise<DuckDbStore> {
    const location = path === ':memory:' ? path : resolve(path);
    let instance: DuckDBInstance;
    try {
      instance = await DuckDBInstance.create(location, {
        memory_limit: `${options.memoryLimitMb ?? DEFAULT_MEMORY_LIMIT_MB}MB`,
        threads: String(options.threads ?? 2),
        // DuckDB's allocator (jemalloc) returns freed pages to the system from a background
        // thread; without it, pages a query freed stayed resident until the same allocator
        // arena was busy again, and each step after the ingest kept a little more (400k-line
        // spray, the steps after the ingest: 375 MB peak without, 334 MB with; measured).
        allocator_background_threads: 'true',
      });
    } catch (err) {
      throw new VigieError('VIGIE_ERR_STORE', `cannot open database ${path}: ${firstLine(err)} (is another vigie process using it?)`, { cause: err });
    }
    const db = await instance.connect();
    const tmpDir = await mkdtemp(join(tmpdir(), 'vigie-batch-'));
    const store = new DuckDbStore(location, instance, db, tmpDir);
    await store.#migrate();
    return store;
  }

  async #migrate(): Promise<void> {
    await this.#db.run(`CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)`);
    const rows = await this.#rows(`SELECT value FROM meta WHERE key = 'schema_version'`);
    const current = rows.length ? Number(rows[0]!.value) : 0;
    if (current > SCHEMA_VERSION) {
      throw new VigieError('VIGIE_ERR_STORE_SCHEMA', `${this.location} has schema version ${current}, newer than this vigie (${SCHEMA_VERSION}); upgrade vigie`);
    }
    for (let v = current; v < SCHEMA_VERSION; v++) {
      await this.#transaction(async () => {
        await this.#db.run(MIGRATIONS[v]!);
        await this.#db.run(`INSERT OR REPLACE INTO meta VALUES ('schema_version', $v)`, { v: String(v + 1) });
      });
    }
    // Schema changes go to the database file at once, never stay in the WAL: DuckDB 1.5 cannot
    // replay a WAL that creates a table whose default calls a sequence (audit_log), so a crash
    // right after the first open left a database that would not open again (kill -9 test).
    if (current < SCHEMA_VERSION) await this.#db.run('CHECKPOINT');
  }

  async beginRun(info: RunInfo): Promise<number> {
    const rows = await this.#rows(`INSERT INTO runs (run_id, command, args) SELECT coalesce(max(run_id), 0) + 1, $c, $a FROM runs RETURNING run_id`, { c: info.command, a: JSON.stringify(info.args) });
    return Number(rows[0]!.run_id);
  }

  async finishRun(runId: number, summary: unknown): Promise<void> {
    await this.#db.run(`UPDATE runs SET finished_at = current_timestamp, summary = $s WHERE run_id = $r`, { s: JSON.stringify(summary), r: runId });
  }

  async openSource(identity: SourceIdentity, matches: (known: SourceIdentity, checkpoint: Checkpoint) => Promise<boolean>): Promise<{ source: SourceRecord; checkpoint: Checkpoint }> {
    // By device and inode, whatever the path: a log renamed by rotation (access.log, then
    // access.log.1) is the file read before, and reads on from its checkpoint.
    const known = identity.path === '-' ? [] : await this.#rows(
      `SELECT s.source_id, s.path, s.dev, s.ino, s.head_hash, s.head_bytes, c.byte_offset, c.line
         FROM sources s LEFT JOIN checkpoints c USING (source_id)
        WHERE s.dev = $d AND s.ino = $i ORDER BY s.path = $p DESC, s.source_id DESC`,
      { p: identity.path, d: identity.dev, i: identity.ino },
    );
    for (const row of known) {
      const { identity: candidate, checkpoint } = sourceAtFromRow(String(row.path), row);
      const sourceId = checkpoint.sourceId;
      if (!(await matches(candidate, checkpoint))) continue;
      if (candidate.path !== identity.path) {
        // Renamed: evidence should point where the lines are now.
        await this.#db.run('UPDATE sources SET path = $p WHERE source_id = $s', { p: identity.path, s: sourceId });
      }
      return { source: { ...candidate, path: identity.path, sourceId }, checkpoint };
    }
    const rows = await this.#rows(
      `INSERT INTO sources (source_id, path, dev, ino, head_hash, head_bytes)
       SELECT coalesce(max(source_id), 0) + 1, $p, $d, $i, $h, $b FROM sources RETURNING source_id`,
      { p: identity.path, d: identity.dev, i: identity.ino, h: identity.headHash, b: identity.headBytes },
    );
    const sourceId = Number(rows[0]!.source_id);
    return { source: { ...identity, sourceId }, checkpoint: { sourceId, byteOffset: 0, line: 0 } };
  }

  async lastSourceAt(path: string): ReturnType<Store['lastSourceAt']> {
    const [row] = await this.#rows(
      `SELECT s.source_id, s.dev, s.ino, s.head_hash, s.head_bytes, c.byte_offset, c.line FROM sources s LEFT JOIN checkpoints c USING (source_id)
        WHERE s.path = $p ORDER BY s.source_id DESC LIMIT 1`,
      { p: path },
    );
    return row ? sourceAtFromRow(path, row) : undefined;
  }

  async reserveStringIds(dictionaries: number): Promise<number> {
    // Reservations live in meta, so a range handed to a run that then crashed is never reused.
    let first = 0;
    await this.#transaction(async () => {
      const [row] = await this.#rows(`SELECT coalesce((SELECT value::BIGINT FROM meta WHERE key = 'next_string_id'), (SELECT coalesce(max(id) + 1, 0) FROM strings)) AS next`);
      first = Math.ceil(Number(row!.next) / IDS_PER_DICTIONARY) * IDS_PER_DICTIONARY;
      await this.#db.run(`INSERT OR REPLACE INTO meta VALUES ('next_string_id', $v)`, { v: String(first + dictionaries * IDS_PER_DICTIONARY) });
    });
    return first;
  }

  async resetSource(sourceId: number): Promise<void> {
    await this.#transaction(async () => {
      await this.#db.run(`DELETE FROM events WHERE source_id = $s`, { s: sourceId });
      await this.#db.run(`DELETE FROM findings WHERE source_id = $s`, { s: sourceId });
      await this.#db.run(`DELETE FROM findings_set_aside WHERE source_id = $s`, { s: sourceId });
      await this.#db.run(`DELETE FROM checkpoints WHERE source_id = $s`, { s: sourceId });
    });
  }

  async commitBatch(runId: number, batch: RowBatch, checkpoint: Checkpoint): Promise<void> {
    const seq = ++this.#tmpSeq;
    const eventsFile = join(this.#tmpDir, `events-${seq}.tsv`);
    const findingsFile = join(this.#tmpDir, `findings-${seq}.tsv`);
    const stringsFile = join(this.#tmpDir, `strings-${seq}.tsv`);
    const params = { r: runId, s: batch.sourceId };
    try {
      if (batch.eventCount > 0) await writeFile(eventsFile, batch.events);
      if (batch.findingCount > 0) await writeFile(findingsFile, batch.findings);
      if (batch.stringCount > 0) await writeFile(stringsFile, batch.strings);
      await this.#transaction(async () => {
        if (batch.stringCount > 0) {
          await this.#db.run(`INSERT INTO strings SELECT * FROM read_csv('${stringsFile}', ${CSV_OPTIONS}, columns=${csvColumns(STRING_COLUMNS)})`);
        }
        if (batch.eventCount > 0) {
          await this.#db.run(`INSERT INTO events SELECT $r, $s, ${selectList(EVENT_COLUMNS)} FROM read_csv('${eventsFile}', ${CSV_OPTIONS}, columns=${csvColumns(EVENT_COLUMNS)})`, params);
        }
        if (batch.findingCount > 0) {
          const columns = [...FINDING_COLUMNS, ...FINDING_REASON_COLUMNS];
          await this.#db.run(`INSERT INTO findings (run_id, source_id, ${columnNames(columns)}) SELECT $r, $s, ${selectList(columns)} FROM read_csv('${findingsFile}', ${CSV_OPTIONS}, columns=${csvColumns(columns)})`, params);
        }
        await this.#db.run(
          `INSERT OR REPLACE INTO checkpoints (source_id, byte_offset, line, updated_at) VALUES ($s, $o, $l, current_timestamp)`,
          { s: checkpoint.sourceId, o: checkpoint.byteOffset, l: checkpoint.line },
        );
      });
    } finally {
      await Promise.all([eventsFile, findingsFile, stringsFile].map((f) => rm(f, { force: true })));
    }
  }

  async refreshClients(since?: { runId: number; fromMs: number }, paging?: ClientsPaging): Promise<void> {
    if (since !== undefined) {
      await this.#transaction(async () => {
        const p = { r: since.runId, from_us: since.fromMs * 1000 };
        await this.#db.run(`CREATE OR REPLACE TEMP TABLE refresh_ips AS SELECT DISTINCT ip FROM events WHERE run_id = $r AND ts >= make_timestamp($from_us)`, p);
        await this.#db.run(`DELETE FROM clients WHERE ip IN (SELECT ip FROM refresh_ips)`);
        await this.#db.run(`
          INSERT INTO clients (ip, first_seen, last_seen, requests, flagged_requests, classes)
          SELECT e.ip, min(e.ts), max(e.ts), count(*), count(*) FILTER (WHERE e.flagged), f.classes
            FROM events e SEMI JOIN refresh_ips r USING (ip)
            LEFT JOIN (SELECT ip, list(DISTINCT class ORDER BY class) AS classes FROM findings SEMI JOIN refresh_ips USING (ip) GROUP BY ip) f USING (ip)
           GROUP BY e.ip, f.classes`);
        await this.#db.run('DROP TABLE refresh_ips');
      });
      return;
    }
    const parts = Math.max(1, paging?.parts ?? await this.clientParts());
    for (let k = paging?.from ?? 0; k < parts; k++) {
      // Integers this code computed, inlined: a bound JavaScript number would compare as DOUBLE.
      const part = (column: string): string => `hash(${column}) % ${parts} = ${k}`;
      await this.#transaction(async () => {
        await this.#db.run(`DELETE FROM clients WHERE ${part('ip')}`);
        // Each side aggregated on its own before the join: grouping the join by the class list
        // held far more memory (1M addresses failed at 96 MB; measured).
        await this.#db.run(`
          INSERT INTO clients (ip, first_seen, last_seen, requests, flagged_requests, classes)
          SELECT c.ip, c.first_seen, c.last_seen, c.requests, c.flagged, f.classes
            FROM (SELECT ip, min(ts) AS first_seen, max(ts) AS last_seen, count(*) AS requests, count(*) FILTER (WHERE flagged) AS flagged
                    FROM events WHERE ${part('ip')} GROUP BY ip) c
            LEFT JOIN (SELECT ip, list(DISTINCT class ORDER BY class) AS classes FROM findings WHERE ${part('ip')} GROUP BY ip) f USING (ip)`);
        for (const s of paging?.withPart?.(k) ?? []) await this.#db.run(s.sql, s.params);
      });
    }
  }

  async clientParts(rowsPerPart = CLIENTS_PER_PART): Promise<number> {
    const [row] = await this.#rows(`SELECT approx_count_distinct(ip) AS n FROM events`);
    return Math.max(1, Math.ceil(Number(row?.n ?? 0) / rowsPerPart));
  }

  /**
   * The run's figures. Distinct addresses are counted, and the busiest ranked, in the same hash
   * parts as the client table: one pass over 2M addresses of a sprayed /64 ran out of DuckDB's
   * 96 MB (measured), and a part's top clients hold the run's top among them, so the top of
   * the parts' tops is the run's.
   */
  async runFigures(runId: number, topN: number, rowsPerPart = CLIENTS_PER_PART): Promise<RunFigures> {
    const p = { r: runId };
    const [totals] = await this.#rows(
      `SELECT count(*) AS events, count(*) FILTER (WHERE flagged) AS flagged, approx_count_distinct(ip) AS approx FROM events WHERE run_id = $r`, p);
    const byClass = await this.#rows(`SELECT class, count(*) AS n FROM findings WHERE run_id = $r GROUP BY class ORDER BY n DESC, class`, p);
    const parts = Math.max(1, Math.ceil(Number(totals!.approx) / rowsPerPart));
    let clients = 0;
    let clientsFlagged = 0;
    const tops: TopClient[] = [];
    for (let k = 0; k < parts; k++) {
      // Integers this code computed, inlined: a bound JavaScript number would compare as DOUBLE.
      const part = `hash(ip) % ${parts} = ${k}`;
      // One pass per part: the part's client and flagged-client counts ride along the ranking.
      const top = await this.#rows(`
        WITH c AS (SELECT ip, count(*) AS requests, count(*) FILTER (WHERE flagged) AS flagged_requests,
                          min(ts) AS first_seen, max(ts) AS last_seen
                     FROM events WHERE run_id = $r AND ${part} GROUP BY ip),
             k AS (SELECT ip, list(DISTINCT class ORDER BY class) AS classes FROM findings WHERE run_id = $r AND ${part} GROUP BY ip)
        SELECT c.*, coalesce(k.classes, []) AS classes, count(*) OVER () AS part_clients, count(k.ip) OVER () AS part_flagged
          FROM c LEFT JOIN k USING (ip)
         ORDER BY (k.classes IS NOT NULL) DESC, flagged_requests DESC, requests DESC, ip LIMIT $n`, { ...p, n: topN });
      clients += Number(top[0]?.part_clients ?? 0);
      clientsFlagged += Number(top[0]?.part_flagged ?? 0);
      for (const r of top) {
        tops.push({
          ip: String(r.ip),
          requests: Number(r.requests),
          flagged_requests: Number(r.flagged_requests),
          classes: (r.classes as string[]) ?? [],
          first_seen: String(r.first_seen),
          last_seen: String(r.last_seen),
        });
      }
    }
    return {
      events: Number(totals!.events),
      requests_flagged: Number(totals!.flagged),
      clients,
      clients_flagged: clientsFlagged,
      findings_by_class: Object.fromEntries(byClass.map((r) => [String(r.class), Number(r.n)])),
      top_clients: tops.sort(busiestFirst).slice(0, topN),
    };
  }

  /** Rows of a query as plain JSON-able objects (BIGINT as string, lists as arrays). */
  async query(sql: string, params?: Record<string, SqlValue>): Promise<Array<Record<string, unknown>>> {
    return this.#rows(sql, params);
  }

  /** Changes DuckDB's memory limit (e.g. a tighter one while loading, the default after). */
  async setMemoryLimit(mb: number): Promise<void> {
    await this.#db.run(`SET memory_limit = '${Math.max(16, Math.round(mb))}MB'`);
  }

  async transaction(statements: ReadonlyArray<{ sql: string; params?: Record<string, SqlValue> }>): Promise<void> {
    await this.#transaction(async () => {
      for (const s of statements) await this.#db.run(s.sql, s.params);
    });
  }

  /**
   * A separate connection to the same database, for reads only. The server answers queries on
   * it while an ingest holds a transaction open on the main connection: a read must never run
   * inside that transaction (it would see half a batch). Close it before the store.
   */
  async openReader(): Promise<StoreReader> {
    const conn = await this.#instance.connect();
    return {
      query: async (sql, params) => (await conn.runAndReadAll(sql, params)).getRowObjectsJson() as Array<Record<string, unknown>>,
      interrupt: () => conn.interrupt(),
      close: () => conn.closeSync(),
    };
  }

  /**
   * A database for modules' repositories, on a connection of its own (see DuckDbDatabase).
   * Close it before the store.
   */
  async moduleDatabase(): Promise<DuckDbDatabase> {
    return new DuckDbDatabase(this.location, await this.#instance.connect(), this.#tmpDir);
  }

  async close(): Promise<void> {
    this.#db.closeSync();
    this.#instance.closeSync();
    await rm(this.#tmpDir, { recursive: true, force: true });
  }

  async #rows(sql: string, params?: Record<string, DuckDBValue>): Promise<Array<Record<string, unknown>>> {
    const reader = await this.#db.runAndReadAll(sql, params);
    return reader.getRowObjectsJson() as Array<Record<string, unknown>>;
  }

  async #transaction(work: () => Promise<void>): Promise<void> {
    await this.#db.run('BEGIN TRANSACTION');
    try {
      await work();
      await this.#db.run('COMMIT');
    } catch (err) {
      await this.#db.run('ROLLBACK').catch(() => undefined);
      throw new VigieError('VIGIE_ERR_STORE', `database write failed: ${firstLine(err)}`, { cause: err });
    }
  }
}

function firstLine(err: unknown): string {
  return String(err instanceof Error ? err.message : err).split('\n')[0]!;
}

/** The order of the run's top clients: flagged ones first, then by flagged requests, requests, address. */
function busiestFirst(a: TopClient, b: TopClient): number {
  return Number(b.classes.length > 0) - Number(a.classes.length > 0)
    || b.flagged_requests - a.flagged_requests
    || b.requests - a.requests
    || (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
}
