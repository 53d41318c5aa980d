import { detachString, escapeControls, sampledHash, type EventSource, type Finding, type WebEvent } from '../core/index.js';

/**
 * Rows travel from the parsing workers to the store as tab-separated text with no quoting and
 * no escaping: the cheapest encoding to produce in JavaScript and the cheapest for DuckDB
 * (`read_csv`) and ClickHouse (`TSVRaw`) to load. That is only sound because no field ever
 * holds a tab, newline or other control character: `cleanField` guarantees it (and writes
 * bidirectional controls visibly too).
 */
export const EVENT_COLUMNS = [
  ['line', 'BIGINT'],
  ['ts_ms', 'BIGINT'],
  ['ip', 'VARCHAR'],
  ['method', 'VARCHAR'],
  ['path_id', 'BIGINT'],
  ['query', 'VARCHAR'],
  ['protocol', 'VARCHAR'],
  ['status', 'SMALLINT'],
  ['bytes', 'BIGINT'],
  ['referer_id', 'BIGINT'],
  ['user_agent_id', 'BIGINT'],
  ['host_id', 'BIGINT'],
  ['request_time_ms', 'DOUBLE'],
  ['body', 'VARCHAR'],
  ['forwarded_for', 'VARCHAR'],
  ['user_name', 'VARCHAR'],
  ['flagged', 'BOOLEAN'],
] as const;

export const FINDING_COLUMNS = [
  ['line', 'BIGINT'],
  ['ts_ms', 'BIGINT'],
  ['ip', 'VARCHAR'],
  ['scope', 'VARCHAR'],
  ['class', 'VARCHAR'],
  ['rule', 'VARCHAR'],
  ['severity', 'TINYINT'],
  ['location', 'VARCHAR'],
  ['fragment', 'VARCHAR'],
  ['window_start_ms', 'BIGINT'],
  ['window_end_ms', 'BIGINT'],
  ['reason', 'VARCHAR'],
  ['raw', 'VARCHAR'],
] as const;

/**
 * Columns a finding row carries after {@link FINDING_COLUMNS}, added by a later migration
 * (schema migration 6): the reason as a code and its parameters as JSON.
 */
export const FINDING_REASON_COLUMNS = [
  ['reason_code', 'VARCHAR'],
  ['reason_params', 'VARCHAR'],
] as const;

/** The parameters of a reason as one row field: every string made safe first, so the JSON stays valid. */
export function reasonParamsField(params: Readonly<Record<string, unknown>> | undefined): string {
  return JSON.stringify(params ?? {}, (_key, value: unknown) => (typeof value === 'string' ? cleanField(value) : value));
}

/**
 * Make a value safe for the row encoding and for every screen it will reach: control and
 * bidirectional characters become visible `\xHH` text (see `escapeControls`), so nothing is
 * lost, no row can be split and no stored text can reorder what is shown around it.
 *
 * @example
 * cleanField('a\tb') // 'a\\x09b'
 */
export const cleanField: (value: string) => string = escapeControls;

export const STRING_COLUMNS = [
  ['id', 'BIGINT'],
  ['value', 'VARCHAR'],
] as const;

/** Distinct strings a dictionary keeps before it starts afresh (bounds a worker's memory). */
const MAX_DICTIONARY_ENTRIES = 200_000;
/** Ids reserved for one dictionary (one parsing thread of one run); see `Store.reserveStringIds`. */
export const IDS_PER_DICTIONARY = 2 ** 32;

/**
 * Encodes events as rows, replacing the long, repetitive strings (path, referer, user agent,
 * host) with ids into a `strings` table. Loading integers costs DuckDB about half as much as
 * loading the strings themselves (measured: 228 vs 498 ms per 100k rows), and logs repeat
 * these values on most lines.
 *
 * Each parsing thread has its own dictionary, with ids from its own range (reserved from the
 * store for the run), so threads never coordinate; the same string may get an id in each, which is harmless. A new id
 * is emitted with the batch that first uses it, so a committed row never points at a missing
 * string.
 *
 * @example
 * const enc = new RowEncoder(await store.reserveStringIds(1));
 * const row = enc.encodeEvent(event, 17, false, false);
 * const newStrings = enc.takeStrings(); // rows for the `strings` table
 */
export class RowEncoder {
  #ids = new Map<string, DictionaryEntry>();
  /** Direct-mapped front of `#ids`: a sampled hash and one compare, instead of hashing a whole fresh string. */
  #front: Array<DictionaryEntry | undefined> = new Array(FRONT_SLOTS).fill(undefined);
  #next: number;
  #pending: string[] = [];
  #emptyId: number | undefined;

  constructor(firstId: number) {
    this.#next = firstId;
  }

  /** One event as a row (with its trailing newline). `clean`: the line held a tab, a control or a bidirectional character. */
  encodeEvent(e: WebEvent, line: number, flagged: boolean, clean: boolean): string {
    const f = clean ? cleanField : identity;
    return `${line}\t${e.ts}\t${f(e.ip)}\t${f(e.method)}\t${this.#id(e.path, clean)}\t${f(e.query)}\t${f(e.protocol)}\t${e.status}\t${e.bytes}\t${this.#id(e.referer, clean)}\t${this.#id(e.userAgent, clean)}\t${this.#id(e.host, clean)}\t${e.requestTimeMs}\t${f(e.body)}\t${f(e.forwardedFor)}\t${f(e.user)}\t${flagged}\n`;
  }

  /** Rows for the strings first used since the last call. */
  takeStrings(): { rows: string; count: number } {
    const count = this.#pending.length;
    const rows = this.#pending.join('');
    this.#pending = [];
    return { rows, count };
  }

  #id(value: string, clean: boolean): number {
    // Most events have no referer or host: no lookup for the empty string.
    if (value === '') return this.#emptyId ?? this.#newId(value);
    const slot = sampledHash(value) & (FRONT_SLOTS - 1);
    const front = this.#front[slot];
    if (front !== undefined && front.key === value) return front.id;
    let entry = this.#ids.get(value);
    if (entry === undefined) {
      if (this.#ids.size >= MAX_DICTIONARY_ENTRIES) this.#ids.clear();
      // Detached: a parsed substring would keep its whole chunk of text alive (see detachString).
      const key = detachString(value);
      entry = { key, id: this.#newId(clean ? cleanField(key) : key) };
      this.#ids.set(key, entry);
    }
    this.#front[slot] = entry;
    return entry.id;
  }

  #newId(value: string): number {
    const id = this.#next++;
    if (value === '') this.#emptyId = id;
    this.#pending.push(id + '\t' + value + '\n');
    return id;
  }
}

interface DictionaryEntry {
  key: string;
  id: number;
}

const FRONT_SLOTS = 4096;

/** One finding as a row, with the raw log line it was seen on (evidence). */
export function encodeFinding(f: Finding, source: EventSource, raw: string): string {
  return `${source.line}\t${f.ts}\t${cleanField(f.ip)}\t${f.scope}\t${f.class}\t${cleanField(f.rule)}\t${f.severity}\t${cleanField(f.location)}\t${cleanField(f.fragment)}\t${f.windowStart}\t${f.windowEnd}\t${cleanField(f.reason)}\t${cleanField(raw)}\t${cleanField(f.why.code)}\t${reasonParamsField(f.why.params)}\n`;
}

function identity(s: string): string {
  return s;
}
