/**
 * The one storage interface every module writes through. The embedded implementation is DuckDB
 * (`duckdb/`); a ClickHouse implementation follows the same contract: rows arrive as batches of
 * tab-separated text (see `rows.ts`), and a batch is committed together with the ingest
 * checkpoint it covers, so a crash never loses or duplicates a line.
 */

/** A log file's identity: a rotated or truncated file is a new source, never a continuation. */
export interface SourceIdentity {
  /** Absolute path, or `-` for standard input. */
  path: string;
  dev: number;
  ino: number;
  /** sha256 (hex) of the file's first `headBytes` bytes when first seen. */
  headHash: string;
  headBytes: number;
}

export interface SourceRecord extends SourceIdentity {
  sourceId: number;
}

/** Where ingestion of a source stands: bytes and lines fully committed. */
export interface Checkpoint {
  sourceId: number;
  byteOffset: number;
  line: number;
}

/**
 * Encoded rows, whole or as the parts they were produced in (one per parsed chunk): parts go to
 * the store as they are, never copied into one buffer (at 200k rows a batch, that copy was
 * tens of MB of a 512 MB budget).
 */
export type RowBytes = Uint8Array | readonly Uint8Array[];

/** Rows produced from one source, encoded with `encodeEvent` / `encodeFinding`. */
export interface RowBatch {
  sourceId: number;
  /** New dictionary strings the events refer to (`RowEncoder`). */
  strings: RowBytes;
  stringCount: number;
  events: RowBytes;
  eventCount: number;
  findings: RowBytes;
  findingCount: number;
}

export interface RunInfo {
  command: string;
  args: string[];
}

export interface TopClient {
  ip: string;
  requests: number;
  flagged_requests: number;
  classes: string[];
  first_seen: string;
  last_seen: string;
}

/** Figures of one run, computed by the store from what it holds. */
export interface RunFigures {
  events: number;
  requests_flagged: number;
  clients: number;
  clients_flagged: number;
  findings_by_class: Record<string, number>;
  top_clients: TopClient[];
}

/**
 * A full client-table refresh done in parts: the addresses are split by hash into `parts` key
 * ranges, each rebuilt (deleted, then counted again from events and findings) in a transaction
 * of its own, so neither DuckDB's transaction nor its aggregation grows with the number of
 * distinct addresses (a /64 sprayed with a million addresses is a million clients).
 */
export interface ClientsPaging {
  parts: number;
  /** First part to rebuild: the ones before were rebuilt by an earlier call that was cut short. */
  from?: number;
  /** Statements committed with part `k` (how far the refresh got). */
  withPart?: (k: number) => ReadonlyArray<{ sql: string; params?: Record<string, SqlValue> }>;
}

/** A value bound to a `$name` parameter of {@link Store.query}. */
export type SqlValue = string | number | boolean | bigint | null;

export interface Store {
  /** Where the data lives, for messages (`./vigie.duckdb`). */
  readonly location: string;
  beginRun(info: RunInfo): Promise<number>;
  finishRun(runId: number, summary: unknown): Promise<void>;
  /**
   * The source matching this identity (same device and inode, whatever its path now, and the
   * same first bytes) with its checkpoint, or a new source starting at zero. A source found
   * under another path (a log renamed by rotation) takes the new path.
   */
  openSource(identity: SourceIdentity, matches: (known: SourceIdentity, checkpoint: Checkpoint) => Promise<boolean>): Promise<{ source: SourceRecord; checkpoint: Checkpoint }>;
  /** Forget what a source stored, to analyse it again (`--reprocess`). One transaction. */
  resetSource(sourceId: number): Promise<void>;
  /** The file last read under this path (its identity then) and its checkpoint, if any. */
  lastSourceAt(path: string): Promise<{ identity: SourceIdentity; checkpoint: Checkpoint } | undefined>;
  /**
   * Reserve `dictionaries` ranges of IDS_PER_DICTIONARY string ids, unused so far; returns the
   * first id of the first range. Ranges are consecutive.
   */
  reserveStringIds(dictionaries: number): Promise<number>;
  /** Stores the batch and moves the checkpoint in one transaction. */
  commitBatch(runId: number, batch: RowBatch, checkpoint: Checkpoint): Promise<void>;
  /**
   * Recompute the per-client table from events and findings; with `since`, only the rows of
   * clients seen in that run from `fromMs` on (each over all its events), which is what a
   * live pass changed.
   */
  refreshClients(since?: { runId: number; fromMs: number }, paging?: ClientsPaging): Promise<void>;
  /** How many parts a full {@link refreshClients} should take so that each holds about `rowsPerPart` addresses. */
  clientParts(rowsPerPart?: number): Promise<number>;
  runFigures(runId: number, topN: number): Promise<RunFigures>;
  /**
   * Run one SQL statement (DuckDB's dialect, named `$param` parameters) and return its rows as
   * plain JSON-able objects: BIGINT as string, TIMESTAMP as ISO text, lists as arrays. The read
   * side of the modules (origins, campaigns, the dashboard, reports) goes through this.
   */
  query(sql: string, params?: Record<string, SqlValue>): Promise<Array<Record<string, unknown>>>;
  /**
   * Run several statements in one transaction: all of them or none. For replacing derived rows
   * (a behaviour pass's findings) so that readers never see the old ones gone and the new ones
   * not yet there.
   */
  transaction(statements: ReadonlyArray<{ sql: string; params?: Record<string, SqlValue> }>): Promise<void>;
  close(): Promise<void>;
}

/** A source's identity and checkpoint, from a row of `sources` joined to `checkpoints` (no checkpoint yet: line 0). */
export function sourceAtFromRow(path: string, row: Record<string, unknown>): { identity: SourceIdentity; checkpoint: Checkpoint } {
  const sourceId = Number(row.source_id);
  return {
    identity: { path, dev: Number(row.dev), ino: Number(row.ino), headHash: String(row.head_hash), headBytes: Number(row.head_bytes) },
    checkpoint: { sourceId, byteOffset: Number(row.byte_offset ?? 0), line: Number(row.line ?? 0) },
  };
}
