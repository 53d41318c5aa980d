/** A value bound to a `$name` parameter. */
export type SqlValue = string | number | boolean | bigint | null;

/** A result row as plain JSON-able values: BIGINT as string, TIMESTAMP as ISO text, lists as arrays. */
export type SqlRow = Record<string, unknown>;

/**
 * The database a module's repository writes and reads through. Only repositories (and
 * `report/queries`) hold SQL; everything above them calls repository methods. The embedded
 * implementation is DuckDB; the scale-out one is ClickHouse (`dialect` tells a repository
 * which SQL to write).
 */
export interface SqlDatabase {
  readonly dialect: 'duckdb' | 'clickhouse';
  /** Where the data lives, for messages. */
  readonly location: string;
  query(sql: string, params?: Readonly<Record<string, SqlValue>>): Promise<SqlRow[]>;
  run(sql: string, params?: Readonly<Record<string, SqlValue>>): Promise<void>;
  /**
   * Run `work` in one transaction: all of its statements or none. Writers are serialised: no
   * other caller's statement lands inside it.
   */
  transaction<T>(work: (tx: SqlTransaction) => Promise<T>): Promise<T>;
}

/** The statements of one transaction. */
export interface SqlTransaction {
  query(sql: string, params?: Readonly<Record<string, SqlValue>>): Promise<SqlRow[]>;
  run(sql: string, params?: Readonly<Record<string, SqlValue>>): Promise<void>;
  /**
   * Load rows in bulk: `rows` is tab-separated text, one row a line (`\n`), columns in the
   * order of `columns`, no quoting and no escaping: a field never holds a tab, newline or other
   * control character (the caller makes them visible, as `cleanField` does), and `\u0001`
   * alone is NULL. Returns the rows loaded. Far cheaper than INSERTs for millions of rows.
   */
  loadTsv(table: string, columns: readonly string[], rows: Uint8Array | readonly Uint8Array[]): Promise<number>;
}

/**
 * A module's schema, one migration per version, applied in order; the store records each
 * module's version in `meta` (`schema_version:<module>`). Never edit a released migration:
 * add the next one. Tables are named `<module>_<thing>` so modules never collide.
 */
export interface Migrations {
  readonly duckdb: readonly string[];
  /** The same tables for ClickHouse (scale-out), when the module supports it. */
  readonly clickhouse?: readonly string[];
}
