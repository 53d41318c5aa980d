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
  // 2: origins of clients, campaigns, users and the audit log; evidence of client findings.
  `
  -- Client-scope (behaviour) findings list the requests that make their case:
  -- [{"file","line","ts","method","path","status"}...], at most a few dozen.
  ALTER TABLE findings ADD COLUMN evidence JSON;
  -- One row per client address: the origin verdict at the time it was attributed.
  CREATE TABLE client_origins (
    ip VARCHAR PRIMARY KEY,
    country VARCHAR,
    region VARCHAR,
    city VARCHAR,
    asn INTEGER,
    org VARCHAR,
    network VARCHAR NOT NULL,
    verdict VARCHAR NOT NULL,
    confidence DOUBLE NOT NULL,
    reasons VARCHAR[] NOT NULL,
    attributed_at TIMESTAMP NOT NULL DEFAULT current_timestamp
  );
  -- Flagged clients grouped by shared fingerprints; recomputed after each analysis.
  CREATE TABLE campaigns (
    campaign_id VARCHAR PRIMARY KEY,
    clients BIGINT NOT NULL,
    requests BIGINT NOT NULL,
    first_seen TIMESTAMP,
    last_seen TIMESTAMP,
    classes VARCHAR[] NOT NULL,
    countries JSON NOT NULL,
    networks JSON NOT NULL,
    verdict VARCHAR NOT NULL,
    obscured_share DOUBLE NOT NULL,
    utc_offset_hours INTEGER,
    hours BIGINT[] NOT NULL,
    confidence DOUBLE NOT NULL,
    reasons VARCHAR[] NOT NULL,
    fingerprint JSON NOT NULL,
    updated_at TIMESTAMP NOT NULL DEFAULT current_timestamp
  );
  CREATE TABLE campaign_clients (
    campaign_id VARCHAR NOT NULL,
    ip VARCHAR NOT NULL
  );
  -- Only a hash of each token is kept: the token itself is shown once, when created.
  CREATE TABLE users (
    user_id INTEGER PRIMARY KEY,
    name VARCHAR NOT NULL UNIQUE,
    role VARCHAR NOT NULL,
    token_hash VARCHAR NOT NULL UNIQUE,
    created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
    disabled BOOLEAN NOT NULL DEFAULT false
  );
  CREATE SEQUENCE audit_seq;
  CREATE TABLE audit_log (
    audit_id BIGINT PRIMARY KEY DEFAULT nextval('audit_seq'),
    ts TIMESTAMP NOT NULL DEFAULT current_timestamp,
    user_name VARCHAR,
    action VARCHAR NOT NULL,
    ok BOOLEAN NOT NULL,
    detail JSON
  );
  `,
  // 3: campaign reasons in French beside the English ones (null for campaigns found before).
  `
  ALTER TABLE campaigns ADD COLUMN reasons_fr VARCHAR[];
  `,
  // 4: request findings set aside because the site itself serves and links what they name
  // (web/site): the finding as it was, and why it was set aside. A migration that adds a
  // column to findings adds it here too.
  `
  CREATE TABLE findings_set_aside AS SELECT *, CAST(NULL AS VARCHAR) AS set_aside_reason FROM findings WHERE false;
  `,
  // 5: no key index on the per-client tables. Filling a keyed clients table with a million
  // addresses (one IPv6 /64 sprayed) ran out of DuckDB's memory building the index (measured:
  // 1M rows failed at 96 MB; the same rows into an unkeyed table took 2.6 s). Each address is
  // written once by construction (delete-then-insert per key range, in one transaction).
  `
  CREATE TABLE clients_unkeyed (
    ip VARCHAR NOT NULL,
    first_seen TIMESTAMP,
    last_seen TIMESTAMP,
    requests BIGINT,
    flagged_requests BIGINT,
    classes VARCHAR[],
    updated_at TIMESTAMP DEFAULT current_timestamp
  );
  INSERT INTO clients_unkeyed SELECT * FROM clients;
  DROP TABLE clients;
  ALTER TABLE clients_unkeyed RENAME TO clients;
  CREATE TABLE client_origins_unkeyed (
    ip VARCHAR NOT NULL,
    country VARCHAR,
    region VARCHAR,
    city VARCHAR,
    asn INTEGER,
    org VARCHAR,
    network VARCHAR NOT NULL,
    verdict VARCHAR NOT NULL,
    confidence DOUBLE NOT NULL,
    reasons VARCHAR[] NOT NULL,
    attributed_at TIMESTAMP NOT NULL DEFAULT current_timestamp
  );
  INSERT INTO client_origins_unkeyed SELECT * FROM client_origins;
  DROP TABLE client_origins;
  ALTER TABLE client_origins_unkeyed RENAME TO client_origins;
  `,
  // 6: why a finding was made, as data: the reason's code and its parameters (JSON), rendered
  // in English (what \`reason\` holds) or French by the module's catalogue. Null for findings
  // stored before. Also on findings_set_aside (see migration 4).
  `
  ALTER TABLE findings ADD COLUMN reason_code VARCHAR;
  ALTER TABLE findings ADD COLUMN reason_params JSON;
  ALTER TABLE findings_set_aside ADD COLUMN reason_code VARCHAR;
  ALTER TABLE findings_set_aside ADD COLUMN reason_params JSON;
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

/** Table column names of a row layout, in order (`ts_ms` → `ts`), for INSERT column lists. */
export function columnNames(columns: ReadonlyArray<readonly [string, string]>): string {
  return columns.map(([name]) => (name.endsWith('_ms') && name !== 'request_time_ms' ? name.slice(0, -3) : name)).join(', ');
}

/** The `columns={...}` argument of read_csv for a row layout. */
export function csvColumns(columns: ReadonlyArray<readonly [string, string]>): string {
  return `{${columns.map(([name, type]) => `'${name}': '${type}'`).join(', ')}}`;
}
