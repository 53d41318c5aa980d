import { VigieError } from '../core/index.js';
import { buildServer, type ServerOptions } from './build-server.js';
import { publishLocalAccess } from './local-access.js';

/** Where to listen: loopback unless the operator says otherwise. */
export interface ListenOptions extends ServerOptions {
  host?: string;
  /** 0 picks a free port. */
  port?: number;
}

/** Addresses that only this machine can reach. */
export function isLoopback(host: string): boolean {
  return host === 'localhost' || host === '::1' || /^127\./.test(host);
}

/**
 * Build the server and listen (127.0.0.1 by default: the dashboard holds evidence and personal
 * data, so reaching it from the network must be a decision; a warning says so).
 *
 * @example
 * const { url, close } = await startServer({ db: './vigie.duckdb', port: 8080 });
 */
export async function startServer(options: ListenOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const host = options.host ?? '127.0.0.1';
  const app = await buildServer(options);
  if (!isLoopback(host)) {
    app.log.warn({ host }, 'listening beyond loopback: anyone who can reach this address can try to sign in; put TLS in front');
  }
  const port = options.port ?? 8080;
  try {
    await app.listen({ host, port });
  } catch (err) {
    await app.close();
    throw listenError(err, host, port);
  }
  const address = app.server.address();
  const shown = host.includes(':') ? `[${host}]` : host;
  const url = `http://${shown}:${typeof address === 'object' && address ? address.port : port}`;
  // `vigie report` and `vigie export` on this database now ask this server (see local-access.ts).
  const unpublish = await publishLocalAccess(app.vigie.store.location, url, app.vigie.tokens);
  return {
    url,
    close: async () => {
      await unpublish();
      await app.close();
    },
  };
}

/**
 * Why the server cannot listen, as one line saying what to do; the system's causes an operator
 * meets (port taken, privileged port, an address this machine does not have) by name.
 */
function listenError(err: unknown, host: string, port: number): unknown {
  const code = (err as { code?: string } | null)?.code;
  const where = `${host.includes(':') ? `[${host}]` : host}:${port}`;
  const why: Record<string, string> = {
    EADDRINUSE: 'the port is in use by another program (another vigie serve?); stop it or choose another port with --port',
    EACCES: 'this user may not listen on that port (ports below 1024 need privileges); choose another with --port',
    EADDRNOTAVAIL: 'this machine has no such address; check --host',
    ENOTFOUND: 'the host name does not resolve; check --host',
  };
  if (code === undefined || !why[code]) return err;
  return new VigieError('VIGIE_ERR_LISTEN', `serve: cannot listen on ${where}: ${why[code]}`, { cause: err });
}
