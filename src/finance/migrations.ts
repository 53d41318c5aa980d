import type { Migrations } from '../core/module/index.js';

/** The finance tables (DuckDB). Never edit a released migration: add the next one. */
export const FINANCE_MIGRATIONS: Migrations = {
  duckdb: [
    `CREATE TABLE finance_files (
       file_id INTEGER PRIMARY KEY, name VARCHAR NOT NULL, fingerprint VARCHAR NOT NULL UNIQUE,
       layout VARCHAR NOT NULL, rows BIGINT NOT NULL, rollups BIGINT NOT NULL, malformed BIGINT NOT NULL,
       imported_at TIMESTAMP NOT NULL DEFAULT current_timestamp
     );
     CREATE TABLE finance_contributions (
       file_id INTEGER NOT NULL, file VARCHAR NOT NULL, "row" BIGINT NOT NULL,
       political_entity VARCHAR, recipient_id VARCHAR, recipient VARCHAR, party VARCHAR,
       district VARCHAR, event VARCHAR, contributor_type VARCHAR, contributor_name VARCHAR,
       last_name VARCHAR, first_name VARCHAR, middle VARCHAR, city VARCHAR, province VARCHAR,
       postal VARCHAR, received DATE, monetary_cents BIGINT, non_monetary_cents BIGINT,
       given_through VARCHAR, leadership_contestant VARCHAR, rollup BOOLEAN NOT NULL
     );`,
    // 2: each scan's result (the JSON of finance scan), for the API and the dashboard.
    `CREATE TABLE finance_scans (
       scan_id INTEGER PRIMARY KEY, created_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
       year INTEGER, result VARCHAR NOT NULL
     );`,
  ],
};
