import { AckPolicy, connect, DeliverPolicy, RetentionPolicy, StorageType, type JetStreamManager, type NatsConnection } from 'nats';
import { VigieError } from '../../core/index.js';
import { CH_EVENT_COLUMNS, CH_FINDING_COLUMNS, type ResolvedRows } from '../../store/index.js';

/**
 * How collectors (`web ship`) and workers (`worker`) meet in JetStream: one stream, `VIGIE_WEB`,
 * with one subject per partition of client addresses (`vigie.web.events.<p>`). A client's
 * requests are always on the same subject (hash of its address, see `partitionOf`), so the
 * worker that owns a partition sees all of a client's requests. The number of partitions is
 * fixed when the stream is created and written in its description: every collector and worker
 * reads it from there.
 */
export const STREAM = 'VIGIE_WEB';
export const SUBJECT_PREFIX = 'vigie.web.events.';
export const DEFAULT_PARTITIONS = 8;
/** NATS refuses messages over 1 MB by default: rows travel in messages of at most this. */
export const MAX_MESSAGE_BYTES = 512 * 1024;

/** Connect to NATS (`nats://h:p[,nats://h2:p2...]`), one clear error line when nothing answers. */
export async function connectNats(url: string, name: string): Promise<NatsConnection> {
  const servers = url.split(',').map((s) => s.trim()).filter((s) => s !== '');
  for (const s of servers) {
    if (!/^(nats|tls):\/\/[A-Za-z0-9.\-[\]:]+:\d{1,5}$/.test(s)) throw new VigieError('VIGIE_ERR_USAGE', `--nats: '${s}' is not nats://HOST:PORT`);
  }
  try {
    return await connect({ servers, name, maxReconnectAttempts: -1, reconnectTimeWait: 250, timeout: 10_000 });
  } catch (err) {
    throw new VigieError('VIGIE_ERR_NATS', `cannot connect to NATS at ${url}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  }
}

/**
 * The stream, created when missing (with `partitions` subjects, `replicas` copies: 3 on a
 * 3-node cluster, so a node may die); returns the partition count it has.
 */
export async function ensureStream(jsm: JetStreamManager, partitions: number, replicas: number): Promise<number> {
  try {
    return partitionsOf((await jsm.streams.info(STREAM)).config.description);
  } catch (err) {
    if (!/stream not found/i.test(String(err))) throw err;
  }
  await jsm.streams.add({
    name: STREAM,
    subjects: [`${SUBJECT_PREFIX}*`],
    description: `vigie web events; partitions=${partitions}`,
    retention: RetentionPolicy.Limits,
    storage: StorageType.File,
    num_replicas: replicas,
    duplicate_window: 120 * 1_000_000_000,
  });
  return partitions;
}

/** The stream's partition count, as written in its description. */
export async function streamPartitions(jsm: JetStreamManager): Promise<number> {
  try {
    return partitionsOf((await jsm.streams.info(STREAM)).config.description);
  } catch (err) {
    throw new VigieError('VIGIE_ERR_NATS', `no ${STREAM} stream in NATS yet: start a collector (vigie web ship) first, or check --nats (${err instanceof Error ? err.message : String(err)})`);
  }
}

function partitionsOf(description: string | undefined): number {
  const m = /partitions=(\d+)/.exec(description ?? '');
  if (!m) throw new VigieError('VIGIE_ERR_NATS', `stream ${STREAM} does not say its partitions; was it created by vigie?`);
  return Number(m[1]);
}

/** A durable pull consumer for one partition (created or kept): acknowledged one message at a time, redelivered after `ackWaitMs`. */
export async function ensureConsumer(jsm: JetStreamManager, name: string, partition: number, ackWaitMs: number): Promise<string> {
  const durable = `${name}-p${partition}`;
  try {
    await jsm.consumers.info(STREAM, durable);
  } catch {
    await jsm.consumers.add(STREAM, {
      durable_name: durable,
      filter_subject: `${SUBJECT_PREFIX}${partition}`,
      ack_policy: AckPolicy.Explicit,
      deliver_policy: DeliverPolicy.All,
      ack_wait: ackWaitMs * 1_000_000,
      max_ack_pending: 10_000,
    });
  }
  return durable;
}

/**
 * Rows as messages of at most {@link MAX_MESSAGE_BYTES}: whole rows, events and findings apart.
 * A row longer than that (a 64 KiB body is the most a row holds) goes alone.
 */
export function rowMessages(rows: ResolvedRows, maxBytes = MAX_MESSAGE_BYTES): ResolvedRows[] {
  const out: ResolvedRows[] = [];
  for (const [kind, text] of [['events', rows.events], ['findings', rows.findings]] as const) {
    let start = 0;
    while (start < text.length) {
      let end = Math.min(text.length, start + maxBytes / 2); // UTF-16 units; a row is mostly ASCII
      if (end < text.length) {
        const nl = text.lastIndexOf('\n', end - 1);
        end = nl >= start ? nl + 1 : text.indexOf('\n', end) + 1 || text.length;
      }
      const part = text.slice(start, end);
      const count = countLines(part);
      out.push(kind === 'events' ? { events: part, eventCount: count, findings: '', findingCount: 0 } : { events: '', eventCount: 0, findings: part, findingCount: count });
      start = end;
    }
  }
  return out;
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf('\n'); i !== -1; i = text.indexOf('\n', i + 1)) n++;
  return n;
}

const ENCODER = new TextEncoder();
const DECODER = new TextDecoder();

export function encodeRows(rows: ResolvedRows): Uint8Array {
  return ENCODER.encode(JSON.stringify(rows));
}

/** A message's rows; anything that is not rows as a collector sends them is refused (`undefined`). */
export function decodeRows(data: Uint8Array): ResolvedRows | undefined {
  try {
    const r = JSON.parse(DECODER.decode(data)) as Partial<ResolvedRows>;
    if (typeof r.events !== 'string' || typeof r.findings !== 'string' || typeof r.eventCount !== 'number' || typeof r.findingCount !== 'number') return undefined;
    if (countLines(r.events) !== r.eventCount || countLines(r.findings) !== r.findingCount) return undefined;
    // Every row with its columns, no more, no less: one bad row would fail the whole insert.
    if (!wellFormed(r.events, CH_EVENT_COLUMNS.length) || !wellFormed(r.findings, CH_FINDING_COLUMNS.length)) return undefined;
    return r as ResolvedRows;
  } catch {
    return undefined;
  }
}

function wellFormed(text: string, columns: number): boolean {
  if (text !== '' && !text.endsWith('\n')) return false;
  for (const row of text.split('\n')) {
    if (row === '') continue;
    if (row.split('\t').length !== columns || /[\x00-\x08\x0b-\x1f\r]/.test(row)) return false;
  }
  return true;
}
