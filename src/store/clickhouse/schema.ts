/**
 * The ClickHouse schema of the web store (tested against ClickHouse 18.16, Debian's): each
 * statement idempotent (`IF NOT EXISTS`), applied in order; `meta` records how far.
 *
 * - Rows (events, findings) are `ReplacingMergeTree` tables sorted by (client address, source
 *   key, line[, finding number]): the key of a log line wherever it was read, so a batch
 *   written twice (a worker killed after its write and before its ack, a collector resuming)
 *   leaves one row per key once merged, and `FINAL` reads see one row already. The address
 *   first also serves the dashboard's per-client reads (clients, a client's requests).
 * - Mutable records (runs, sources, checkpoints, clients, meta) are `ReplacingMergeTree`
 *   with a version column: an update is a new row with a higher version; reads use `FINAL`.
 * - Times are epoch milliseconds (`Int64`, 0 = none): 18.16 has no `DateTime64`; `ts` (whole
 *   seconds) is derived for partitioning by month.
 */
export const CLICKHOUSE_MIGRATIONS: readonly string[] = [
  `CREATE TABLE IF NOT EXISTS meta (key String, value String, version UInt64) ENGINE = ReplacingMergeTree(version) ORDER BY key`,
  `CREATE TABLE IF NOT EXISTS runs (
     run_id UInt32, command String, args String, started_ms Int64, finished_ms Int64, summary String, version UInt64
   ) ENGINE = ReplacingMergeTree(version) ORDER BY run_id`,
  `CREATE TABLE IF NOT EXISTS sources (
     source_id UInt32, source_key String, path String, dev UInt64, ino UInt64, head_hash String, head_bytes UInt32, version UInt64
   ) ENGINE = ReplacingMergeTree(version) ORDER BY source_id`,
  `CREATE TABLE IF NOT EXISTS checkpoints (
     source_id UInt32, byte_offset UInt64, line UInt64, version UInt64
   ) ENGINE = ReplacingMergeTree(version) ORDER BY source_id`,
  `CREATE TABLE IF NOT EXISTS events (
     run_id UInt32, source_id UInt32, source_key String, line Int64, ts_ms Int64,
     ip String, method String, path String, query String, protocol String, status Int16, bytes Int64,
     referer String, user_agent String, host String, request_time_ms Float64, body String,
     forwarded_for String, user_name String, flagged UInt8,
     ts DateTime DEFAULT toDateTime(intDiv(greatest(ts_ms, 0), 1000))
   ) ENGINE = ReplacingMergeTree() PARTITION BY toYYYYMM(ts) ORDER BY (ip, source_key, line)`,
  `CREATE TABLE IF NOT EXISTS findings (
     run_id UInt32, source_id UInt32, source_key String, line Int64, idx UInt16, ts_ms Int64,
     ip String, scope String, class String, rule String, severity Int8, location String, fragment String,
     window_start_ms Int64, window_end_ms Int64, reason String, raw String, reason_code String, reason_params String,
     ts DateTime DEFAULT toDateTime(intDiv(greatest(ts_ms, 0), 1000))
   ) ENGINE = ReplacingMergeTree() PARTITION BY toYYYYMM(ts) ORDER BY (ip, source_key, line, idx)`,
  `CREATE TABLE IF NOT EXISTS clients (
     ip String, first_seen_ms Int64, last_seen_ms Int64, requests UInt64, flagged_requests UInt64, classes Array(String), version UInt64
   ) ENGINE = ReplacingMergeTree(version) ORDER BY ip`,
];
