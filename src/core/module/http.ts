import type { FastifyInstance } from 'fastify';
import type { ConfigView } from './config.js';
import type { SqlDatabase, SqlRow, SqlValue } from './sql.js';

/** Roles, least to most: a viewer reads aggregates, an analyst reads evidence, an admin manages users. */
export type Role = 'viewer' | 'analyst' | 'admin';

/** Who is signed in, as routes see them. */
export interface AuthUser {
  name: string;
  role: Role;
}

/** Read-only queries on connections of their own, so reads never wait for an ingest's transaction. */
export interface SqlReader {
  query(sql: string, params?: Readonly<Record<string, SqlValue>>): Promise<SqlRow[]>;
}

/** What a module's routes may use. */
export interface ModuleHttpContext {
  /** Writes, serialised with the server's other writers. */
  database: SqlDatabase;
  /** Reads. */
  reader: SqlReader;
  config: ConfigView;
  /** Record an action in the audit log (never throws). */
  audit(user: string | null, action: string, ok: boolean, detail?: Record<string, unknown>): Promise<void>;
}

/**
 * A module's routes, registered under `/api/<module>/`. Every route needs a signed-in user
 * (at least `config.role`, default viewer) unless it says `config: { public: true }`; the
 * server decides this per route, whatever spelling of the path a request uses.
 */
export type HttpPlugin = (app: FastifyInstance, ctx: ModuleHttpContext) => Promise<void>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Served without credentials (health check, login, static files, the public report form). */
    public?: boolean;
    /** The least role allowed (default viewer). */
    role?: Role;
  }
}
