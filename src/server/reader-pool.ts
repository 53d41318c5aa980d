import { VigieError } from '../core/index.js';
import type { Queryable } from '../report/queries/index.js';
import type { SqlValue } from '../store/index.js';
import type { DuckDbStore, StoreReader } from '../store/duckdb/duckdb-store.js';

/** How the read connections are shared. */
export interface ReaderPoolOptions {
  /** Read connections (queries of different connections run in parallel). */
  connections: number;
  /** Queries one lane may have queued or running; one more is refused (429). */
  maxPerLane: number;
  /** A query still queued or running this long after it was asked is given up (503). */
  timeoutMs: number;
}

interface Job {
  sql: string;
  params: Record<string, SqlValue> | undefined;
  lane: string;
  resolve(rows: Array<Record<string, unknown>>): void;
  reject(err: unknown): void;
  timer: NodeJS.Timeout;
  /** The connection running it, once it runs. */
  reader?: StoreReader;
  timedOut?: boolean;
}

/**
 * A few read connections to the store, shared fairly. DuckDB runs queries of different
 * connections in parallel on its own threads, and none of them ever waits for an ingest
 * transaction on the writing connection; two match this project's 2-core machines.
 *
 * Each query is asked in a lane (a signed-in user, the live stream, the token checks of one
 * client network). A lane runs one query at a time, and free connections take the next query
 * of each waiting lane in turn. So a viewer who sends a flood of queries the answer cache
 * cannot serve (`from=` changing on every request) waits behind their own queries and holds
 * one connection, while another viewer's query starts on the other. Work is bounded too: a
 * lane may have `maxPerLane` queries in flight, and a query is given up after `timeoutMs`,
 * interrupting DuckDB if it is running.
 *
 * @example
 * const pool = await ReaderPool.open(store, { connections: 2, maxPerLane: 32, timeoutMs: 30_000 });
 * await overview(pool.lane('user:vera'), {});
 */
export class ReaderPool implements Queryable {
  #free: StoreReader[];
  #all: StoreReader[];
  #options: ReaderPoolOptions;
  #queued = new Map<string, Job[]>();
  /** Lanes with queued jobs, in the order they are served. */
  #turns: string[] = [];
  #inFlight = new Map<string, number>();
  /** Lanes with a query running. */
  #running = new Set<string>();

  private constructor(readers: StoreReader[], options: ReaderPoolOptions) {
    this.#all = readers;
    this.#free = [...readers];
    this.#options = options;
  }

  static async open(store: DuckDbStore, options: ReaderPoolOptions): Promise<ReaderPool> {
    const readers: StoreReader[] = [];
    for (let i = 0; i < Math.max(1, options.connections); i++) readers.push(await store.openReader());
    return new ReaderPool(readers, options);
  }

  /** Queries in the server's own lane (what no user asked for directly). */
  query(sql: string, params?: Record<string, SqlValue>): Promise<Array<Record<string, unknown>>> {
    return this.#ask('server', sql, params);
  }

  /** The same reads, queued in `lane`. */
  lane(lane: string): Queryable {
    return { query: (sql, params) => this.#ask(lane, sql, params) };
  }

  /** Close the connections; queries still waiting fail (the server is stopping). */
  close(): void {
    for (const queue of this.#queued.values()) {
      for (const job of queue) {
        clearTimeout(job.timer);
        job.reject(new VigieError('VIGIE_ERR_HTTP_BUSY', 'the server is stopping; try again when it is back'));
      }
    }
    this.#queued.clear();
    this.#turns = [];
    for (const r of this.#all) r.close();
    this.#all = [];
    this.#free = [];
  }

  #ask(lane: string, sql: string, params: Record<string, SqlValue> | undefined): Promise<Array<Record<string, unknown>>> {
    if (this.#all.length === 0) return Promise.reject(new VigieError('VIGIE_ERR_HTTP_BUSY', 'the server is stopping; try again when it is back'));
    const inFlight = this.#inFlight.get(lane) ?? 0;
    if (inFlight >= this.#options.maxPerLane) {
      return Promise.reject(new VigieError('VIGIE_ERR_HTTP_RATE_LIMITED', `${inFlight} queries are already waiting for the same user or client; wait for their answers`));
    }
    this.#inFlight.set(lane, inFlight + 1);
    return new Promise((resolve, reject) => {
      const job: Job = { sql, params, lane, resolve, reject, timer: setTimeout(() => this.#expire(job), this.#options.timeoutMs) };
      job.timer.unref(); // a deadline, not work: it never keeps the process alive
      const queue = this.#queued.get(lane);
      if (queue) queue.push(job);
      else {
        this.#queued.set(lane, [job]);
        this.#turns.push(lane);
      }
      this.#dispatch();
    });
  }

  #dispatch(): void {
    while (this.#free.length > 0) {
      // The first waiting lane with no query running: one connection per lane at a time, since
      // one DuckDB query already uses every core, and the other connection stays free for
      // whoever asks next instead of waiting for the busy lane's query to end.
      const turn = this.#turns.findIndex((lane) => !this.#running.has(lane));
      if (turn < 0) return;
      const lane = this.#turns.splice(turn, 1)[0]!;
      const queue = this.#queued.get(lane)!;
      const job = queue.shift()!;
      if (queue.length > 0) this.#turns.push(lane);
      else this.#queued.delete(lane);
      void this.#run(job, this.#free.pop()!);
    }
  }

  async #run(job: Job, reader: StoreReader): Promise<void> {
    job.reader = reader;
    this.#running.add(job.lane);
    try {
      const rows = await reader.query(job.sql, job.params);
      if (!job.timedOut) job.resolve(rows);
    } catch (err) {
      if (!job.timedOut) job.reject(err);
    } finally {
      // The connection is free again only once DuckDB is done with it, even after a timeout.
      clearTimeout(job.timer);
      this.#running.delete(job.lane);
      this.#done(job.lane);
      if (this.#all.includes(reader)) this.#free.push(reader);
      this.#dispatch();
    }
  }

  #expire(job: Job): void {
    job.timedOut = true;
    const secs = Math.round(this.#options.timeoutMs / 1000);
    job.reject(new VigieError('VIGIE_ERR_HTTP_BUSY', `the query took longer than ${secs} s; ask for a shorter time range, or try again when the server is less busy`));
    if (job.reader) {
      job.reader.interrupt();
      return;
    }
    // Still queued: take it out of its lane.
    const queue = this.#queued.get(job.lane) ?? [];
    const i = queue.indexOf(job);
    if (i >= 0) queue.splice(i, 1);
    if (queue.length === 0 && this.#queued.delete(job.lane)) this.#turns = this.#turns.filter((l) => l !== job.lane);
    this.#done(job.lane);
  }

  #done(lane: string): void {
    const left = (this.#inFlight.get(lane) ?? 1) - 1;
    if (left > 0) this.#inFlight.set(lane, left);
    else this.#inFlight.delete(lane);
  }
}
