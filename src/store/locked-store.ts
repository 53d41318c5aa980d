import type { Checkpoint, ClientsPaging, RowBatch, RunFigures, RunInfo, SourceIdentity, SourceRecord, SqlValue, Store } from './store.js';

/** Called after each committed batch, with what it stored. */
export type CommitListener = (batch: { events: number; findings: number }) => void;

/**
 * The store with its writes taken one at a time. DuckDB allows one writing connection per
 * file, and the server writes from several places at once (followed logs, pushed batches,
 * audit rows): each call here runs alone on that connection, so one caller's transaction
 * never sees another's statements. Every Store method holds its own transaction, which is why
 * serialising whole calls is enough.
 */
export class LockedStore implements Store {
  readonly location: string;
  #inner: Store;
  #tail: Promise<unknown> = Promise.resolve();
  #listeners: CommitListener[] = [];

  constructor(inner: Store) {
    this.#inner = inner;
    this.location = inner.location;
  }

  /** Be told of each committed batch (metrics, the live stream). */
  onCommit(listener: CommitListener): void {
    this.#listeners.push(listener);
  }

  #locked<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(work, work);
    this.#tail = run.catch(() => undefined);
    return run;
  }

  beginRun(info: RunInfo): Promise<number> {
    return this.#locked(() => this.#inner.beginRun(info));
  }
  finishRun(runId: number, summary: unknown): Promise<void> {
    return this.#locked(() => this.#inner.finishRun(runId, summary));
  }
  openSource(identity: SourceIdentity, matches: (known: SourceIdentity, checkpoint: Checkpoint) => Promise<boolean>): Promise<{ source: SourceRecord; checkpoint: Checkpoint }> {
    return this.#locked(() => this.#inner.openSource(identity, matches));
  }
  resetSource(sourceId: number): Promise<void> {
    return this.#locked(() => this.#inner.resetSource(sourceId));
  }
  lastSourceAt(path: string): ReturnType<Store['lastSourceAt']> {
    return this.#locked(() => this.#inner.lastSourceAt(path));
  }

  reserveStringIds(dictionaries: number): Promise<number> {
    return this.#locked(() => this.#inner.reserveStringIds(dictionaries));
  }
  async commitBatch(runId: number, batch: RowBatch, checkpoint: Checkpoint): Promise<void> {
    await this.#locked(() => this.#inner.commitBatch(runId, batch, checkpoint));
    for (const l of this.#listeners) l({ events: batch.eventCount, findings: batch.findingCount });
  }
  refreshClients(since?: { runId: number; fromMs: number }, paging?: ClientsPaging): Promise<void> {
    return this.#locked(() => this.#inner.refreshClients(since, paging));
  }

  clientParts(rowsPerPart?: number): Promise<number> {
    return this.#locked(() => this.#inner.clientParts(rowsPerPart));
  }
  runFigures(runId: number, topN: number): Promise<RunFigures> {
    return this.#locked(() => this.#inner.runFigures(runId, topN));
  }
  query(sql: string, params?: Record<string, SqlValue>): Promise<Array<Record<string, unknown>>> {
    return this.#locked(() => this.#inner.query(sql, params));
  }
  /** One locked call, so no other caller's statement lands inside the transaction. Listeners are told (counting no events or findings), so answer caches are dropped. */
  async transaction(statements: ReadonlyArray<{ sql: string; params?: Record<string, SqlValue> }>): Promise<void> {
    await this.#locked(() => this.#inner.transaction(statements));
    for (const l of this.#listeners) l({ events: 0, findings: 0 });
  }
  /** Waits for the writes in progress, then closes. */
  close(): Promise<void> {
    return this.#locked(() => this.#inner.close());
  }
}
