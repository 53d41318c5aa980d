import { VigieError } from '../../core/index.js';
import type { RowBatch, RowBytes } from '../store.js';
import { tsvField } from './http-client.js';

/**
 * ClickHouse rows carry their strings (path, referer, user agent, host) inline: its columns
 * compress repeated values well, and 18.16's joins are too limited for a dictionary join on
 * every read. Rows are keyed by (client address, source key, line), the sort key of the
 * ReplacingMergeTree tables, so a batch stored twice (a redelivery, a resumed read) is one
 * set of rows once merged or read `FINAL`.
 */
export const CH_EVENT_COLUMNS = [
  'run_id', 'source_id', 'source_key', 'line', 'ts_ms', 'ip', 'method', 'path', 'query', 'protocol', 'status', 'bytes',
  'referer', 'user_agent', 'host', 'request_time_ms', 'body', 'forwarded_for', 'user_name', 'flagged',
] as const;

export const CH_FINDING_COLUMNS = [
  'run_id', 'source_id', 'source_key', 'line', 'idx', 'ts_ms', 'ip', 'scope', 'class', 'rule', 'severity', 'location', 'fragment',
  'window_start_ms', 'window_end_ms', 'reason', 'raw', 'reason_code', 'reason_params',
] as const;

/** Rows of one group (a partition of client addresses), ready for `INSERT ... FORMAT TabSeparated`. */
export interface ResolvedRows {
  events: string;
  eventCount: number;
  findings: string;
  findingCount: number;
}

/** Where resolved rows come from: the run and source of the store they were read into, and the source's global key. */
export interface RowOrigin {
  runId: number;
  sourceId: number;
  /** Unique across collectors: host, device, inode and head hash of the file. */
  sourceKey: string;
}

/** Strings kept before the map starts afresh (a dictionary restarts well before: 200k entries). */
const MAX_STRINGS = 2_000_000;

const DECODER = new TextDecoder();

function text(bytes: RowBytes): string {
  if (bytes instanceof Uint8Array) return DECODER.decode(bytes);
  return bytes.map((b) => DECODER.decode(b)).join('');
}

function lines(bytes: RowBytes): string[] {
  const all = text(bytes);
  if (all === '') return [];
  const out = all.split('\n');
  if (out[out.length - 1] === '') out.pop();
  return out;
}

/**
 * Turns the encoded rows of a batch (`RowEncoder`: strings by id, fields unescaped) into
 * ClickHouse rows with their strings inline, grouped by `group(ip)`. It learns each batch's new
 * strings first; batches of one reader arrive in order, so every id a row names was learnt.
 */
export class RowResolver {
  #strings = new Map<number, string>();

  resolve(batch: RowBatch, origin: RowOrigin, group: (ip: string) => number = () => 0): Map<number, ResolvedRows> {
    for (const row of lines(batch.strings)) {
      const tab = row.indexOf('\t');
      if (this.#strings.size >= MAX_STRINGS) this.#strings.clear();
      this.#strings.set(Number(row.slice(0, tab)), row.slice(tab + 1));
    }
    const out = new Map<number, ResolvedRows>();
    const at = (ip: string): ResolvedRows => {
      const g = group(ip);
      let rows = out.get(g);
      if (!rows) out.set(g, (rows = { events: '', eventCount: 0, findings: '', findingCount: 0 }));
      return rows;
    };
    const head = `${origin.runId}\t${origin.sourceId}\t${tsvField(origin.sourceKey)}`;
    for (const row of lines(batch.events)) {
      const f = row.split('\t');
      const s = (i: number): string => tsvField(f[i] ?? '');
      const id = (i: number): string => {
        const value = this.#strings.get(Number(f[i]));
        if (value === undefined) throw new VigieError('VIGIE_ERR_STORE', `row of line ${f[0]} names string ${f[i]}, not in any batch read so far`);
        return tsvField(value);
      };
      const rows = at(f[2] ?? '');
      rows.events += `${head}\t${f[0]}\t${f[1]}\t${s(2)}\t${s(3)}\t${id(4)}\t${s(5)}\t${s(6)}\t${f[7]}\t${f[8]}\t${id(9)}\t${id(10)}\t${id(11)}\t${number(f[12])}\t${s(13)}\t${s(14)}\t${s(15)}\t${f[16] === 'true' ? 1 : 0}\n`;
      rows.eventCount++;
    }
    // A line's findings are numbered in the order they were made: the same line read again
    // gives the same numbers, hence the same keys.
    let lastLine = '';
    let idx = 0;
    for (const row of lines(batch.findings)) {
      const f = row.split('\t');
      idx = f[0] === lastLine ? idx + 1 : 0;
      lastLine = f[0]!;
      const rest = f.slice(3).map((v) => tsvField(v === '\u0001' ? '' : v)).join('\t');
      const rows = at(f[2] ?? '');
      rows.findings += `${head}\t${f[0]}\t${idx}\t${f[1]}\t${tsvField(f[2] ?? '')}\t${rest}\n`;
      rows.findingCount++;
    }
    return out;
  }
}

function number(value: string | undefined): string {
  const n = Number(value);
  return Number.isFinite(n) ? String(n) : '0';
}

/**
 * A stable 32-bit hash of a client address (FNV-1a over its UTF-16 code units): the partition
 * of a client is the same on every collector and in every run.
 *
 * @example
 * partitionOf('203.0.113.5', 8) // 0..7, always the same for this address
 */
export function partitionOf(ip: string, partitions: number): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < ip.length; i++) {
    h ^= ip.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) % partitions;
}
