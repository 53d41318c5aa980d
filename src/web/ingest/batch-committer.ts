import type { Checkpoint, Store } from '../../store/index.js';
import type { ChunkResult } from './parse-chunk.js';

/**
 * Rows' bytes a batch may hold, whatever its row count: DuckDB keeps a transaction's rows in
 * memory until they fill a row group, so a batch of long lines (request bodies, 64 KiB at most
 * each) must stay well inside its memory limit (96 MB in `web analyze`).
 */
export const MAX_BATCH_BYTES = 32 * 1024 * 1024;
/**
 * DuckDB's memory limit while reading logs through: batches of at most {@link MAX_BATCH_BYTES}
 * load within it (the test stores 40 MB of 4 KB bodies), and it is what keeps the import of
 * 10M lines under 512 MB (3M lines: 432 MB peak at 48 MB, 456 MB at 64 MB, 485-516 MB at 96 MB).
 */
export const INGEST_MEMORY_LIMIT_MB = 48;

/**
 * Groups parsed chunks into store transactions (~`maxRows` rows, {@link MAX_BATCH_BYTES} or
 * `maxAgeMs`), each with the checkpoint of its last chunk. One commit runs while the next batch fills, so DuckDB's writes
 * overlap with parsing; `commit()` waits for both.
 */
export class BatchCommitter {
  #events: Uint8Array[] = [];
  #findings: Uint8Array[] = [];
  #strings: Uint8Array[] = [];
  #stringCount = 0;
  #eventCount = 0;
  #findingCount = 0;
  #bytes = 0;
  #checkpoint: Checkpoint | undefined;
  #since = 0;
  #running: Promise<void> = Promise.resolve();
  /** Told each checkpoint once its batch is stored (for a status file a monitor can read). */
  onCommitted: ((checkpoint: Checkpoint) => void) | undefined;

  constructor(
    private readonly store: Store,
    private readonly runId: number,
    private readonly sourceId: number,
    private readonly maxRows: number,
    private readonly maxAgeMs: number,
    private readonly maxBytes = MAX_BATCH_BYTES,
  ) {}

  add(result: ChunkResult, checkpoint: Checkpoint): void {
    if (this.#checkpoint === undefined) this.#since = Date.now();
    if (result.eventCount > 0) this.#events.push(result.events);
    if (result.findingCount > 0) this.#findings.push(result.findings);
    if (result.stringCount > 0) this.#strings.push(result.strings);
    this.#stringCount += result.stringCount;
    this.#eventCount += result.eventCount;
    this.#findingCount += result.findingCount;
    this.#bytes += result.events.byteLength + result.findings.byteLength + result.strings.byteLength;
    this.#checkpoint = checkpoint;
  }

  /** Start a commit if the batch is big or old enough. */
  async maybeCommit(): Promise<void> {
    if (!this.#checkpoint) return;
    if (this.#eventCount >= this.maxRows || this.#bytes >= this.maxBytes || Date.now() - this.#since >= this.maxAgeMs) await this.#start();
  }

  /** Commit what is pending and wait until everything is stored. */
  async commit(): Promise<void> {
    if (this.#checkpoint) await this.#start();
    await this.#running;
  }

  async #start(): Promise<void> {
    await this.#running; // at most one transaction at a time, in order
    const batch = {
      sourceId: this.sourceId,
      events: this.#events,
      eventCount: this.#eventCount,
      findings: this.#findings,
      findingCount: this.#findingCount,
      strings: this.#strings,
      stringCount: this.#stringCount,
    };
    this.#strings = [];
    this.#stringCount = 0;
    const checkpoint = this.#checkpoint!;
    this.#events = [];
    this.#findings = [];
    this.#eventCount = 0;
    this.#findingCount = 0;
    this.#bytes = 0;
    this.#checkpoint = undefined;
    this.#running = this.store.commitBatch(this.runId, batch, checkpoint).then(() => this.onCommitted?.(checkpoint));
  }
}
