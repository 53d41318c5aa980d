import { VigieError } from '../../core/index.js';
import type { SqlValue } from '../store.js';

/**
 * ClickHouse's plain HTTP interface, spoken directly with `fetch`: the Debian server is 18.16,
 * older than what `@clickhouse/client` expects (it sends settings and formats 18.16 refuses),
 * and the interface is three things: POST a statement, read `JSONEachRow`, POST rows as
 * `TabSeparated`. 18.16 has no query parameters: values are inlined by {@link literal}.
 *
 * Calls that fail on the connection (a server restarting) are retried with backoff for
 * `retryMs`; an SQL error is not retried.
 */
export class ClickHouseHttp {
  readonly base: string;
  readonly database: string;
  readonly retryMs: number;

  constructor(base: string, database: string, retryMs = 60_000) {
    this.base = base;
    this.database = database;
    this.retryMs = retryMs;
  }

  /** Run one statement that returns nothing (DDL, INSERT ... SELECT). */
  async exec(sql: string, params?: Readonly<Record<string, SqlValue>>, database: string | null = this.database): Promise<void> {
    await this.#post(bind(sql, params), undefined, database);
  }

  /** Rows of a SELECT as objects (64-bit integers as numbers when they fit, as text otherwise). */
  async query(sql: string, params?: Readonly<Record<string, SqlValue>>): Promise<Array<Record<string, unknown>>> {
    const text = await this.#post(`${bind(sql, params)}\nFORMAT JSONEachRow`, undefined, this.database);
    const rows: Array<Record<string, unknown>> = [];
    for (const line of text.split('\n')) if (line !== '') rows.push(JSON.parse(line) as Record<string, unknown>);
    return rows;
  }

  /** Insert tab-separated rows (ClickHouse's escaping: see {@link tsvField}) into `table (columns)`. */
  async insertTsv(table: string, columns: readonly string[], rows: string): Promise<void> {
    if (rows === '') return;
    await this.#post(rows, `INSERT INTO ${table} (${columns.join(', ')}) FORMAT TabSeparated`, this.database);
  }

  async #post(body: string, query: string | undefined, database: string | null): Promise<string> {
    const url = new URL(this.base);
    if (database !== null) url.searchParams.set('database', database);
    if (query !== undefined) url.searchParams.set('query', query);
    url.searchParams.set('output_format_json_quote_64bit_integers', '0');
    const deadline = Date.now() + this.retryMs;
    for (let delay = 100; ; delay = Math.min(delay * 2, 2000)) {
      let response: Response;
      try {
        response = await fetch(url, { method: 'POST', body });
      } catch (err) {
        if (Date.now() + delay > deadline) {
          throw new VigieError('VIGIE_ERR_STORE', `ClickHouse at ${this.base} does not answer: ${String((err as { cause?: unknown }).cause ?? err)}`, { cause: err });
        }
        await new Promise((r) => setTimeout(r, delay));
        continue;
      }
      const text = await response.text();
      if (response.ok) return text;
      // 18.16 says a table is being loaded or the server is starting with these.
      if (response.status === 503 && Date.now() + delay <= deadline) {
        await new Promise((r) => setTimeout(r, delay));
        continue;
      }
      throw new VigieError('VIGIE_ERR_STORE', `ClickHouse: ${text.split('\n')[0]!.slice(0, 500)}`);
    }
  }
}

/**
 * A value as a ClickHouse literal: numbers as they are (finite ones only), text quoted with
 * backslash escapes, null as NULL.
 *
 * @example
 * literal("it's") // "'it\\'s'"
 */
export function literal(value: SqlValue): string {
  if (value === null) return 'NULL';
  if (typeof value === 'boolean') return value ? '1' : '0';
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new VigieError('VIGIE_ERR_STORE', `not a finite number: ${value}`);
    return String(value);
  }
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/** `$name` parameters replaced by their literals (a name not given is an error, never left in). */
export function bind(sql: string, params?: Readonly<Record<string, SqlValue>>): string {
  if (!params) return sql;
  return sql.replace(/\$([a-z_][a-z0-9_]*)/gi, (_m, name: string) => {
    if (!Object.hasOwn(params, name)) throw new VigieError('VIGIE_ERR_STORE', `no value for $${name}`);
    return literal(params[name]!);
  });
}

/** A field for ClickHouse's TabSeparated input: backslashes escaped (rows never hold tabs or newlines: see `cleanField`). */
export function tsvField(value: string): string {
  return value.includes('\\') ? value.replace(/\\/g, '\\\\') : value;
}

/** `clickhouse://HOST:PORT/DB` → the HTTP base and the database; anything else is undefined. */
export function parseClickHouseUrl(location: string): { base: string; database: string } | undefined {
  const m = /^clickhouse:\/\/([A-Za-z0-9.-]+|\[[0-9a-fA-F:]+\]):(\d{1,5})\/([A-Za-z_][A-Za-z0-9_]{0,62})\/?$/.exec(location);
  if (!m) return undefined;
  const port = Number(m[2]);
  if (port < 1 || port > 65535) return undefined;
  return { base: `http://${m[1]}:${port}/`, database: m[3]! };
}

/** Whether a store location names ClickHouse (`clickhouse://...`), well formed or not. */
export function isClickHouseUrl(location: string): boolean {
  return location.startsWith('clickhouse://');
}
