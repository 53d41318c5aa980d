import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { VigieError } from '../../core/index.js';
import { defineCommand } from '../../core/module/index.js';
import { ClickHouseStore, isClickHouseUrl, openAnyStore } from '../../store/index.js';
import { connectNats } from '../scale/jetstream.js';
import { runWorker } from '../scale/worker-loop.js';

const WORKER_HELP = `Usage: vigie worker --nats URL --store clickhouse://HOST:PORT/DB [options]

A storage and detection worker for more than one machine: takes the events collectors publish
('vigie web ship') from durable JetStream consumers, one per partition it owns, writes each
round to ClickHouse, and acknowledges the messages only once they are written. Killed and
restarted (or replaced), it gets the unacknowledged messages again and stores each line once.

Options:
  --nats URL             NATS server(s), nats://HOST:PORT[,nats://HOST2:PORT2...]
  --store URL            clickhouse://HOST:PORT/DATABASE (ClickHouse's HTTP port)
  --partitions A-B       the partitions this worker owns (default: all); e.g. 0-3 and 4-7
                         on two workers
  --consumer NAME        durable consumer name prefix (default vigie-worker)
  --fetch N              messages per round, written in one insert (default 256)
  --ack-wait-secs N      a message not acknowledged within N seconds is delivered again (default 30)
  --idle-exit-secs N     stop after N seconds without messages (default 0: run until stopped)
  --json OUT             on exit, write what was stored as JSON to OUT ('-' for stdout)
  -h, --help             this help`;

const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `vigie worker --nats URL --store clickhouse://...` */
export const workerCommand = defineCommand({
  noun: 'worker',
  summary: 'store the events collectors publish to JetStream in ClickHouse (scale-out)',
  help: WORKER_HELP,
  positionals: false,
  options: z.strictObject({
    nats: z.string().min(1),
    store: z.string().min(1),
    partitions: z.string().regex(/^\d{1,4}-\d{1,4}$/, 'expected A-B, e.g. 0-3').optional(),
    consumer: z.string().regex(/^[A-Za-z0-9_-]{1,64}$/, 'letters, digits, - and _').default('vigie-worker'),
    fetch: whole(1, 100_000).default(256),
    'ack-wait-secs': whole(1, 3600).default(30),
    'idle-exit-secs': whole(0, 86_400 * 365).default(0),
    json: z.string().min(1).optional(),
  }),
  run: async ({ options: o }, ctx) => {
    if (!isClickHouseUrl(o.store)) throw new VigieError('VIGIE_ERR_USAGE', `worker: --store must be clickhouse://HOST:PORT/DATABASE (got '${o.store}')`);
    const store = await openAnyStore(o.store);
    if (!(store instanceof ClickHouseStore)) throw new VigieError('VIGIE_ERR_USAGE', 'worker: --store must be a ClickHouse store');
    const nc = await connectNats(o.nats, 'vigie worker');
    try {
      const [from, to] = o.partitions ? o.partitions.split('-').map(Number) : [];
      const stats = await runWorker(nc, store, {
        ...(from !== undefined && to !== undefined ? { partitions: { from, to } } : {}),
        consumer: o.consumer,
        fetch: o.fetch,
        ackWaitMs: o['ack-wait-secs'] * 1000,
        idleExitMs: o['idle-exit-secs'] * 1000,
        clientsEveryMs: 5000,
        signal: ctx.signal,
        onNotice: (m) => ctx.stderr.write(`vigie: ${m}\n`),
      });
      const json = JSON.stringify(stats, null, 2) + '\n';
      if (o.json === '-') ctx.stdout.write(json);
      else if (o.json) await writeFile(o.json, json);
      return 0;
    } finally {
      await nc.close();
      await store.close();
    }
  },
});
