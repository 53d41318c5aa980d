import type { JetStreamClient } from 'nats';
import { partitionOf, RowResolver, sourceKey, type Checkpoint, type ClientsPaging, type RowBatch, type RunFigures, type RunInfo, type SourceIdentity, type SourceRecord, type SqlValue, type Store } from '../../store/index.js';
import { encodeRows, MAX_MESSAGE_BYTES, rowMessages, SUBJECT_PREFIX } from './jetstream.js';

/** What a collector has published, for its summary. */
export interface ShipCounts {
  events: number;
  findings: number;
  messages: number;
  /** Messages JetStream already had (same id within its duplicate window): a resend after a restart. */
  duplicates: number;
}

/**
 * The store `web ship` reads logs into: the same ingest as `web analyze` (formats, rotation,
 * checkpoints, request detection on the parsing threads), but a batch goes to JetStream instead
 * of a database. Its rows, strings inline, are published on their clients' partitions, and the
 * checkpoint moves in the collector's own small state file (sources and checkpoints only) once
 * JetStream has acknowledged every message of the batch. A collector killed mid-batch reads the
 * batch again; the rows' keys (address, source key, line) make the resend the same rows.
 */
export class ShipStore implements Store {
  readonly location: string;
  readonly counts: ShipCounts = { events: 0, findings: 0, messages: 0, duplicates: 0 };
  #state: Store;
  #js: JetStreamClient;
  #partitions: number;
  #timeoutMs: number;
  #resolver = new RowResolver();
  #keys = new Map<number, string>();

  #messageBytes: number;

  constructor(state: Store, js: JetStreamClient, partitions: number, options: { timeoutMs?: number; messageBytes?: number } = {}) {
    this.#state = state;
    this.#js = js;
    this.#partitions = partitions;
    this.#timeoutMs = options.timeoutMs ?? 30_000;
    this.#messageBytes = options.messageBytes ?? MAX_MESSAGE_BYTES;
    this.location = state.location;
  }

  async openSource(identity: SourceIdentity, matches: (known: SourceIdentity, checkpoint: Checkpoint) => Promise<boolean>): Promise<{ source: SourceRecord; checkpoint: Checkpoint }> {
    const opened = await this.#state.openSource(identity, matches);
    // Keyed by the file's identity when first read (a renamed log keeps its key).
    this.#keys.set(opened.source.sourceId, sourceKey(opened.source, opened.source.sourceId));
    return opened;
  }

  async commitBatch(runId: number, batch: RowBatch, checkpoint: Checkpoint): Promise<void> {
    const key = this.#keys.get(batch.sourceId) ?? `unknown-source-${batch.sourceId}`;
    const groups = this.#resolver.resolve(batch, { runId: 0, sourceId: 0, sourceKey: key }, (ip) => partitionOf(ip, this.#partitions));
    const acks: Array<Promise<{ duplicate: boolean }>> = [];
    for (const [partition, rows] of groups) {
      rowMessages(rows, this.#messageBytes).forEach((message, i) => {
        acks.push(this.#js.publish(`${SUBJECT_PREFIX}${partition}`, encodeRows(message), { msgID: `${key}:${checkpoint.byteOffset}:${partition}:${i}`, timeout: this.#timeoutMs }));
        this.counts.messages++;
      });
    }
    for (const ack of await Promise.all(acks)) if (ack.duplicate) this.counts.duplicates++;
    this.counts.events += batch.eventCount;
    this.counts.findings += batch.findingCount;
    // Every message acknowledged: only now does the checkpoint move.
    await this.#state.commitBatch(runId, { sourceId: batch.sourceId, strings: [], stringCount: 0, events: [], eventCount: 0, findings: [], findingCount: 0 }, checkpoint);
  }

  beginRun(info: RunInfo): Promise<number> {
    return this.#state.beginRun(info);
  }
  finishRun(runId: number, summary: unknown): Promise<void> {
    return this.#state.finishRun(runId, summary);
  }
  resetSource(sourceId: number): Promise<void> {
    return this.#state.resetSource(sourceId);
  }
  lastSourceAt(path: string): ReturnType<Store['lastSourceAt']> {
    return this.#state.lastSourceAt(path);
  }
  reserveStringIds(dictionaries: number): Promise<number> {
    return this.#state.reserveStringIds(dictionaries);
  }
  /** Clients are the workers' (they hold the rows). */
  async refreshClients(_since?: { runId: number; fromMs: number }, _paging?: ClientsPaging): Promise<void> {}
  async clientParts(): Promise<number> {
    return 1;
  }
  runFigures(runId: number, topN: number): Promise<RunFigures> {
    return this.#state.runFigures(runId, topN);
  }
  query(sql: string, params?: Record<string, SqlValue>): Promise<Array<Record<string, unknown>>> {
    return this.#state.query(sql, params);
  }
  transaction(statements: ReadonlyArray<{ sql: string; params?: Record<string, SqlValue> }>): Promise<void> {
    return this.#state.transaction(statements);
  }
  close(): Promise<void> {
    return this.#state.close();
  }
}
