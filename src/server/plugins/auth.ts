import type { FastifyInstance, FastifyReply, FastifyRequest, RouteOptions } from 'fastify';
import { VigieError } from '../../core/index.js';
import { hasRole, hashToken, type Role, type User } from '../auth/users.js';
import type { RouteAccess, ServerContext } from '../context.js';
import { definePlugin } from '../plugin.js';

/** The dashboard's session cookie. */
export const SESSION_COOKIE = 'vigie_session';

const PUBLIC_FILES = Symbol.for('vigie.publicFiles');

/**
 * Declare that every route added in `scope` serves the dashboard's static files, which must
 * load before anyone signs in. Routes of a library (@fastify/static) cannot carry our
 * `config.public`, so the scope says it for them, explicitly.
 */
export function servePublicFiles(scope: FastifyInstance): void {
  scope.decorate(PUBLIC_FILES, true);
}

/**
 * Authentication decided per route, not per URL. An `onRoute` hook marks every route that is
 * not explicitly public as protected and puts the credential check in that route's own
 * `onRequest` hooks, so it runs whenever the router picks the route, however the path was
 * spelled (`/%61pi/overview` is `/api/overview` to the router, and now to authentication too).
 * It runs before the body is read, so an unauthenticated client cannot make the server parse
 * an upload or start a report. A route added outside this hook (none should be) is refused.
 */
export const authPlugin = definePlugin('vigie-auth', ['vigie-errors', '@fastify/cookie'], true, async (app) => {
  const ctx = app.vigie;
  app.decorateRequest('user', null);
  app.addHook('onRoute', function decideAccess(this: FastifyInstance, route: RouteOptions) {
    const scopeServesFiles = (this as unknown as Record<symbol, unknown>)[PUBLIC_FILES] === true;
    const access: RouteAccess = route.config?.public === true ? 'public' : scopeServesFiles ? 'files' : 'protected';
    // A new config object: Fastify copies the route's options for its HEAD twin, and the hook
    // runs again for that twin.
    route.config = { ...route.config, access };
    if (access === 'protected') {
      const own = route.onRequest === undefined ? [] : Array.isArray(route.onRequest) ? route.onRequest : [route.onRequest];
      route.onRequest = [authenticator(ctx, route.config.role ?? 'viewer'), ...own];
    }
    for (const method of [route.method].flat()) ctx.routes.push({ method, url: route.url, access });
  });
  // Fail closed: a matched route that the hook above never saw has no access decision.
  app.addHook('onRequest', async (request) => {
    if (!request.is404 && request.routeOptions.config.access === undefined) {
      throw new VigieError('VIGIE_ERR_HTTP_FORBIDDEN', 'this route has no access decision; refusing');
    }
  });
});

/** The credential check of a protected route needing `needed`; one closure per route. */
function authenticator(ctx: ServerContext, needed: Role) {
  return async function authenticate(request: FastifyRequest, reply: FastifyReply): Promise<void> {
    request.user = await signedIn(ctx, request, reply);
    if (!hasRole(request.user.role, needed)) {
      throw new VigieError('VIGIE_ERR_HTTP_FORBIDDEN', `this needs the ${needed} role; ${request.user.name} is ${request.user.role}`);
    }
  };
}

/**
 * Who is calling: a bearer token (API clients) or the session cookie (the dashboard). A wrong
 * token counts against the client (see TokenVerifier); a session id is 256 random bits and a
 * stale one is normal after a restart, so it is refused without counting.
 */
async function signedIn(ctx: ServerContext, request: FastifyRequest, reply: FastifyReply): Promise<User> {
  const header = request.headers.authorization;
  if (header !== undefined) {
    const m = /^Bearer ([A-Za-z0-9_\-.~+/]{1,200}=*)$/.exec(header);
    const check = m ? await ctx.tokens.check(request.ip, m[1]!) : ctx.tokens.fail(request.ip, hashToken(header));
    if (check.user) return check.user;
    throw refusal(check.retryAfterSecs, reply, 'the bearer token is not valid; create one with vigie user add');
  }
  const sid = request.cookies[SESSION_COOKIE];
  const user = sid ? ctx.sessions.get(sid) : null;
  if (!user) throw new VigieError('VIGIE_ERR_HTTP_AUTH', 'sign in first: send Authorization: Bearer TOKEN or log in on the dashboard');
  // A cookie rides along with any request the browser makes; SameSite=Strict stops other
  // sites, and this check stops a same-site page posting on the user's behalf.
  if (request.method !== 'GET' && request.method !== 'HEAD' && !sameOrigin(request)) {
    throw new VigieError('VIGIE_ERR_HTTP_FORBIDDEN', 'cross-origin request refused');
  }
  return user;
}

/**
 * The error for a token that was not accepted: 429 with Retry-After while its key is locked
 * out, else 401 with `message`.
 */
export function refusal(retryAfterSecs: number, reply: FastifyReply, message: string): VigieError {
  if (retryAfterSecs <= 0) return new VigieError('VIGIE_ERR_HTTP_AUTH', message);
  reply.header('retry-after', String(retryAfterSecs));
  return new VigieError('VIGIE_ERR_HTTP_RATE_LIMITED', `too many failed sign-ins from this address; try again in ${retryAfterSecs} s`);
}

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
