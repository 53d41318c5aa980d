import type { FastifyRequest } from 'fastify';
import type { Registry } from 'prom-client';
import { PipelineCounters, VigieError, type OriginsSource } from '../core/index.js';
import type { ArrivalGate } from './pipeline/arrival-gate.js';
import type { SessionStore } from './auth/sessions.js';
import type { TokenVerifier } from './auth/token-verifier.js';
import { hasRole, type Role, type User } from './auth/users.js';
import type { Queryable } from '../report/queries/index.js';
import type { LockedStore } from '../store/index.js';
import type { PipelineMetrics } from './plugins/metrics.js';
import type { ReaderPool } from './reader-pool.js';

/**
 * Who may call a route, decided once when the route is added: `protected` (credentials and a
 * role), `public` (the route says `config.public`: health check, login) or `files` (the
 * dashboard's static files, from a scope that called `servePublicFiles` in plugins/auth.ts).
 */
export type RouteAccess = 'protected' | 'public' | 'files';

/** What every plugin shares: the store's two sides, sessions, and the audit trail. */
export interface ServerContext {
  /** Writes (ingest, audit, users), one at a time. */
  store: LockedStore;
  /** Reads, on their own connections, shared fairly between users (see readsOf). */
  reader: ReaderPool;
  sessions: SessionStore;
  /** Checks tokens and counts failed attempts. */
  tokens: TokenVerifier;
  /** Every route and who may call it, as the auth plugin decided when the route was added. */
  routes: Array<{ method: string; url: string; access: RouteAccess }>;
  registry: Registry;
  pipeline: PipelineMetrics;
  /** The live pipeline's stages (behaviour, clients, origins, campaigns, ingest of followed logs), exported at /metrics. */
  stages: PipelineCounters;
  /** The run that the server's own ingestion (followed files, pushed lines) is recorded under. */
  runId: number;
  /** Where pushed log lines are spooled before they are ingested. */
  spoolDir: string;
  /** The attribution data, loaded at first use and shared by every live step; null without attribution. */
  origins: (() => OriginsSource) | null;
  /** Pushed batches being stored and attributed: the live stream waits for them before reading findings. */
  arrivals: ArrivalGate;
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
    /** Set by the auth plugin for every route (whatever a route says here is overwritten). */
    access?: RouteAccess;
  }
}

/** The user of an authenticated request (the auth plugin guarantees one on non-public routes). */
export function userOf(request: FastifyRequest): User {
  if (!request.user) throw new VigieError('VIGIE_ERR_HTTP_AUTH', 'sign in first: send Authorization: Bearer TOKEN or log in');
  return request.user;
}

/**
 * The read connections as the request's user: their queries wait in that user's lane (see
 * ReaderPool), so one user's flood of queries delays that user, not the others.
 */
export function readsOf(request: FastifyRequest): Queryable {
  return request.server.vigie.reader.lane(`user:${userOf(request).name}`);
}

/** Whether the request's user may do what `role` may. */
export function allowed(request: FastifyRequest, role: Role): boolean {
  return request.user !== null && hasRole(request.user.role, role);
}
