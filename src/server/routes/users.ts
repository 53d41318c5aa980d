import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createUser, listUsers, ROLES, USER_NAME } from '../auth/users.js';
import { readsOf, userOf } from '../context.js';
import { definePlugin } from '../plugin.js';

/** User administration (admin only). A new token is returned once and never stored. */
export const userRoutes = definePlugin('vigie-routes-users', ['vigie-auth'], false, async (root) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const ctx = root.vigie;
  app.get('/api/users', { config: { role: 'admin' }, schema: { tags: ['users'], summary: 'Users (admin)', querystring: z.strictObject({}) } },
    async (request) => ({ users: await listUsers(readsOf(request)) }));
  app.post('/api/users', {
    config: { role: 'admin' },
    bodyLimit: 4096,
    schema: { tags: ['users'], summary: 'Create a user; its token is shown once (admin)', body: z.strictObject({ name: z.string().regex(USER_NAME), role: z.enum(ROLES) }) },
  }, async (request, reply) => {
    const admin = userOf(request).name;
    const token = await createUser(ctx.store, request.body.name, request.body.role);
    await ctx.audit(admin, 'user_add', true, { name: request.body.name, role: request.body.role });
    return reply.code(201).send({ name: request.body.name, role: request.body.role, token });
  });
});
