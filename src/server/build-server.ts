import { join, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance, type FastifyReply, type FastifyServerOptions } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { appendAudit, openStore, LockedStore, migrateModule } from '../store/index.js';
import type { OriginsSource } from '../core/index.js';
import { configSchema, DEFAULT_HOME_COUNTRY, resolveConfig, type ConfigView } from '../core/module/index.js';
import { MODULES } from '../registry/index.js';
import { registerModuleRoutes } from './plugins/modules.js';
import { FailureLimiter } from './auth/failure-limiter.js';
import { SessionStore } from './auth/sessions.js';
import { TokenVerifier } from './auth/token-verifier.js';
import type { ServerContext } from './context.js';
import { LiveBehaviour, liveAnalysis } from '../web/index.js';
import { originsSource } from '../geo/index.js';
import { ArrivalGate } from './pipeline/arrival-gate.js';
import { followLogs, type FollowOptions } from './pipeline/follower.js';
import { authPlugin } from './plugins/auth.js';
import { docsPlugin } from './plugins/docs.js';
import { errorBody, errorsPlugin } from './plugins/errors.js';
import { createMetrics, metricsPlugin } from './plugins/metrics.js';
import { securityHeaders, securityHeadersPlugin } from './plugins/security-headers.js';
import { staticPlugin } from './plugins/static.js';
import { ReaderPool } from './reader-pool.js';
import { exportRoutes } from './routes/export.js';
import { healthRoutes } from './routes/health.js';
import { ingestRoutes } from './routes/ingest.js';
import { readRoutes } from './routes/read.js';
import { sessionRoutes } from './routes/session.js';
import { streamRoutes } from './routes/stream.js';
import { userRoutes } from './routes/users.js';

/** What `vigie serve` is configured with; units in names, defaults in one place. */
export interface ServerOptions {
  /** Database file (created if missing). */
  db: string;
  /** Built dashboard directory (default `dist/web` of the installed package, when it exists). */
  webDir?: string | null;
  /** Where pushed log lines are spooled (default `<db>.spool` beside the database). */
  spoolDir?: string;
  /** Log files to follow inside the server. */
  follow?: FollowOptions;
  /** pino logger: `false` (tests), `true` (info), or a level. */
  logger?: boolean | 'fatal' | 'error' | 'warn' | 'info' | 'debug';
  bodyLimitBytes?: number;
  ingestMaxBytes?: number;
  sessionTtlSecs?: number;
  maxFailedLogins?: number;
  failedLoginWindowSecs?: number;
  /** Read connections (queries of different connections run in parallel). */
  readers?: number;
  /** Read queries one user (or one client network's token checks) may have queued or running. */
  maxQueriesPerUser?: number;
  /** A read query still queued or running after this long is given up (503); DuckDB stops it. */
  queryTimeoutSecs?: number;
  memoryLimitMb?: number;
  streamPollMs?: number;
  /** Live streams (GET /api/stream) one user may hold open at once; a dashboard tab holds one. */
  maxStreamsPerUser?: number;
  /** Live streams open at once, all users together (each costs ~25 KB and a socket). */
  maxStreams?: number;
  streamOverviewSecs?: number;
  /** Seconds between behaviour passes over the lines followed or pushed since the last (0: none). */
  behaviourEverySecs?: number;
  /** Country that counts as domestic when attributing live clients (default CA); null: no attribution. */
  home?: string | null;
  /**
   * Proxies in front of the server whose X-Forwarded-For entries are trusted to name the
   * client (0: none, the default; the header is then ignored, since any client can write it).
   */
  trustProxyHops?: number;
  /** The effective configuration (`vigie serve` resolves it); defaults when not given (tests). */
  config?: ConfigView;
}

export const SERVER_DEFAULTS = {
  bodyLimitBytes: 64 * 1024,
  ingestMaxBytes: 16 * 1024 * 1024,
  sessionTtlSecs: 12 * 3600,
  maxFailedLogins: 10,
  failedLoginWindowSecs: 15 * 60,
  readers: 2,
  maxQueriesPerUser: 16,
  queryTimeoutSecs: 30,
  memoryLimitMb: 512,
  streamPollMs: 1000,
  maxStreamsPerUser: 5,
  maxStreams: 100,
  streamOverviewSecs: 15,
  behaviourEverySecs: 60,
} as const;

/** The dashboard build shipped with the package, if built. */
export function defaultWebDir(): string | null {
  const dir = resolve(new URL('.', import.meta.url).pathname, '../../web');
  return existsSync(join(dir, 'index.html')) ? dir : null;
}

/**
 * The logger: structured, and private by default. Requests are logged by method, route
 * pattern and status only: never a query string (it may hold an address), a header (tokens,
 * cookies) or a body (log lines).
 */
