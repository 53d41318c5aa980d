import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** One timed run of a child process. */
export interface RunMeasure {
  readonly tool: string;
  readonly run: number;
  readonly ok: boolean;
  readonly exitCode: number | null;
  readonly wallSecs: number;
  /** Peak resident set size of the child, MB; null when it could not be measured. */
  readonly peakRssMb: number | null;
  /** Where the RSS figure came from. */
  readonly rssSource: 'time' | 'self-reported' | 'none';
  /** Last lines of stderr when the run failed. */
  readonly error?: string;
}

const GNU_TIME = '/usr/bin/time';

/** True when GNU time is there to report a child's peak RSS (`%M`). */
export function hasGnuTime(): boolean {
  return existsSync(GNU_TIME) && spawnSync(GNU_TIME, ['-f', '%M', 'true']).status === 0;
}

/** True when a command can be started (`cmd --version` does not fail with ENOENT). */
export function commandExists(cmd: string): boolean {
  return spawnSync(cmd, ['--version'], { stdio: 'ignore' }).error === undefined;
}

/**
 * Runs a command and measures its wall time and (through GNU time, when present) its
 * peak RSS. The child's stdout is discarded, stderr kept for the error message.
 *
 * @example
 * const m = await measure('goaccess', 1, 'goaccess', ['access.log', '--log-format=COMBINED', '-o', 'r.json'], '.');
 */
export async function measure(tool: string, run: number, cmd: string, args: readonly string[], cwd: string): Promise<RunMeasure> {
  const timeFile = join(tmpdir(), `vigie-bench-time-${process.pid}-${tool}-${run}.txt`);
  const useTime = hasGnuTime();
  const [file, argv] = useTime ? [GNU_TIME, ['-f', '%M', '-o', timeFile, cmd, ...args]] : [cmd, [...args]];
  const started = process.hrtime.bigint();
  const { code, stderr } = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(file, argv, { cwd, stdio: ['ignore', 'ignore', 'pipe'] });
    let err = '';
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => {
      err = (err + chunk).slice(-4000);
    });
    child.on('error', (e) => resolve({ code: null, stderr: String(e) }));
    child.on('close', (c) => resolve({ code: c, stderr: err }));
  });
  const wallSecs = Number(process.hrtime.bigint() - started) / 1e9;
  let peakRssMb: number | null = null;
  if (useTime && existsSync(timeFile)) {
    const kb = Number(readFileSync(timeFile, 'utf8').trim().split('\n').pop());
    if (Number.isFinite(kb) && kb > 0) peakRssMb = kb / 1024;
    rmSync(timeFile, { force: true });
  }
  const ok = code === 0;
  return {
    tool,
    run,
    ok,
    exitCode: code,
    wallSecs,
    peakRssMb,
    rssSource: peakRssMb === null ? 'none' : 'time',
    ...(ok ? {} : { error: stderr.trim().split('\n').slice(-5).join('\n') }),
  };
}

/** Median of the finite numbers in a list, or null when there are none. */
export function median(values: ReadonlyArray<number | null>): number | null {
  const xs = values.filter((v): v is number => v !== null && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = xs.length >> 1;
  return xs.length % 2 === 1 ? (xs[mid] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
}
