import type { Consumer, JsMsg, NatsConnection } from 'nats';
import { VigieError } from '../../core/index.js';
import type { ClickHouseStore, ResolvedRows } from '../../store/index.js';
import { decodeRows, ensureConsumer, STREAM, streamPartitions } from './jetstream.js';

export interface WorkerOptions {
  /** First and last partition this worker owns (inclusive); all when left out. */
  partitions?: { from: number; to: number };
  /** Durable consumer names start so: two workers with the same name share the partitions' messages. */
  consumer: string;
  /** Messages written per round, at most (a round is one insert per table, then its acks). */
  fetch: number;
  /** An unacknowledged message is delivered again after this long (a worker died). */
  ackWaitMs: number;
  /** Stop after this long with nothing to do; 0 = until stopped. */
  idleExitMs: number;
  /** Refresh the clients table at most this often while rows arrive. */
  clientsEveryMs: number;
  signal?: AbortSignal;
  onNotice?: (message: string) => void;
}

export interface WorkerStats {
  messages: number;
  events: number;
  findings: number;
  /** Messages refused (not rows as a collector sends them, or rows ClickHouse would not take): acknowledged as terminated, never retried. */
  rejected: number;
  partitions: { from: number; to: number };
}

/**
 * A detection worker's loop: fetch from its partitions' durable consumers, write the round's
 * rows to ClickHouse in one insert per table, and only then acknowledge the messages. A worker
 * killed between its write and its acks gets the messages again (after `ackWaitMs`), and writes
 * the same rows again: at-least-once delivery, exactly-once rows (their keys; see the
 * ClickHouse store).
 */
export async function runWorker(nc: NatsConnection, store: ClickHouseStore, options: WorkerOptions): Promise<WorkerStats> {
  const jsm = await nc.jetstreamManager({ timeout: 30_000 });
  const total = await streamPartitions(jsm);
  const range = options.partitions ?? { from: 0, to: total - 1 };
  if (range.from < 0 || range.to >= total || range.from > range.to) {
    throw new VigieError('VIGIE_ERR_USAGE', `--partitions ${range.from}-${range.to}: the stream has partitions 0-${total - 1}`);
  }
  const js = nc.jetstream({ timeout: 30_000 });
  const consumers: Consumer[] = [];
  for (let p = range.from; p <= range.to; p++) consumers.push(await js.consumers.get(STREAM, await ensureConsumer(jsm, options.consumer, p, options.ackWaitMs)));
  const stats: WorkerStats = { messages: 0, events: 0, findings: 0, rejected: 0, partitions: range };
  // Each partition's consumer pulls on its own into one queue; a round takes what is there.
  const queue: JsMsg[] = [];
  let wake: (() => void) | undefined;
  const streams = await Promise.all(consumers.map((c) => c.consume({ max_messages: Math.max(options.fetch, 16) })));
  const pumps = streams.map(async (messages) => {
    for await (const m of messages) {
      queue.push(m);
      wake?.();
    }
  });
  try {
    return await rounds();
  } finally {
    for (const s of streams) s.stop();
    await Promise.allSettled(pumps);
  }

  async function rounds(): Promise<WorkerStats> {
  let lastWork = Date.now();
  let lastClients = 0;
  let dirty = false;
  while (!options.signal?.aborted) {
    if (queue.length === 0) {
      await new Promise<void>((r) => {
        wake = r;
        setTimeout(r, 250);
      });
      wake = undefined;
    }
    const round = queue.splice(0, options.fetch);
    if (round.length === 0) {
      if (dirty) {
        await store.refreshClients();
        dirty = false;
      }
      if (options.idleExitMs > 0 && Date.now() - lastWork >= options.idleExitMs) break;
      continue;
    }
    lastWork = Date.now();
    const good: Array<{ msg: JsMsg; rows: ResolvedRows }> = [];
    for (const msg of round) {
      const rows = decodeRows(msg.data);
      if (rows) good.push({ msg, rows });
      else reject(msg, stats, options, 'not rows as a collector sends them');
    }
    try {
      await store.storeResolved(good.map((g) => g.rows));
    } catch (err) {
      if (!(err instanceof VigieError) || /does not answer/.test(err.message)) throw err;
      // ClickHouse refused the round: find the message(s) it refuses, store the others.
      for (const g of good.splice(0)) {
        try {
          await store.storeResolved([g.rows]);
          good.push(g);
        } catch (one) {
          if (!(one instanceof VigieError) || /does not answer/.test(one.message)) throw one;
          reject(g.msg, stats, options, one.message);
        }
      }
    }
    // Written: now, and only now, acknowledged.
    for (const g of good) {
      g.msg.ack();
      stats.messages++;
      stats.events += g.rows.eventCount;
      stats.findings += g.rows.findingCount;
    }
    await nc.flush();
    dirty = true;
    if (Date.now() - lastClients >= options.clientsEveryMs) {
      await store.refreshClients();
      lastClients = Date.now();
      dirty = false;
    }
  }
  if (dirty) await store.refreshClients();
  return stats;
  }
}

function reject(msg: JsMsg, stats: WorkerStats, options: WorkerOptions, why: string): void {
  stats.rejected++;
  options.onNotice?.(`message ${msg.info.streamSequence} on ${msg.subject} refused: ${why.slice(0, 200)}`);
  msg.term();
}
