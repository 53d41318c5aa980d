import { rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DuckDBConnection, DuckDBValue } from '@duckdb/node-api';
import { VigieError } from '../../core/index.js';
import type { SqlDatabase, SqlRow, SqlTransaction, SqlValue } from '../../core/module/index.js';

type Params = Readonly<Record<string, SqlValue>>;

/** read_csv options for `loadTsv`'s raw TSV (see SqlTransaction.loadTsv). */
const TSV_OPTIONS = `delim='\t', quote='', escape='', header=false, auto_detect=false, nullstr='\u0001', max_line_size=1048576, buffer_size=2097152, strict_mode=false`;

/**
 * A module's database on a DuckDB connection of its own. Calls on it run one at a time (a
 * transaction's statements are never interleaved with another caller's); other modules'
 * connections run beside it, isolated by DuckDB's MVCC (each module writes its own tables).
 *
 * @example
 * const db = await store.moduleDatabase();
 * await db.transaction(async (tx) => { await tx.loadTsv('finance_rows', ['file', 'row'], bytes); });
 */
export class DuckDbDatabase implements SqlDatabase {
  readonly dialect = 'duckdb' as const;
  readonly location: string;
  #conn: DuckDBConnection;
  #tmpDir: string;
  #tail: Promise<unknown> = Promise.resolve();
  #seq = 0;
  #columnTypes = new Map<string, Map<string, string>>();

  constructor(location: string, conn: DuckDBConnection, tmpDir: string) {
    this.location = location;
    this.#conn = conn;
    this.#tmpDir = tmpDir;
  }

  query(sql: string, params?: Params): Promise<SqlRow[]> {
    return this.#locked(() => this.#rows(sql, params));
  }

  run(sql: string, params?: Params): Promise<void> {
    return this.#locked(async () => { await this.#conn.run(sql, params as Record<string, DuckDBValue>); });
  }

  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T> {
    return this.#locked(async () => {
      await this.#conn.run('BEGIN TRANSACTION');
      try {
        const result = await work({
          query: (sql, params) => this.#rows(sql, params),
          run: async (sql, params) => { await this.#conn.run(sql, params as Record<string, DuckDBValue>); },
          loadTsv: (table, columns, rows) => this.#loadTsv(table, columns, rows),
        });
        await this.#conn.run('COMMIT');
        return result;
      } catch (err) {
        await this.#conn.run('ROLLBACK').catch(() => undefined);
        if (err instanceof VigieError) throw err;
        throw new VigieError('VIGIE_ERR_STORE', `database write failed: ${String(err instanceof Error ? err.message : err).split('\n')[0]}`, { cause: err });
      }
    });
  }

  /** Close the connection (the instance belongs to the store). */
  close(): Promise<void> {
    return this.#locked(async () => { this.#conn.closeSync(); });
  }

  async #loadTsv(table: string, columns: readonly string[], rows: Uint8Array | readonly Uint8Array[]): Promise<number> {
    if (!/^[a-z_][a-z0-9_]*$/.test(table) || columns.some((c) => !/^[a-z_][a-z0-9_]*$/.test(c))) {
      throw new VigieError('VIGIE_ERR_STORE', `loadTsv: table and column names are lower-case identifiers (${table})`);
    }
    const parts = rows instanceof Uint8Array ? [rows] : rows;
    if (parts.every((p) => p.length === 0)) return 0;
    const types = await this.#types(table);
    const spec = columns.map((c) => {
      const type = types.get(c);
      if (!type) throw new VigieError('VIGIE_ERR_STORE', `loadTsv: ${table} has no column ${c}`);
      return `'${c}': '${type.replace(/'/g, "''")}'`;
    }).join(', ');
    const file = join(this.#tmpDir, `load-${process.pid}-${++this.#seq}.tsv`);
    try {
      await writeFile(file, parts);
      const [row] = await this.#rows(`INSERT INTO ${table} (${columns.join(', ')}) SELECT * FROM read_csv('${file}', ${TSV_OPTIONS}, columns={${spec}})`);
      return Number(row?.Count ?? row?.count ?? 0);
    } finally {
      await rm(file, { force: true });
    }
  }

  async #types(table: string): Promise<Map<string, string>> {
    let types = this.#columnTypes.get(table);
    if (!types) {
      const rows = await this.#rows(`SELECT column_name, data_type FROM information_schema.columns WHERE table_name = $t AND table_schema = 'main'`, { t: table });
      types = new Map(rows.map((r) => [String(r.column_name), String(r.data_type)]));
      this.#columnTypes.set(table, types);
    }
    return types;
  }

  async #rows(sql: string, params?: Params): Promise<SqlRow[]> {
    const reader = await this.#conn.runAndReadAll(sql, params as Record<string, DuckDBValue>);
    return reader.getRowObjectsJson() as SqlRow[];
  }

  #locked<T>(work: () => Promise<T>): Promise<T> {
    const run = this.#tail.then(work, work);
    this.#tail = run.catch(() => undefined);
    return run;
  }
}

/**
 * Bring a module's tables to its latest schema: each migration not yet applied runs in its
 * own transaction with the version it reaches (`meta`, key `schema_version:<module>`).
 */
export async function migrateModule(db: SqlDatabase, module: string, migrations: readonly string[]): Promise<void> {
  await db.run(`CREATE TABLE IF NOT EXISTS meta (key VARCHAR PRIMARY KEY, value VARCHAR)`);
  const key = `schema_version:${module}`;
  const [row] = await db.query(`SELECT value FROM meta WHERE key = $k`, { k: key });
  const current = row ? Number(row.value) : 0;
  if (current > migrations.length) {
    throw new VigieError('VIGIE_ERR_STORE_SCHEMA', `${db.location}: the ${module} tables have schema version ${current}, newer than this vigie (${migrations.length}); upgrade vigie`);
  }
  for (let v = current; v < migrations.length; v++) {
    await db.transaction(async (tx) => {
      await tx.run(migrations[v]!);
      await tx.run(`INSERT OR REPLACE INTO meta VALUES ($k, $v)`, { k: key, v: String(v + 1) });
    });
  }
  // As for the web tables: schema changes reach the file at once, never only the WAL.
  if (current < migrations.length) await db.run('CHECKPOINT');
}
