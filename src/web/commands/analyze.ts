import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { VigieError } from '../../core/index.js';
import { defineCommand, HOME_FLAG, DB_FLAG } from '../../core/module/index.js';
import { LOG_FORMATS, type LogFormat } from '../formats/index.js';
import { analyzeLogs } from '../pipeline/index.js';
import { printSummary } from './analyze-summary.js';
import { ProgressBar } from '../../core/progress-bar.js';

const ANALYZE_HELP = `Usage: vigie web analyze FILE... [options]

Reads access logs (plain, .gz, '-' for stdin, globs), detects attacks, stores events and
findings, and prints a summary.

Options:
  --format F             auto (default), ${LOG_FORMATS.join(', ')}
  --db PATH              database file (default: db_path, ./vigie.duckdb)
  --json OUT             also write the summary as JSON to OUT ('-' for stdout)
  --follow               keep reading as the logs grow; survives rotation (Ctrl-C to stop)
  --idle-timeout-secs N  with --follow: stop after N seconds without new lines
  --trust-proxy [N]      take the client from X-Forwarded-For, trusting N proxies (default 1)
  --workers N            parsing threads (default: cores - 1, at most 4; 0 = main thread)
  --reprocess            analyse files again that were analysed before
  --home CC              the country that counts as domestic (default: home_country, CA)
  --ipv6-prefix-bits N   IPv6 clients are counted per prefix of N bits by behaviour and
                         campaigns (default: web.ipv6_prefix_bits, 64; a multiple of 4)
  --no-geo               do not attribute client origins (campaigns are still grouped)
  --no-behaviour         skip per-client behaviour detection (scanning, brute force, floods...)
  --behaviour-every N    with --follow: look for behaviour every N seconds (default 60), over
                         what arrived since the last look
  --baseline FILE        also report requests that leave a baseline (vigie web learn)
  --learn-warmup N       no baseline at hand: learn one from the run's first N requests
                         (after the ingest, leaving out flagged clients), check the rest
  --verbose              following: say each time a log's new lines are all stored
                         (where there is no progress bar: a pipe, a service's journal)
  --quiet                no progress bar, no summary (use with --json)
  -h, --help             this help`;

/** A whole number flag, given as text, within a range. */
const whole = (min: number, max: number) => z.coerce.number().int().min(min).max(max);

/** `vigie web analyze FILE... [options]` */
export const webAnalyzeCommand = defineCommand({
  noun: 'web',
  verb: 'analyze',
  summary: 'detect attacks in access logs, store them, print a summary',
  help: ANALYZE_HELP,
  options: z.strictObject({
    format: z.enum(['auto', ...LOG_FORMATS]).default('auto'),
    db: DB_FLAG,
    json: z.string().min(1).optional(),
    follow: z.boolean().default(false),
    'idle-timeout-secs': whole(0, 86_400 * 365).default(0),
    'trust-proxy': whole(1, 16).optional(),
    workers: whole(0, 64).optional(),
    reprocess: z.boolean().default(false),
    baseline: z.string().min(1).optional(),
    'learn-warmup': whole(100, 1_000_000_000).optional(),
    home: HOME_FLAG,
    'ipv6-prefix-bits': whole(4, 128).optional(),
    'no-geo': z.boolean().default(false),
    'no-behaviour': z.boolean().default(false),
    'behaviour-every': whole(1, 86_400).default(60),
    quiet: z.boolean().default(false),
    verbose: z.boolean().default(false),
  }),
  config: { db: 'db_path', home: 'home_country', 'ipv6-prefix-bits': 'web.ipv6_prefix_bits' },
  optionalValues: { 'trust-proxy': '1' },
  run: async ({ options: o, positionals }, ctx) => {
    if (positionals.length === 0) throw new VigieError('VIGIE_ERR_USAGE', 'web analyze: name at least one log file (or - for stdin); see vigie web analyze --help');
    if (o.baseline !== undefined && o['learn-warmup'] !== undefined) throw new VigieError('VIGIE_ERR_USAGE', 'web analyze: give --baseline FILE or --learn-warmup N, not both');
    const home = ctx.config.get<string>('home_country');
    const bar = new ProgressBar(!o.quiet);
    try {
      const summary = await analyzeLogs({
        files: positionals,
        format: o.format as LogFormat | 'auto',
        db: ctx.config.get<string>('db_path'),
        follow: o.follow,
        idleTimeoutSecs: o['idle-timeout-secs'],
        trustProxyHops: o['trust-proxy'] ?? 0,
        ...(o.workers !== undefined ? { workers: o.workers } : {}),
        reprocess: o.reprocess,
        origins: o['no-geo'] ? null : () => ctx.origins(home),
        behaviour: !o['no-behaviour'],
        behaviourEverySecs: o['behaviour-every'],
        ipv6PrefixLen: ctx.config.get<number>('web.ipv6_prefix_bits'),
        ...(o.baseline !== undefined ? { baseline: o.baseline } : {}),
        learnWarmup: o['learn-warmup'] ?? 0,
        onProgress: (p) => bar.update(p.file, p.bytesDone, p.bytesTotal, p.lines),
        onNotice: (m) => bar.notice(m),
        verbose: o.verbose,
        signal: ctx.signal,
      });
      bar.clear();
      const json = JSON.stringify(summary, null, 2) + '\n';
      if (o.json === '-') ctx.stdout.write(json);
      else if (o.json) await writeFile(o.json, json);
      if (!o.quiet && o.json !== '-') printSummary(summary, (line) => ctx.stdout.write(`${line}\n`));
      for (const e of summary.errors) ctx.stderr.write(`vigie: ${e}\n`);
      return summary.errors.length > 0 ? 4 : 0;
    } finally {
      bar.clear();
    }
  },
});
