import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';

/** The CLI as a user runs it: `node bin/vigie.js ...` from the repository root. */
export const VIGIE_BIN = resolve(process.cwd(), 'bin/vigie.js');

export interface CliResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

/** Run `vigie ARGS` to completion, optionally feeding stdin. */
export function runCli(args: readonly string[], options: { stdin?: string | Buffer; cwd?: string } = {}): Promise<CliResult> {
  const child = startCli(args, options.cwd);
  child.stdin!.end(options.stdin ?? '');
  return finished(child);
}

/** Start `vigie ARGS` and return the child (for --follow and kill tests). */
export function startCli(args: readonly string[], cwd?: string): ChildProcess {
  return spawn(process.execPath, [VIGIE_BIN, ...args], { cwd: cwd ?? process.cwd(), stdio: ['pipe', 'pipe', 'pipe'] });
}

export function finished(child: ChildProcess): Promise<CliResult> {
  let stdout = '';
  let stderr = '';
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  return new Promise((done) => child.on('close', (code, signal) => done({ code, signal, stdout, stderr })));
}
