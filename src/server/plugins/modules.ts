import type { FastifyInstance } from 'fastify';
import type { ConfigView, ModuleHttpContext, SqlDatabase } from '../../core/module/index.js';
import { MODULES } from '../../registry/index.js';

/**
 * Every registered module's routes, each under `/api/<module>/`, and its site pages (tips'
 * `/report`), at the root. They are authenticated like
 * every other route (the auth plugin decides per route), unless a route says it is public.
 */
export async function registerModuleRoutes(app: FastifyInstance, database: SqlDatabase, config: ConfigView): Promise<void> {
  const ctx: ModuleHttpContext = {
    database,
    reader: app.vigie.reader,
    config,
    audit: (user, action, ok, detail) => app.vigie.audit(user, action, ok, detail),
  };
  for (const m of MODULES) {
    const http = m.http;
    if (http) await app.register(async (scope) => http(scope, ctx), { prefix: `/api/${m.name}` });
    const site = m.site;
    if (site) await app.register(async (scope) => site(scope, ctx));
  }
}
