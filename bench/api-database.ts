import { existsSync, mkdirSync, renameSync, rmSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTrafficFile } from '../src/cli/demo/write-traffic.js';
import { analyzeLogs, defaultWorkers } from '../src/cli/web/analyze.js';

function root(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) dir = dirname(dir);
  return dir;
}

/**
 * The cached database of `lines` demo lines (bench/out/api-load-N.duckdb) for the API
 * benchmarks, built once (generation and analysis take minutes at 10M).
 */
export async function database(lines: number): Promise<string> {
  const out = join(root(), 'bench/out');
  mkdirSync(out, { recursive: true });
  const db = join(out, `api-load-${lines}.duckdb`);
  if (existsSync(db)) return db;
  const log = join(out, `api-load-${lines}.log`);
  const partial = `${db}.partial`;
  rmSync(partial, { force: true });
  process.stdout.write(`bench:api: generating ${lines.toLocaleString('en-CA')} demo lines...\n`);
  writeTrafficFile(log, { lines, seed: 2025 });
  process.stdout.write(`bench:api: analysing them into ${db}...\n`);
  const summary = await analyzeLogs({ files: [log], format: 'auto', db: partial, follow: false, idleTimeoutSecs: 0, trustProxyHops: 0, workers: defaultWorkers(), reprocess: true, progress: true });
  process.stdout.write(`bench:api: stored ${summary.parsed.toLocaleString('en-CA')} events in ${summary.duration_secs} s\n`);
  rmSync(log, { force: true });
  // Renamed only when complete, so an interrupted build is never taken for a cached one.
  renameSync(partial, db);
  if (existsSync(`${partial}.wal`)) renameSync(`${partial}.wal`, `${db}.wal`);
  return db;
}
