import { tmpdir } from 'node:os';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { intOption, parseCommandArgs } from '../args.js';
import { analyzeLogs, defaultWorkers } from '../web/analyze.js';
import { printSummary } from '../web/summary.js';
import { writeTrafficFile } from './write-traffic.js';

const DEFAULT_DB = './vigie-demo.duckdb';

const HELP = `Usage: vigie demo [--lines N] [--db PATH] [--keep-log PATH]

Generates a day of realistic traffic for an election authority's bilingual web site — normal
visitors, crawlers, and attack campaigns built from public payload lists — and runs it through
the whole pipeline (parse, detect, store), then prints what an analyst would see.

Options:
  --lines N        lines of traffic (default 200000)
  --db PATH        database (default ${DEFAULT_DB}, recreated on each demo)
  --keep-log PATH  also keep the generated access log at PATH
  -h, --help       this help`;

/** `vigie demo`: sample traffic through the whole pipeline, to a summary a newcomer reads. */
export async function demoCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs('demo', argv, {
    lines: { type: 'string' },
    db: { type: 'string', default: DEFAULT_DB },
    'keep-log': { type: 'string' },
    help: { type: 'boolean', short: 'h', default: false },
  }, false);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const lines = intOption('demo', 'lines', values.lines as string | undefined, 200_000, 1, 50_000_000);
  const db = values.db as string;
  if (db === DEFAULT_DB) for (const f of [db, `${db}.wal`]) rmSync(f, { force: true });
  const workDir = mkdtempSync(join(tmpdir(), 'vigie-demo-'));
  const log = values['keep-log'] ? resolve(values['keep-log'] as string) : join(workDir, 'elections-site-access.log');
  try {
    process.stdout.write(`vigie demo: generating ${lines.toLocaleString('en-CA')} lines of traffic for an election authority's web site...\n`);
    writeTrafficFile(log, { lines });
    process.stdout.write(`Analysing them as \`vigie web analyze\` would (${log}).\n\n`);
    const summary = await analyzeLogs({
      files: [log], format: 'auto', db, follow: false, idleTimeoutSecs: 0, trustProxyHops: 0,
      workers: defaultWorkers(), reprocess: true, progress: true,
    });
    printSummary(summary);
    process.stdout.write(`\nNext: analyse your own logs with  ./bin/vigie.js web analyze /var/log/nginx/access.log\n`);
    process.stdout.write(`      explore the demo data with   duckdb ${db}  (tables: events, findings, clients, client_origins, campaigns; view: requests)\n`);
    return summary.errors.length > 0 ? 4 : 0;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
}
