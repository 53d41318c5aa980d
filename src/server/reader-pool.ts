import type { SqlValue } from '../store/index.js';
import type { DuckDbStore, StoreReader } from '../store/duckdb/duckdb-store.js';
import type { Queryable } from '../report/queries/index.js';

/**
 * A few read connections to the store, used in turn. DuckDB runs queries of different
 * connections in parallel on its own threads, and none of them ever waits for an ingest
 * transaction on the writing connection. Two match this project's 2-core machines.
 */
export class ReaderPool implements Queryable {
  #readers: StoreReader[];
  #next = 0;

  private constructor(readers: StoreReader[]) {
    this.#readers = readers;
  }

  static async open(store: DuckDbStore, size: number): Promise<ReaderPool> {
    const readers: StoreReader[] = [];
    for (let i = 0; i < Math.max(1, size); i++) readers.push(await store.openReader());
    return new ReaderPool(readers);
  }

  query(sql: string, params?: Record<string, SqlValue>): Promise<Array<Record<string, unknown>>> {
    const reader = this.#readers[this.#next++ % this.#readers.length]!;
    return reader.query(sql, params);
  }

  close(): void {
    for (const r of this.#readers) r.close();
    this.#readers = [];
  }
}
