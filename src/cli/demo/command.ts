import { tmpdir } from 'node:os';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createUser, startServer } from '../../server/index.js';
import { DEMO_RECIPIENT } from '../../tips/index.js';
import { openStore, openStoreSession } from '../../store/index.js';
import { MODULES } from '../../registry/index.js';
import { intOption, parseCommandArgs } from '../args.js';
import { DEFAULT_HOME_COUNTRY } from '../../core/module/index.js';
import { originsSource } from '../../geo/index.js';
import { ProgressBar } from '../../core/index.js';
import { analyzeLogs, defaultWorkers, printSummary } from '../../web/index.js';
import { chromiumPath } from '../../report/index.js';
import { writeTrafficFile } from './write-traffic.js';

const DEFAULT_DB = './vigie-demo.duckdb';

const HELP = `Usage: vigie demo [--lines N] [--db PATH] [--keep-log PATH] [--port N] [--no-serve]

Generates a day of realistic traffic for an election authority's bilingual web site — normal
visitors, crawlers, and attack campaigns built from public payload lists — and runs it through
the whole pipeline (parse, detect, attribute, group into campaigns, store), prints what an
analyst would see, then serves the dashboard on 127.0.0.1 with a new admin token (Ctrl-C to
stop).

Options:
  --lines N        lines of traffic (default 200000)
  --db PATH        database (default ${DEFAULT_DB}, recreated on each demo)
  --keep-log PATH  also keep the generated access log at PATH
  --port N         dashboard port (default 8080; 0 picks a free one)
  --no-serve       stop after the summary
  -h, --help       this help`;

/** `vigie demo`: sample traffic through the whole pipeline, to a summary a newcomer reads. */
export async function demoCommand(argv: readonly string[]): Promise<number> {
  const { values } = parseCommandArgs('demo', argv, {
    lines: { type: 'string' },
    db: { type: 'string', default: DEFAULT_DB },
    'keep-log': { type: 'string' },
    port: { type: 'string' },
    'no-serve': { type: 'boolean', default: false },
    help: { type: 'boolean', short: 'h', default: false },
  }, false);
  if (values.help) {
    console.log(HELP);
    return 0;
  }
  const lines = intOption('demo', 'lines', values.lines as string | undefined, 200_000, 1, 50_000_000);
  const port = intOption('demo', 'port', values.port as string | undefined, 8080, 0, 65535);
  const db = values.db as string;
  if (db === DEFAULT_DB) for (const f of [db, `${db}.wal`]) rmSync(f, { force: true });
  const workDir = mkdtempSync(join(tmpdir(), 'vigie-demo-'));
  const log = values['keep-log'] ? resolve(values['keep-log'] as string) : join(workDir, 'elections-site-access.log');
  try {
    process.stdout.write(`vigie demo: generating ${lines.toLocaleString('en-CA')} lines of traffic for an election authority's web site...\n`);
    writeTrafficFile(log, { lines });
    process.stdout.write(`Analysing them as \`vigie web analyze\` would (${log}).\n\n`);
    const bar = new ProgressBar(true);
    const summary = await analyzeLogs({
      files: [log], format: 'auto', db, follow: false, idleTimeoutSecs: 0, trustProxyHops: 0,
      workers: defaultWorkers(), reprocess: true, origins: () => originsSource(DEFAULT_HOME_COUNTRY),
      onProgress: (p) => bar.update(p.file, p.bytesDone, p.bytesTotal, p.lines), onNotice: (m) => bar.notice(m),
    });
    bar.clear();
    printSummary(summary);
    await loadModuleDemos(db, workDir);
    process.stdout.write(`\n${nextSteps(db, existsSync(chromiumPath()))}\n`);
    if (summary.errors.length > 0) return 4;
  } finally {
    rmSync(workDir, { recursive: true, force: true });
  }
  return values['no-serve'] ? 0 : serveDemo(db, port);
}

/**
 * The demo's "Next:" lines: each works as printed, also while the demo serves the dashboard
 * (report and export then ask the running server, which holds the database), and needs no
 * program that is not there (a PDF needs Chromium; without it the report is HTML).
 *
 * @example
 * nextSteps('./vigie-demo.duckdb', false)
 */
export function nextSteps(db: string, hasChromium: boolean): string {
  const report = hasChromium ? '--lang fr --format pdf' : `--lang fr --format html --out vigie-report-fr.html`;
  return [
    'Next: analyse your own logs with  ./bin/vigie.js web analyze /var/log/nginx/access.log',
    `      a committee report with      ./bin/vigie.js report --db ${db} ${report}`,
    `      the attacking addresses as   ./bin/vigie.js export csv --db ${db} --out vigie-addresses.csv`,
  ].join('\n');
}

/** Each module's demo data (financing, influence, reports) into the demo database, a line each. */
async function loadModuleDemos(db: string, dir: string): Promise<void> {
  const demos = MODULES.filter((m) => m.demo);
  if (demos.length === 0) return;
  const session = await openStoreSession(db, MODULES);
  try {
    for (const m of demos) process.stdout.write(`\n${m.title.en}: ${await m.demo!({ database: session.database, seed: 2026, dir, now: new Date() })}\n`);
  } finally {
    await session.close();
  }
}

/** The dashboard on the demo data, until Ctrl-C: a fresh admin token, shown once. */
async function serveDemo(db: string, port: number): Promise<number> {
  const store = await openStore(db);
  let token: string;
  let reader: string;
  try {
    token = await createUser(store, `demo-${Date.now().toString(36)}`, 'admin');
    // The demo's tips recipient signs in to the dashboard like any analyst (the database is
    // the server's from here on, so `vigie user add` could not make it while the demo runs).
    reader = await createUser(store, DEMO_RECIPIENT, 'analyst');
  } finally {
    await store.close();
  }
  const server = await listen(db, port);
  process.stdout.write(`\nDashboard: ${server.url}/ (English and French: the toggle is at the top right; Ctrl-C to stop)\n`);
  process.stdout.write(`Sign in with this admin token (shown once; only its hash is stored):\n${token}\n`);
  process.stdout.write(`${DEMO_RECIPIENT}'s token (reads the intimidation reports, shown once):\n${reader}\n`);
  await new Promise<void>((done) => {
    process.once('SIGINT', done);
    process.once('SIGTERM', done);
  });
  await server.close();
  return 0;
}

/** Port 8080 when free, else any free port: a busy port must not spoil the demo. */
async function listen(db: string, port: number): Promise<{ url: string; close: () => Promise<void> }> {
  try {
    return await startServer({ db, port, logger: 'warn' });
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code !== 'EADDRINUSE' || port === 0) throw err;
    process.stdout.write(`Port ${port} is busy; using a free one.\n`);
    return startServer({ db, port: 0, logger: 'warn' });
  }
}
