import { hostname } from 'node:os';
import { VigieError } from '../../core/index.js';
import { IDS_PER_DICTIONARY } from '../rows.js';
import type { Checkpoint, ClientsPaging, RowBatch, RunFigures, RunInfo, SourceIdentity, SourceRecord, SqlValue, Store, TopClient } from '../store.js';
import { sourceAtFromRow } from '../store.js';
import { ClickHouseHttp, parseClickHouseUrl } from './http-client.js';
import { CH_EVENT_COLUMNS, CH_FINDING_COLUMNS, RowResolver, type ResolvedRows } from './resolved-rows.js';
import { CLICKHOUSE_MIGRATIONS } from './schema.js';

/**
 * The web store on ClickHouse (`--store clickhouse://HOST:PORT/DB`), the same contract as the
 * embedded DuckDB store for events, findings, clients, sources and checkpoints, and the same
 * run figures from the same input (the contract test checks it).
 *
 * What differs, by ClickHouse's nature:
 * - No transactions. A batch's rows are written, then its checkpoint: a crash in between reads
 *   the batch again on restart, and the rows' keys (address, source key, line) make the second
 *   copy the same rows (ReplacingMergeTree; reads use `FINAL`). Exactly-once rows, not
 *   exactly-once inserts.
 * - `query` takes ClickHouse's SQL (the read side written for DuckDB does not run here yet).
 * - Run and source ids are allocated as max + 1: one writer per store for `web analyze`;
 *   the scale-out path (`web ship` → `worker`) keys rows by source key, not by these ids.
 *
 * @example
 * const store = await ClickHouseStore.open('clickhouse://127.0.0.1:8123/vigie');
 */
export class ClickHouseStore implements Store {
  readonly location: string;
  readonly http: ClickHouseHttp;
  #resolver = new RowResolver();
  #version = Date.now() * 1000;
  #sourceKeys = new Map<number, string>();

  private constructor(location: string, http: ClickHouseHttp) {
    this.location = location;
    this.http = http;
  }

  static async open(location: string, options: { retryMs?: number } = {}): Promise<ClickHouseStore> {
    const parsed = parseClickHouseUrl(location);
    if (!parsed) throw new VigieError('VIGIE_ERR_USAGE', `${location}: not a ClickHouse store; expected clickhouse://HOST:PORT/DATABASE`);
    const http = new ClickHouseHttp(parsed.base, parsed.database, options.retryMs);
    await http.exec(`CREATE DATABASE IF NOT EXISTS ${parsed.database}`, undefined, null);
    const store = new ClickHouseStore(location, http);
    for (const statement of CLICKHOUSE_MIGRATIONS) await http.exec(statement);
    return store;
  }

