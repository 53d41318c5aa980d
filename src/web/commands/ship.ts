import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { VigieError } from '../../core/index.js';
import { defineCommand } from '../../core/module/index.js';
import { LockedStore, openStore } from '../../store/index.js';
import { LOG_FORMATS, type LogFormat } from '../formats/index.js';
import { checkInputs } from '../ingest/format-check.js';
import { ingest } from '../ingest/ingest.js';
import { defaultWorkers } from '../pipeline/index.js';
import { connectNats, DEFAULT_PARTITIONS, ensureStream } from '../scale/jetstream.js';
import { ShipStore } from '../scale/ship-store.js';

const SHIP_HELP = `Usage: vigie web ship FILE... --nats URL [options]

A collector for more than one machine: reads and parses access logs as 'web analyze' does
(same formats, rotation, request detection), and publishes the events and request findings to
NATS JetStream, on subjects partitioned by client address, for 'vigie worker' to store. A
file's checkpoint moves only once JetStream has acknowledged its lines: killed and restarted,
the collector neither loses nor repeats a line.

Options:
  --nats URL             NATS server(s), nats://HOST:PORT[,nats://HOST2:PORT2...]
  --state PATH           the collector's own checkpoints (default ./vigie-ship.duckdb)
  --follow               keep reading as the logs grow; survives rotation (Ctrl-C to stop)
  --idle-timeout-secs N  with --follow: stop after N seconds without new lines
  --format F             auto (default), ${LOG_FORMATS.join(', ')}
  --trust-proxy [N]      take the client from X-Forwarded-For, trusting N proxies (default 1)
  --workers N            parsing threads (default: cores - 1, at most 4; 0 = main thread)
  --partitions N         partitions of a new stream (default ${DEFAULT_PARTITIONS}; an existing stream keeps its own)
  --replicas N           copies of a new stream (1, or 3 on a 3-node cluster)
  --batch-lines N        lines per published batch, at most (default 5000; a batch is
                         whole chunks of about 1 MB read)
  --message-kib N        largest message, in KiB (default 512; NATS's own limit is 1024)
  --json OUT             write the summary as JSON to OUT ('-' for stdout)
  --quiet                no summary line
  -h, --help             this help`;

const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `vigie web ship FILE... --nats URL` */
export const webShipCommand = defineCommand({
  noun: 'web',
  verb: 'ship',
  summary: 'read access logs and publish their events to NATS JetStream (scale-out collector)',
  help: SHIP_HELP,
  options: z.strictObject({
    nats: z.string().min(1),
    state: z.string().min(1).default('./vigie-ship.duckdb'),
    follow: z.boolean().default(false),
    'idle-timeout-secs': whole(0, 86_400 * 365).default(0),
    format: z.enum(['auto', ...LOG_FORMATS]).default('auto'),
    'trust-proxy': whole(1, 16).optional(),
    workers: whole(0, 64).optional(),
    partitions: whole(1, 1024).default(DEFAULT_PARTITIONS),
    replicas: whole(1, 5).default(1),
    'batch-lines': whole(1, 1_000_000).default(5000),
    'message-kib': whole(4, 1000).default(512),
    json: z.string().min(1).optional(),
    quiet: z.boolean().default(false),
  }),
  optionalValues: { 'trust-proxy': '1' },
  run: async ({ options: o, positionals }, ctx) => {
    if (positionals.length === 0) throw new VigieError('VIGIE_ERR_USAGE', 'web ship: name at least one log file (or - for stdin); see vigie web ship --help');
    const format = o.format as LogFormat | 'auto';
    const inputs = await checkInputs(positionals, format);
    const nc = await connectNats(o.nats, 'vigie web ship');
    try {
      const partitions = await ensureStream(await nc.jetstreamManager({ timeout: 30_000 }), o.partitions, o.replicas);
      const state = new LockedStore(await openStore(o.state, { threads: 1 }));
      const store = new ShipStore(state, nc.jetstream({ timeout: 30_000 }), partitions, { messageBytes: o['message-kib'] * 1024 });
      try {
        const runId = await store.beginRun({ command: 'web ship', args: positionals });
        const stats = await ingest(store, runId, positionals, {
          format,
          follow: o.follow,
          idleTimeoutSecs: o['idle-timeout-secs'],
          trustProxyHops: o['trust-proxy'] ?? 0,
          workers: o.workers ?? defaultWorkers(o.follow ? undefined : inputs),
          reprocess: false,
          detectors: {},
          commitRows: o['batch-lines'],
          signal: ctx.signal,
          onNotice: (m) => ctx.stderr.write(`vigie: ${m}\n`),
        });
        const summary = {
          lines: stats.lines, parsed: stats.parsed, malformed: stats.malformed, skipped: stats.skipped, flagged: stats.flagged,
          published: { partitions, ...store.counts },
          malformed_samples: stats.malformed_samples,
          files: stats.files,
          errors: stats.errors,
        };
        await store.finishRun(runId, summary);
        const json = JSON.stringify(summary, null, 2) + '\n';
        if (o.json === '-') ctx.stdout.write(json);
        else if (o.json) await writeFile(o.json, json);
        if (!o.quiet && o.json !== '-') {
          ctx.stdout.write(`${stats.lines} lines read, ${stats.parsed} requests (${stats.flagged} flagged) published to ${partitions} partitions in ${store.counts.messages} messages${store.counts.duplicates ? ` (${store.counts.duplicates} already there)` : ''}\n`);
        }
        for (const e of stats.errors) ctx.stderr.write(`vigie: ${e}\n`);
        return stats.errors.length > 0 ? 4 : 0;
      } finally {
        await store.close();
      }
    } finally {
      await nc.close();
    }
  },
});
