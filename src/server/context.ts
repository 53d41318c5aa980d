import type { FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import { VigieError } from '../core/index.js';
import type { FailureLimiter } from './auth/failure-limiter.js';
import type { SessionStore } from './auth/sessions.js';
import { hasRole, type Role, type User } from './auth/users.js';
import type { LockedStore } from '../store/index.js';
import type { PipelineMetrics } from './plugins/metrics.js';
import type { ReaderPool } from './reader-pool.js';

/** What every plugin shares: the store's two sides, sessions, and the audit trail. */
export interface ServerContext {
  /** Writes (ingest, audit, users), one at a time. */
  store: LockedStore;
  /** Reads, on their own connections. */
  reader: ReaderPool;
  sessions: SessionStore;
  limiter: FailureLimiter;
  registry: Registry;
  pipeline: PipelineMetrics;
  /** The run that the server's own ingestion (followed files, pushed lines) is recorded under. */
  runId: number;
  /** Where pushed log lines are spooled before they are ingested. */
  spoolDir: string;
  /** Directory of the built dashboard, or null when it is not built. */
  webDir: string | null;
  /** Record an action in the audit log; never throws (a failed audit write is logged). */
  audit(user: string | null, action: string, ok: boolean, detail?: Record<string, unknown>): Promise<void>;
}

declare module 'fastify' {
  interface FastifyInstance {
    vigie: ServerContext;
  }
  interface FastifyRequest {
    user: User | null;
  }
  interface FastifyContextConfig {
    /** Served without credentials (health check, login, static files). */
    public?: boolean;
    /** The least role allowed (default viewer). */
    role?: Role;
  }
}

/** The user of an authenticated request (the auth plugin guarantees one on non-public routes). */
export function userOf(request: FastifyRequest): User {
  if (!request.user) throw new VigieError('VIGIE_ERR_HTTP_AUTH', 'sign in first: send Authorization: Bearer TOKEN or log in');
  return request.user;
}

/** Whether the request's user may do what `role` may. */
export function allowed(request: FastifyRequest, role: Role): boolean {
  return request.user !== null && hasRole(request.user.role, role);
}
