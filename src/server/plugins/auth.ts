import type { FastifyReply, FastifyRequest } from 'fastify';
import { VigieError } from '../../core/index.js';
import { findUserByToken, hasRole, hashToken, type User } from '../auth/users.js';
import { definePlugin } from '../plugin.js';

/** The dashboard's session cookie. */
export const SESSION_COOKIE = 'vigie_session';

/** Paths that hold data and need credentials; the rest are the dashboard's static files. */
function needsAuth(url: string): boolean {
  return url.startsWith('/api/') || url === '/api' || url === '/metrics' || url.startsWith('/metrics?');
}

/**
 * Who is calling: a bearer token (API clients) or the session cookie (the dashboard). Runs
 * before the body is read, so an unauthenticated client cannot make the server parse a large
 * upload. Failed attempts count against the address (see FailureLimiter); a route's
 * `config.role` sets the least role it needs.
 */
export const authPlugin = definePlugin('vigie-auth', ['vigie-errors', '@fastify/cookie'], true, async (app) => {
  const ctx = app.vigie;
  // Token checks hit the users table; a short cache keeps them off a busy dashboard's path.
  // Short, so a disabled user is out within seconds.
  const cache = new Map<string, { user: User | null; until: number }>();
  const lookup = async (token: string): Promise<User | null> => {
    const key = hashToken(token);
    const hit = cache.get(key);
    if (hit && hit.until > Date.now()) return hit.user;
    const user = await findUserByToken(ctx.reader, token);
    if (cache.size > 10_000) cache.clear();
    cache.set(key, { user, until: Date.now() + 10_000 });
    return user;
  };

  app.decorateRequest('user', null);
  app.addHook('onRequest', async (request: FastifyRequest, reply: FastifyReply) => {
    const config = request.routeOptions.config;
    if (config.public || !needsAuth(request.url)) return;
    const wait = ctx.limiter.retryAfterSecs(request.ip);
    if (wait > 0) {
      reply.header('retry-after', String(wait));
      throw new VigieError('VIGIE_ERR_HTTP_RATE_LIMITED', `too many failed sign-ins from this address; try again in ${wait} s`);
    }
    const header = request.headers.authorization;
    if (header !== undefined) {
      const m = /^Bearer ([A-Za-z0-9_\-.~+/]{1,200}=*)$/.exec(header);
      const user = m ? await lookup(m[1]!) : null;
      if (!user) {
        ctx.limiter.fail(request.ip);
        throw new VigieError('VIGIE_ERR_HTTP_AUTH', 'the bearer token is not valid; create one with vigie user add');
      }
      request.user = user;
    } else {
      const sid = request.cookies[SESSION_COOKIE];
      const user = sid ? ctx.sessions.get(sid) : null;
      if (!user) throw new VigieError('VIGIE_ERR_HTTP_AUTH', 'sign in first: send Authorization: Bearer TOKEN or log in on the dashboard');
      // A cookie rides along with any request the browser makes; SameSite=Strict stops other
      // sites, and this check stops a same-site page posting on the user's behalf.
      if (request.method !== 'GET' && request.method !== 'HEAD' && !sameOrigin(request)) {
        throw new VigieError('VIGIE_ERR_HTTP_FORBIDDEN', 'cross-origin request refused');
      }
      request.user = user;
    }
    const needed = config.role ?? 'viewer';
    if (!hasRole(request.user.role, needed)) {
      throw new VigieError('VIGIE_ERR_HTTP_FORBIDDEN', `this needs the ${needed} role; ${request.user.name} is ${request.user.role}`);
    }
  });
});

/** True when a browser's Origin header (if any) names this server. */
function sameOrigin(request: FastifyRequest): boolean {
  const origin = request.headers.origin;
  if (origin === undefined) return true;
  try {
    return new URL(origin).host === request.headers.host;
  } catch {
    return false;
  }
}
