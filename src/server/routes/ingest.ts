import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VigieError } from '../../core/index.js';
import { LOG_FORMATS } from '../../web/index.js';
import { userOf } from '../context.js';
import { definePlugin } from '../plugin.js';
import { Spool } from '../pipeline/spool.js';

/** Options of the ingest route. */
export interface IngestRouteOptions extends Record<string, unknown> {
  /** Largest accepted batch, bytes. */
  maxBytes: number;
}

const IngestQuery = z.strictObject({
  format: z.enum(['auto', ...LOG_FORMATS] as [string, ...string[]]).default('auto'),
  source: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/, 'letters, digits, ".", "_" or "-", up to 64').default('http'),
});

/**
 * POST /api/ingest: newline-delimited log lines from a shipper (Vector, Fluent Bit, rsyslog's
 * omhttp), in any format `vigie web analyze` reads. Answers after the batch is committed and
 * its new addresses have their origin (so the live view shows origin and country on arrival).
 */
export const ingestRoutes = definePlugin<IngestRouteOptions>('vigie-routes-ingest', ['vigie-auth'], false, async (root, options) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const ctx = root.vigie;
  const spool = new Spool(ctx.spoolDir, ctx.store, ctx.runId, ctx.pipeline, ctx.stages, { origins: ctx.origins, gate: ctx.arrivals });
  // Only this plugin reads text bodies, and only as raw bytes: the log parsers take bytes.
  root.removeContentTypeParser('text/plain');
  root.addContentTypeParser(['text/plain', 'application/x-ndjson'], { parseAs: 'buffer', bodyLimit: options.maxBytes }, (_request, body, done) => done(null, body));

  app.post('/api/ingest', {
    config: { role: 'analyst' },
    bodyLimit: options.maxBytes,
    schema: {
      tags: ['ingest'],
      summary: 'Push newline-delimited log lines (text/plain or application/x-ndjson); answers once they are committed',
      querystring: IngestQuery,
    },
  }, async (request) => {
    const user = userOf(request).name;
    if (!Buffer.isBuffer(request.body)) throw new VigieError('VIGIE_ERR_HTTP_INVALID', 'send log lines as text/plain or application/x-ndjson');
    const { format, source } = request.query;
    const result = await spool.push(source, request.body, format as (typeof LOG_FORMATS)[number] | 'auto');
    await ctx.audit(user, 'ingest', result.errors.length === 0, { source, received: result.received, stored: result.stored, malformed: result.malformed });
    if (result.errors.length > 0) throw new VigieError('VIGIE_ERR_LOG_FORMAT', `${source}: ${result.errors[0]!.replace(/^.*\//, '')}`);
    return { received: result.received, parsed: result.parsed, malformed: result.malformed, skipped: result.skipped, stored: result.stored, flagged: result.flagged };
  });
});
