import swagger from '@fastify/swagger';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { definePlugin } from '../plugin.js';

const escape = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * The OpenAPI description, built from the routes' zod schemas: JSON at /api/docs/json, and a
 * plain HTML page listing the routes at /api/docs (no script, so it passes the strict CSP and
 * needs no CDN).
 */
export const docsPlugin = definePlugin('vigie-docs', [], true, async (app) => {
  await app.register(swagger, {
    openapi: {
      info: { title: 'vigie API', version: '1', description: 'The analyst dashboard API. Authenticate with `Authorization: Bearer TOKEN` (vigie user add) or the session cookie from POST /api/login.' },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer' }, cookie: { type: 'apiKey', in: 'cookie', name: 'vigie_session' } } },
      security: [{ bearer: [] }, { cookie: [] }],
    },
    transform: jsonSchemaTransform,
  });
  app.get('/api/docs/json', { schema: { hide: true } }, async () => app.swagger());
  app.get('/api/docs', { schema: { hide: true } }, async (_request, reply) => {
    const spec = app.swagger() as { paths?: Record<string, Record<string, { summary?: string }>> };
    const rows = Object.entries(spec.paths ?? {}).flatMap(([path, ops]) =>
      Object.entries(ops).map(([method, op]) => `<tr><td><code>${method.toUpperCase()}</code></td><td><code>${escape(path)}</code></td><td>${escape(op.summary ?? '')}</td></tr>`));
    reply.type('text/html; charset=utf-8');
    return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>vigie API</title></head><body>
<h1>vigie API</h1><p>OpenAPI 3 description: <a href="/api/docs/json">/api/docs/json</a>. Send <code>Authorization: Bearer TOKEN</code>.</p>
<table><thead><tr><th>method</th><th>path</th><th>what</th></tr></thead><tbody>${rows.join('')}</tbody></table></body></html>`;
  });
});
