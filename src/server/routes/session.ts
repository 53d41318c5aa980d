import type { FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { userOf } from '../context.js';
import { refusal, SESSION_COOKIE } from '../plugins/auth.js';
import { definePlugin } from '../plugin.js';

const Me = z.object({ name: z.string(), role: z.enum(['viewer', 'analyst', 'admin']) });

/**
 * The dashboard signs in with the same token an API client uses; it gets back a session
 * cookie (HttpOnly: page scripts never see it; SameSite=Strict: other sites never send it).
 * Failed sign-ins count against the address and are audited.
 */
export const sessionRoutes = definePlugin('vigie-routes-session', ['vigie-auth'], false, async (root) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const ctx = root.vigie;

  app.post('/api/login', {
    config: { public: true },
    bodyLimit: 4096,
    schema: { tags: ['session'], summary: 'Sign in with a token; sets the session cookie', body: z.strictObject({ token: z.string().min(1).max(200) }), response: { 200: Me } },
  }, async (request, reply) => {
    const check = await ctx.tokens.check(request.ip, request.body.token);
    const user = check.user;
    if (!user) {
      if (check.counted) await ctx.audit(null, 'login', false, { address: request.ip });
      throw refusal(check.retryAfterSecs, reply, 'this token is not valid; ask an administrator for one (vigie user add)');
    }
    const sid = ctx.sessions.create(user);
    reply.setCookie(SESSION_COOKIE, sid, {
      httpOnly: true, sameSite: 'strict', path: '/', secure: request.protocol === 'https', maxAge: Math.floor(ctx.sessions.ttlMs / 1000),
    });
    await ctx.audit(user.name, 'login', true, { address: request.ip });
    return user;
  });

  app.post('/api/logout', { schema: { tags: ['session'], summary: 'End the session' } }, async (request: FastifyRequest, reply: FastifyReply) => {
    const sid = request.cookies[SESSION_COOKIE];
    if (sid) ctx.sessions.delete(sid);
    reply.clearCookie(SESSION_COOKIE, { path: '/' });
    return reply.code(204).send();
  });

  app.get('/api/me', { schema: { tags: ['session'], summary: 'Who is signed in', response: { 200: Me } } }, async (request) => userOf(request));
});
