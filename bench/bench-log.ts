import { existsSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { writeTrafficFile } from '../src/cli/demo/write-traffic.js';

/** Seed of the benchmark log: every run of every bench reads the same lines. */
export const SEED = 2025;
/** Share of attack lines in the benchmark log (about what a busy public site sees). */
export const ATTACK_SHARE = 0.03;

/** The folder holding package.json, from wherever the compiled bench runs. */
export function projectRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) throw new Error('bench: package.json not found');
    dir = up;
  }
  return dir;
}

/**
 * The deterministic combined log of `lines` lines (~50 lines per client) in `outDir`, generated
 * once per size by the demo traffic generator; a sidecar records the options, so a stale or
 * truncated file is rebuilt.
 *
 * @example
 * const log = ensureLog('bench/out', 1_000_000); // 'bench/out/access-1000000.log'
 */
export function ensureLog(outDir: string, lines: number): string {
  const clients = Math.round(lines / 50);
  const path = join(outDir, `access-${lines}.log`);
  const metaPath = `${path}.meta.json`;
  const wanted = { lines, clients, attackShare: ATTACK_SHARE, seed: SEED };
  if (existsSync(path) && existsSync(metaPath)) {
    const meta = JSON.parse(readFileSync(metaPath, 'utf8')) as typeof wanted & { bytes: number };
    const same = Object.entries(wanted).every(([k, v]) => meta[k as keyof typeof wanted] === v);
    if (same && statSync(path).size === meta.bytes) return path;
  }
  process.stdout.write(`generating ${lines.toLocaleString('en-CA')} lines (${clients.toLocaleString('en-CA')} clients, seed ${SEED}) ... `);
  const started = Date.now();
  writeTrafficFile(path, wanted);
  const secs = (Date.now() - started) / 1000;
  writeFileSync(metaPath, JSON.stringify({ ...wanted, bytes: statSync(path).size, generateSecs: secs }, null, 2));
  process.stdout.write(`${secs.toFixed(1)} s\n`);
  return path;
}
