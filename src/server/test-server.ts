import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { FastifyInstance } from 'fastify';
import { createUser } from './auth/users.js';
import { buildServer, type ServerOptions } from './build-server.js';

/** A server on a fresh database in a temporary directory, with one user of each role. */
export interface TestServer {
  app: FastifyInstance;
  dir: string;
  db: string;
  tokens: { viewer: string; analyst: string; admin: string };
  auth(role: 'viewer' | 'analyst' | 'admin'): { authorization: string };
  close(): Promise<void>;
}

/** For tests: build a server (never listening) with users, and clean everything up on close. */
export async function testServer(options: Partial<ServerOptions> = {}): Promise<TestServer> {
  const dir = await mkdtemp(join(tmpdir(), 'vigie-server-'));
  const db = options.db ?? join(dir, 'vigie.duckdb');
  const app = await buildServer({ logger: false, webDir: null, ...options, db });
  const tokens = {
    viewer: await createUser(app.vigie.store, 'vera', 'viewer'),
    analyst: await createUser(app.vigie.store, 'anna', 'analyst'),
    admin: await createUser(app.vigie.store, 'adam', 'admin'),
  };
  return {
    app, dir, db, tokens,
    auth: (role) => ({ authorization: `Bearer ${tokens[role]}` }),
    close: async () => {
      await app.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
