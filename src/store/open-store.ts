import type { Migrations, StoreSession } from '../core/module/index.js';
import { DuckDbStore, type DuckDbStoreOptions } from './duckdb/duckdb-store.js';
import { migrateModule, type DuckDbDatabase } from './duckdb/duckdb-database.js';
import { existsSync } from 'node:fs';
import { VigieError } from '../core/index.js';
import { ClickHouseStore } from './clickhouse/clickhouse-store.js';
import { isClickHouseUrl } from './clickhouse/http-client.js';

/** A module's name and schema, as the store needs them. */
export interface ModuleSchema {
  name: string;
  migrations: Migrations;
}

/** Options of {@link openStoreSession}. */
export interface OpenStoreOptions extends DuckDbStoreOptions {
  /** Refuse to create a missing database (commands that only read). Default true: create. */
  create?: boolean;
}

/** A ClickHouse store location, `clickhouse://HOST:PORT/DATABASE`. */
export type ClickHouseUrl = `clickhouse://${string}`;

/**
 * Open the store a location names: ClickHouse for `clickhouse://HOST:PORT/DB`, the embedded
 * DuckDB file otherwise. For commands that work on either (the scale-out ones); the embedded
 * pipeline keeps {@link openStore} with a path.
 */
export async function openAnyStore(location: string, options: OpenStoreOptions & { retryMs?: number } = {}): Promise<DuckDbStore | ClickHouseStore> {
  return isClickHouseUrl(location) ? ClickHouseStore.open(location, options) : openStore(location, options);
}

/**
 * Open the embedded database (created when missing unless `create` is false), its web tables at
 * their latest schema. The one place a store is opened: everything else comes here or to
 * {@link openStoreSession}.
 *
 * @example
 * const store = await openStore('./vigie.duckdb', { threads: 1 });
 */
export async function openStore(path: string, options: OpenStoreOptions = {}): Promise<DuckDbStore> {
  if (isClickHouseUrl(path)) {
    // The embedded pipeline's commands take a database file; a ClickHouse URL there is one
    // clear line, not a file named so (the scale-out commands open it with openAnyStore).
    throw new VigieError('VIGIE_ERR_USAGE', `${path}: this command works on the embedded database file; ClickHouse stores are for the scale-out commands (web ship, worker)`);
  }
  if (options.create === false && path !== ':memory:' && !existsSync(path)) {
    throw new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `${path}: no such database; check --db (or VIGIE_DB_PATH), or import data first`);
  }
  return DuckDbStore.open(path, options);
}

/**
 * Open the embedded database with every module's tables at their latest schema, for one
 * command. The one way module commands get a store.
 *
 * @example
 * const session = await openStoreSession('./vigie.duckdb', [financeModule]);
 * await session.database.query('SELECT count(*) AS n FROM finance_contributions');
 */
export async function openStoreSession(path: string, modules: readonly ModuleSchema[], options: OpenStoreOptions = {}): Promise<StoreSession & { store: DuckDbStore }> {
  const store = await openStore(path, options);
  let database: DuckDbDatabase | undefined;
  try {
    database = await store.moduleDatabase();
    for (const m of modules) await migrateModule(database, m.name, m.migrations.duckdb);
  } catch (err) {
    await database?.close();
    await store.close();
    throw err;
  }
  const db = database;
  return {
    store,
    database: db,
    beginRun: (info) => store.beginRun(info),
    finishRun: (runId, summary) => store.finishRun(runId, summary),
    close: async () => {
      await db.close();
      await store.close();
    },
  };
}
