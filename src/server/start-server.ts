import { buildServer, type ServerOptions } from './build-server.js';

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
  try {
    await app.listen({ host, port: options.port ?? 8080 });
  } catch (err) {
    await app.close();
    throw err;
  }
  const address = app.server.address();
  const port = typeof address === 'object' && address ? address.port : options.port;
  const shown = host.includes(':') ? `[${host}]` : host;
  return { url: `http://${shown}:${port}`, close: () => app.close() };
}
