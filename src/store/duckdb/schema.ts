import { EVENT_COLUMNS, FINDING_COLUMNS } from '../rows.js';

/**
 * Schema migrations, applied in order; `meta.schema_version` records the last one applied.
 * Never edit a released migration: add the next one.
 */
export const MIGRATIONS: readonly string[] = [
  // 1: the spine: sources, checkpoints, runs, events, findings, clients.
  `
  CREATE TABLE sources (
    source_id INTEGER PRIMARY KEY,
    path VARCHAR NOT NULL,
    dev UBIGINT NOT NULL,
    ino UBIGINT NOT NULL,
    head_hash VARCHAR NOT NULL,
    head_bytes INTEGER NOT NULL,
    first_seen TIMESTAMP NOT NULL DEFAULT current_timestamp
  );
  CREATE TABLE checkpoints (
    source_id INTEGER PRIMARY KEY,
    byte_offset BIGINT NOT NULL,
    line BIGINT NOT NULL,
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
  );
  CREATE TABLE runs (
    run_id INTEGER PRIMARY KEY,
    command VARCHAR NOT NULL,
    args VARCHAR NOT NULL,
    started_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    finished_at TIMESTAMP,
    summary JSON
  );
  CREATE TABLE events (
    run_id INTEGER NOT NULL,
    source_id INTEGER NOT NULL,
    ${EVENT_COLUMNS.map(([name, type]) => (name === 'ts_ms' ? 'ts TIMESTAMP' : `${name} ${type}`)).join(',\n    ')}
  );
  CREATE TABLE findings (
    run_id INTEGER NOT NULL,
    source_id INTEGER NOT NULL,
    ${FINDING_COLUMNS.map(([name, type]) => (name.endsWith('_ms') ? `${name.slice(0, -3)} TIMESTAMP` : `${name} ${type}`)).join(',\n    ')}
  );
  CREATE TABLE strings (
    id BIGINT NOT NULL,
    value VARCHAR NOT NULL
  );
  -- Events with their strings: what queries and exports should read.
  CREATE VIEW requests AS
    SELECT e.* EXCLUDE (path_id, referer_id, user_agent_id, host_id),
           p.value AS path, r.value AS referer, u.value AS user_agent, h.value AS host
      FROM events e
      LEFT JOIN strings p ON p.id = e.path_id
      LEFT JOIN strings r ON r.id = e.referer_id
      LEFT JOIN strings u ON u.id = e.user_agent_id
      LEFT JOIN strings h ON h.id = e.host_id;
  CREATE TABLE clients (
    ip VARCHAR PRIMARY KEY,
    first_seen TIMESTAMP,
    last_seen TIMESTAMP,
    requests BIGINT,
    flagged_requests BIGINT,
    classes VARCHAR[],
    updated_at TIMESTAMP DEFAULT current_timestamp
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** SELECT list turning a read_csv of rows into table columns (epoch ms → TIMESTAMP). */
export function selectList(columns: ReadonlyArray<readonly [string, string]>): string {
  return columns
    .map(([name]) => (name.endsWith('_ms') && name !== 'request_time_ms'
      ? `CASE WHEN ${name} > 0 THEN epoch_ms(${name}) END AS ${name.slice(0, -3)}`
      : name))
    .join(', ');
}

/** The `columns={...}` argument of read_csv for a row layout. */
export function csvColumns(columns: ReadonlyArray<readonly [string, string]>): string {
  return `{${columns.map(([name, type]) => `'${name}': '${type}'`).join(', ')}}`;
}
