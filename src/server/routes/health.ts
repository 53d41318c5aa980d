import { definePlugin } from '../plugin.js';

/** Liveness for load balancers and service managers: no credentials, no data. */
export const healthRoutes = definePlugin('vigie-routes-health', [], false, async (app) => {
  app.get('/healthz', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => reply.type('text/plain').send('ok'));
});
