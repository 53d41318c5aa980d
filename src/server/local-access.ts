import { readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { TokenVerifier } from './auth/token-verifier.js';
import { newToken } from './auth/users.js';

/**
 * How `vigie report` and `vigie export` reach a database that a running `vigie serve` (or
 * `vigie demo`) holds: DuckDB lets one process open a file for writing and no other process open
 * it at all meanwhile, so the commands ask the server instead. The server writes this file beside
 * the database, readable by its owner only (anyone who can read it can read the database file
 * too), with its address and a token it made for itself: an analyst that exists only in this
 * server's memory and is gone when it stops, as the file is.
 */
export interface ServerFile {
  url: string;
  pid: number;
  token: string;
}

/** The server file of a database: `vigie.duckdb.server.json`. */
export function serverFilePath(db: string): string {
  return `${resolve(db)}.server.json`;
}

/** The local user the CLI's requests are audited as. */
export const LOCAL_USER = { name: 'cli-local', role: 'analyst' } as const;

/**
 * Write the server file for `db` and accept its token; returns what removes it (on close).
 *
 * @example
 * const unpublish = await publishLocalAccess('./vigie.duckdb', 'http://127.0.0.1:8080', ctx.tokens);
 */
export async function publishLocalAccess(db: string, url: string, tokens: TokenVerifier): Promise<() => Promise<void>> {
  if (db === ':memory:') return async () => undefined;
  const token = newToken();
  tokens.allowLocal(token, { ...LOCAL_USER });
  const file = serverFilePath(db);
  const body: ServerFile = { url: url.replace('://0.0.0.0:', '://127.0.0.1:').replace('://[::]:', '://[::1]:'), pid: process.pid, token };
  // Created anew ('wx'): a file left there (by a server that died, or by someone else) must not
  // lend the token its own, wider permissions.
  await rm(file, { force: true });
  await writeFile(file, JSON.stringify(body) + '\n', { mode: 0o600, flag: 'wx' });
  return () => rm(file, { force: true });
}

/**
 * The server holding `db`, when its file is there and its process still runs; undefined
 * otherwise (no server, or one that died without removing its file).
 */
export async function runningServer(db: string): Promise<ServerFile | undefined> {
  let found: ServerFile;
  try {
    found = JSON.parse(await readFile(serverFilePath(db), 'utf8')) as ServerFile;
  } catch {
    return undefined;
  }
  if (typeof found.url !== 'string' || typeof found.token !== 'string' || !Number.isInteger(found.pid)) return undefined;
  try {
    process.kill(found.pid, 0);
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ESRCH') return undefined;
  }
  return found;
}
