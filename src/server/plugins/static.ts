import { existsSync } from 'node:fs';
import { join } from 'node:path';
import fastifyStatic from '@fastify/static';
import { definePlugin } from '../plugin.js';
import { servePublicFiles } from './auth.js';

/**
 * The dashboard's built files at / (public: the login page must load before anyone signs in;
 * every other route needs credentials, see plugins/auth.ts). Files are looked up per request,
 * so a rebuilt dashboard is served without a restart.
 */
export const staticPlugin = definePlugin('vigie-static', ['vigie-errors', 'vigie-auth'], false, async (app) => {
  const dir = app.vigie.webDir;
  if (!dir || !existsSync(join(dir, 'index.html'))) {
    app.get('/', { config: { public: true }, schema: { hide: true } }, async (_request, reply) => reply.type('text/plain; charset=utf-8').send(
      'vigie: the dashboard is not built (npm run build:web); the API is at /api, its description at /api/docs\n'));
    return;
  }
  servePublicFiles(app);
  await app.register(fastifyStatic, { root: dir, prefix: '/', index: 'index.html', serveDotFiles: false, schemaHide: true });
});