function loggerOptions(logger: ServerOptions['logger']): FastifyServerOptions['logger'] {
  if (!logger) return false;
  return {
    level: logger === true ? 'info' : logger,
    redact: { paths: ['req.headers', 'headers.authorization', 'headers.cookie', 'token', 'body'], remove: true },
    serializers: {
      req: (req: { method: string; url: string; routeOptions?: { url?: string } }) => ({ method: req.method, route: req.routeOptions?.url ?? req.url.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  };
}

/**
 * The API and dashboard server, ready for `app.inject()` (tests) or `listen` (startServer).
 * Opens the database; closing the app stops followed logs after their last commit, then
 * closes the database.
 *
 * @example
 * const app = await buildServer({ db: './vigie.duckdb', logger: false });
 * const res = await app.inject({ url: '/api/overview', headers: { authorization: `Bearer ${token}` } });
 */
export async function buildServer(options: ServerOptions): Promise<FastifyInstance> {
  const o = { ...SERVER_DEFAULTS, ...options };
  const duck = await openStore(o.db, { memoryLimitMb: o.memoryLimitMb });
  const store = new LockedStore(duck);
  const moduleDb = await duck.moduleDatabase();
  for (const m of MODULES) await migrateModule(moduleDb, m.name, m.migrations.duckdb);
  const reader = await ReaderPool.open(duck, { connections: o.readers, maxPerLane: o.maxQueriesPerUser, timeoutMs: o.queryTimeoutSecs * 1000 });
  const runId = await store.beginRun({ command: 'serve', args: o.follow?.files ?? [] });
  // With N trusted hops, request.ip is the address the Nth proxy from this server saw (as
  // `web analyze --trust-proxy N` reads a log), and request.protocol follows X-Forwarded-Proto.
  // A function, because Fastify refuses a bare hop count (it cannot tell a proxy from a direct
  // client); the operator vouches that clients reach the server only through the proxies.
  const hops = o.trustProxyHops ?? 0;
  const trustProxy = hops > 0 ? (_address: string, hop: number) => hop < hops : false;
  const app = Fastify({
    logger: loggerOptions(o.logger), bodyLimit: o.bodyLimitBytes, trustProxy,
    // A path the router cannot decode (`/api/overview%ZZ`) is answered before any hook runs:
    // give it the API's error shape and headers all the same.
    frameworkErrors: (err, _request, reply) => {
      const answer = reply as unknown as FastifyReply;
      securityHeaders(answer, false);
      void answer.code(400).send(errorBody('VIGIE_ERR_HTTP_INVALID', `invalid request: ${err.message}`));
    },
  });
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  const { registry, pipeline, stages } = createMetrics();
  // Loaded once, at first use (a push or a behaviour pass), and shared by both.
  let origins: OriginsSource | undefined;
  const originsOnce = o.home === null ? null : (): OriginsSource => (origins ??= originsSource(o.home ?? DEFAULT_HOME_COUNTRY));
  const ctx: ServerContext = {
    store, reader, registry, pipeline, stages, runId,
    origins: originsOnce, arrivals: new ArrivalGate(),
    sessions: new SessionStore(o.sessionTtlSecs * 1000),
    tokens: new TokenVerifier(reader, new FailureLimiter(o.maxFailedLogins, o.failedLoginWindowSecs * 1000)),
    routes: [],
    spoolDir: resolve(o.spoolDir ?? `${duck.location}.spool`),
    webDir: o.webDir === undefined ? defaultWebDir() : o.webDir,
    audit: async (user, action, ok, detail) => {
      try {
        await appendAudit(store, { user, action, ok, ...(detail ? { detail } : {}) });
      } catch (err) {
        app.log.error({ action, err: err instanceof Error ? err.message : String(err) }, 'audit write failed');
      }
    },
  };
  app.decorate('vigie', ctx);

  const follow = new AbortController();
  let following: Promise<void> = Promise.resolve();
  const config = o.config ?? resolveConfig(configSchema(Object.fromEntries(MODULES.filter((m) => m.config).map((m) => [m.name, m.config!]))), {});
  const ipv6PrefixLen = config.get<number>('web.ipv6_prefix_bits');
  // Brute force, floods and scans in followed or pushed lines become client findings as they
  // happen, not when the server stops.
  const behaviour = o.behaviourEverySecs > 0 ? new LiveBehaviour(store, runId, {
    intervalSecs: o.behaviourEverySecs,
    ipv6PrefixLen,
    onPass: (pass) => app.log.info({ from_ms: pass.from_ms, latest_ms: pass.latest_ms, findings: pass.findings, duration_ms: pass.duration_ms }, 'behaviour pass'),
    onError: (err) => app.log.error({ err: err.message.split('\n')[0] }, 'behaviour pass failed'),
    afterPass: liveAnalysis(store, runId, originsOnce, (fields, message) => app.log.info(fields, message), stages, ipv6PrefixLen),
  }) : undefined;
  app.addHook('onReady', async () => {
    if (o.follow && o.follow.files.length > 0) following = followLogs(store, runId, o.follow, pipeline, stages, app.log, follow.signal);
    behaviour?.start();
  });
  app.addHook('onClose', async () => {
    follow.abort();
    await following;
    await behaviour?.stop();
    await store.finishRun(runId, { pushed_and_followed: { received: (await pipeline.received.get()).values[0]?.value ?? 0 } }).catch(() => undefined);
    reader.close();
    await moduleDb.close();
    await store.close();
  });

  await app.register(errorsPlugin);
  await app.register(securityHeadersPlugin);
  await app.register(cookie);
  await app.register(authPlugin);
  await app.register(metricsPlugin);
  await app.register(docsPlugin);
  await app.register(healthRoutes);
  await app.register(sessionRoutes);
  await app.register(readRoutes);
  await app.register(userRoutes);
  await app.register(ingestRoutes, { maxBytes: o.ingestMaxBytes });
  await app.register(streamRoutes, { pollMs: o.streamPollMs, overviewEveryMs: o.streamOverviewSecs * 1000, maxPerUser: o.maxStreamsPerUser, maxTotal: o.maxStreams });
  await app.register(exportRoutes);
  await registerModuleRoutes(app, moduleDb, config);
  await app.register(staticPlugin);
  return app;
}