  /** A version greater than every one this process gave before (updates of ReplacingMergeTree rows). */
  #next(): number {
    this.#version = Math.max(this.#version + 1, Date.now() * 1000);
    return this.#version;
  }

  async beginRun(info: RunInfo): Promise<number> {
    const [row] = await this.http.query(`SELECT max(run_id) AS n FROM runs`);
    const runId = Number(row?.n ?? 0) + 1;
    await this.http.exec(`INSERT INTO runs VALUES ($r, $c, $a, $t, 0, '', $v)`, { r: runId, c: info.command, a: JSON.stringify(info.args), t: Date.now(), v: this.#next() });
    return runId;
  }

  async finishRun(runId: number, summary: unknown): Promise<void> {
    await this.http.exec(
      `INSERT INTO runs SELECT run_id, command, args, started_ms, $t, $s, $v FROM runs FINAL WHERE run_id = $r`,
      { r: runId, t: Date.now(), s: JSON.stringify(summary), v: this.#next() },
    );
  }

  async openSource(identity: SourceIdentity, matches: (known: SourceIdentity, checkpoint: Checkpoint) => Promise<boolean>): Promise<{ source: SourceRecord; checkpoint: Checkpoint }> {
    const known = identity.path === '-' ? [] : await this.http.query(
      `SELECT s.source_id AS source_id, path, dev, ino, head_hash, head_bytes, source_key, c.byte_offset AS byte_offset, c.line AS line
         FROM (SELECT * FROM sources FINAL WHERE dev = $d AND ino = $i) s
         ANY LEFT JOIN (SELECT source_id, byte_offset, line FROM checkpoints FINAL) c USING (source_id)
        ORDER BY path = $p DESC, source_id DESC`,
      { p: identity.path, d: identity.dev, i: identity.ino },
    );
    for (const row of known) {
      const { identity: candidate, checkpoint } = sourceAtFromRow(String(row.path), row);
      const sourceId = checkpoint.sourceId;
      if (!(await matches(candidate, checkpoint))) continue;
      this.#sourceKeys.set(sourceId, String(row.source_key));
      if (candidate.path !== identity.path) await this.#writeSource(sourceId, String(row.source_key), { ...candidate, path: identity.path });
      return { source: { ...candidate, path: identity.path, sourceId }, checkpoint };
    }
    const [row] = await this.http.query(`SELECT max(source_id) AS n FROM sources`);
    const sourceId = Number(row?.n ?? 0) + 1;
    const key = sourceKey(identity, sourceId);
    await this.#writeSource(sourceId, key, identity);
    this.#sourceKeys.set(sourceId, key);
    return { source: { ...identity, sourceId }, checkpoint: { sourceId, byteOffset: 0, line: 0 } };
  }

  async #writeSource(sourceId: number, key: string, identity: SourceIdentity): Promise<void> {
    await this.http.exec(`INSERT INTO sources VALUES ($s, $k, $p, $d, $i, $h, $b, $v)`, {
      s: sourceId, k: key, p: identity.path, d: identity.dev, i: identity.ino, h: identity.headHash, b: identity.headBytes, v: this.#next(),
    });
  }

  async lastSourceAt(path: string): ReturnType<Store['lastSourceAt']> {
    const [row] = await this.http.query(
      `SELECT s.source_id AS source_id, dev, ino, head_hash, head_bytes, c.byte_offset AS byte_offset, c.line AS line
         FROM (SELECT * FROM sources FINAL WHERE path = $p) s
         ANY LEFT JOIN (SELECT source_id, byte_offset, line FROM checkpoints FINAL) c USING (source_id)
        ORDER BY source_id DESC LIMIT 1`,
      { p: path },
    );
    return row ? sourceAtFromRow(path, row) : undefined;
  }

  /** Ids only need to be unique within this process (rows carry their strings inline here). */
  async reserveStringIds(dictionaries: number): Promise<number> {
    const first = this.#nextStringId;
    this.#nextStringId += dictionaries * IDS_PER_DICTIONARY;
    return first;
  }
  #nextStringId = 0;

  async resetSource(sourceId: number): Promise<void> {
    // Mutations: applied by the server in the background, in order, before later merges.
    for (const table of ['events', 'findings']) await this.http.exec(`ALTER TABLE ${table} DELETE WHERE source_id = $s`, { s: sourceId });
    await this.http.exec(`INSERT INTO checkpoints VALUES ($s, 0, 0, $v)`, { s: sourceId, v: this.#next() });
  }

  async commitBatch(runId: number, batch: RowBatch, checkpoint: Checkpoint): Promise<void> {
    const key = this.#sourceKeys.get(batch.sourceId) ?? `${hostname()}:source-${batch.sourceId}`;
    const groups = this.#resolver.resolve(batch, { runId, sourceId: batch.sourceId, sourceKey: key });
    await this.storeResolved([...groups.values()]);
    await this.http.exec(`INSERT INTO checkpoints VALUES ($s, $o, $l, $v)`, { s: checkpoint.sourceId, o: checkpoint.byteOffset, l: checkpoint.line, v: this.#next() });
  }

  /**
   * Write resolved rows (from {@link RowResolver}, here or on a collector): events, then
   * findings. Writing the same rows again leaves the same rows (their keys).
   */
  async storeResolved(all: readonly ResolvedRows[]): Promise<void> {
    const events = all.map((r) => r.events).join('');
    const findings = all.map((r) => r.findings).join('');
    await this.http.insertTsv('events', CH_EVENT_COLUMNS, events);
    await this.http.insertTsv('findings', CH_FINDING_COLUMNS, findings);
  }

  async refreshClients(since?: { runId: number; fromMs: number }, _paging?: ClientsPaging): Promise<void> {
    const only = since ? `WHERE ip IN (SELECT ip FROM events WHERE run_id = $r AND ts_ms >= $f)` : '';
    await this.http.exec(
      `INSERT INTO clients
       SELECT ip, first_seen_ms, last_seen_ms, requests, flagged_requests, classes, $v
         FROM (SELECT ip, min(ts_ms) AS first_seen_ms, max(ts_ms) AS last_seen_ms, count() AS requests, countIf(flagged = 1) AS flagged_requests
                 FROM events FINAL ${only} GROUP BY ip)
         ANY LEFT JOIN (SELECT ip, arraySort(groupUniqArray(class)) AS classes FROM findings FINAL ${only} GROUP BY ip) USING (ip)`,
      { v: this.#next(), ...(since ? { r: since.runId, f: since.fromMs } : {}) },
    );
  }

  async clientParts(): Promise<number> {
    return 1;
  }

  /** The run's figures, as the embedded store computes them. */
  async runFigures(runId: number, topN: number): Promise<RunFigures> {
    return this.#figures(`run_id = ${Math.trunc(runId)}`, topN);
  }

  /** Figures over everything stored (the scale-out path: workers write rows of no run). */
  async storeFigures(topN: number): Promise<RunFigures> {
    return this.#figures('1', topN);
  }

  async #figures(where: string, topN: number): Promise<RunFigures> {
    const [totals] = await this.http.query(`SELECT count() AS events, countIf(flagged = 1) AS flagged_n FROM events FINAL WHERE ${where}`);
    const byClass = await this.http.query(`SELECT class, count() AS n FROM findings FINAL WHERE ${where} GROUP BY class ORDER BY n DESC, class`);
    const perClient = `
      SELECT ip, requests, flagged_requests, first_seen_ms, last_seen_ms, classes
        FROM (SELECT ip, count() AS requests, countIf(flagged = 1) AS flagged_requests, min(ts_ms) AS first_seen_ms, max(ts_ms) AS last_seen_ms
                FROM events FINAL WHERE ${where} GROUP BY ip)
        ANY LEFT JOIN (SELECT ip, arraySort(groupUniqArray(class)) AS classes FROM findings FINAL WHERE ${where} GROUP BY ip) USING (ip)`;
    const [counts] = await this.http.query(`SELECT count() AS clients, countIf(notEmpty(classes)) AS flagged FROM (${perClient})`);
    const top = await this.http.query(`${perClient} ORDER BY notEmpty(classes) DESC, flagged_requests DESC, requests DESC, ip LIMIT $n`, { n: Math.trunc(topN) });
    return {
      events: Number(totals?.events ?? 0),
      requests_flagged: Number(totals?.flagged_n ?? 0),
      clients: Number(counts?.clients ?? 0),
      clients_flagged: Number(counts?.flagged ?? 0),
      findings_by_class: Object.fromEntries(byClass.map((r) => [String(r.class), Number(r.n)])),
      top_clients: top.map((r): TopClient => ({
        ip: String(r.ip),
        requests: Number(r.requests),
        flagged_requests: Number(r.flagged_requests),
        classes: (r.classes as string[]) ?? [],
        first_seen: timestampText(Number(r.first_seen_ms)),
        last_seen: timestampText(Number(r.last_seen_ms)),
      })),
    };
  }

  /** One statement in ClickHouse's SQL, `$name` parameters inlined as literals. */
  async query(sql: string, params?: Record<string, SqlValue>): Promise<Array<Record<string, unknown>>> {
    return this.http.query(sql, params);
  }

  /** The statements in order. ClickHouse has no transactions: callers rely on idempotent rows, not on atomicity. */
  async transaction(statements: ReadonlyArray<{ sql: string; params?: Record<string, SqlValue> }>): Promise<void> {
    for (const s of statements) await this.http.exec(s.sql, s.params);
  }

  async close(): Promise<void> {}
}

/** The source's key in rows: host, device, inode and the file's head hash (a rotated file is a new key). */
export function sourceKey(identity: SourceIdentity, sourceId: number): string {
  if (identity.path === '-') return `${hostname()}:stdin:${sourceId}:${Date.now()}`;
  return `${hostname()}:${identity.dev}:${identity.ino}:${identity.headHash.slice(0, 16)}`;
}

/** A time as the embedded store prints TIMESTAMP values (`2016-12-22 14:05:03`, `.123` when there are milliseconds). */
export function timestampText(ms: number): string {
  const iso = new Date(ms).toISOString(); // 2016-12-22T14:05:03.000Z
  const text = `${iso.slice(0, 10)} ${iso.slice(11, 19)}`;
  return ms % 1000 === 0 ? text : `${text}${iso.slice(19, 23)}`;
}
