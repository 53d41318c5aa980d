import { VigieError } from '../../core/index.js';
import { runningServer, type ServerFile } from '../../server/local-access.js';

/**
 * The running `vigie serve` (or `vigie demo`) that holds `db`, if any: DuckDB lets no other
 * process open the file meanwhile, so `vigie report` and `vigie export` ask it instead.
 */
export async function serverHolding(db: string): Promise<ServerFile | undefined> {
  const server = await runningServer(db);
  if (server) process.stderr.write(`vigie: ${db} is open in a running vigie serve (pid ${server.pid}); asking it at ${server.url}\n`);
  return server;
}

/**
 * One request to the server holding the database, with its local token: the answer's bytes and
 * the file name it suggests. A refusal is one line with the server's reason.
 *
 * @example
 * await askServer(server, '/api/export/csv?from=2026-12-01') // { body: <Buffer ...>, filename: 'vigie-2026-12-01-2026-12-07.csv' }
 */
export async function askServer(server: ServerFile, path: string, body?: unknown): Promise<{ body: Buffer; filename: string | undefined }> {
  let answer: Response;
  try {
    answer = await fetch(`${server.url}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${server.token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch (err) {
    const why = err instanceof Error && err.cause instanceof Error ? err.cause.message : String(err);
    throw new VigieError('VIGIE_ERR_STORE', `the vigie serve holding the database (pid ${server.pid}) does not answer at ${server.url} (${why}); stop it, then run this again`);
  }
  const bytes = Buffer.from(await answer.arrayBuffer());
  if (!answer.ok) {
    let message = bytes.toString('utf8').slice(0, 300);
    try {
      message = (JSON.parse(message) as { message?: string }).message ?? message;
    } catch { /* not the API's error shape: its text as is */ }
    throw new VigieError(answer.status === 400 ? 'VIGIE_ERR_USAGE' : 'VIGIE_ERR_STORE', `the vigie serve holding the database answered ${answer.status}: ${message}`);
  }
  const filename = /filename="([^"]+)"/.exec(answer.headers.get('content-disposition') ?? '')?.[1];
  return { body: bytes, filename };
}

/** A query string of the values given. */
export function queryOf(values: Record<string, string | number | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(values)) if (v !== undefined) q.set(k, String(v));
  const text = q.toString();
  return text ? `?${text}` : '';
}
