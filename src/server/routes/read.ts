import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { badIpReason, normaliseIp, VigieError } from '../../core/index.js';
import type { Reason } from '../../core/module/index.js';
import { webText } from '../../web/index.js';
import { campaignDetail, campaigns, countries, findingDetail, findings, overview, provinces, timeseries, VERDICTS } from '../../report/queries/index.js';
import { allowed, readsOf } from '../context.js';
import { cachedGeoDataStatus } from '../geo-status.js';
import { AnswerCache } from '../answer-cache.js';
import { definePlugin } from '../plugin.js';
import { Instant, RangeQuery } from './schemas.js';

const FindingsQuery = z.strictObject({
  class: z.string().regex(/^[a-z_]{1,40}$/).optional(),
  verdict: z.enum(VERDICTS).optional(),
  country: z.string().regex(/^[A-Z]{2}$/, 'a two-letter country code (CA, FR...)').optional(),
  asn: z.coerce.number().int().min(0).max(4_294_967_295).optional(),
  // Stored addresses are canonical (RFC 5952): any spelling of one finds it.
  ip: z.string().min(2).max(45).regex(/^[0-9A-Fa-f.:]+$/, 'an IPv4 or IPv6 address').transform((raw, ctx) => {
    const ip = normaliseIp(raw);
    if (ip === '') ctx.issues.push({ code: 'custom', message: `an IPv4 or IPv6 address (${badIpReason(raw)})`, input: raw });
    return ip;
  }).optional(),
  from: Instant.optional(),
  to: Instant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/**
 * The dashboard's read API. Every figure comes from src/report/queries, the same read model as
 * `vigie report` and the exports. Viewers see aggregates and findings; the raw log line of a
 * finding (which may hold personal data) is for analysts and admins.
 */
export const readRoutes = definePlugin('vigie-routes-read', ['vigie-auth'], false, async (root) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const geo = cachedGeoDataStatus();
  const tags = ['read'];
  const cache = new AnswerCache(500);
  root.vigie.store.onCommit(() => cache.invalidate());
  // Keyed by the validated query, so `?a=1&b=2` and `?b=2&a=1` share an answer.
  const key = (route: string, q: unknown): string => `${route} ${JSON.stringify(q)}`;

  app.get('/api/overview', { schema: { tags, summary: 'Totals, origin split, classes, campaigns, geo data freshness', querystring: RangeQuery } },
    async (request) => ({ ...(await cache.get(key('overview', request.query), () => overview(readsOf(request), request.query))), geo_data: geo() }));

  app.get('/api/timeseries', {
    schema: { tags, summary: 'Attacks over time by origin verdict', querystring: RangeQuery.extend({ bucket: z.enum(['hour', 'day']).default('hour') }) },
  }, async (request) => ({ bucket: request.query.bucket, points: await cache.get(key('timeseries', request.query), () => timeseries(readsOf(request), request.query, request.query.bucket)) }));

  app.get('/api/countries', { schema: { tags, summary: 'Attacks by country of the client address', querystring: RangeQuery } },
    async (request) => ({ countries: await cache.get(key('countries', request.query), () => countries(readsOf(request), request.query)) }));

  app.get('/api/provinces', { schema: { tags, summary: 'Attacks from domestic origins by province', querystring: RangeQuery } },
    async (request) => ({ provinces: await cache.get(key('provinces', request.query), () => provinces(readsOf(request), request.query)) }));

  app.get('/api/campaigns', { schema: { tags, summary: 'Campaigns, largest first', querystring: z.strictObject({}) } },
    async (request) => ({ campaigns: await cache.get('campaigns', () => campaigns(readsOf(request))) }));

  app.get('/api/campaigns/:id', {
    schema: { tags, summary: 'One campaign with its clients and hours', params: z.strictObject({ id: z.string().min(1).max(128).regex(/^[A-Za-z0-9._:-]+$/) }), querystring: z.strictObject({}) },
  }, async (request) => {
    const found = await campaignDetail(readsOf(request), request.params.id);
    if (!found) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `no campaign '${request.params.id}'`);
    return found;
  });

  app.get('/api/findings', { schema: { tags, summary: 'Findings, newest first, filtered and paged', querystring: FindingsQuery } }, async (request) => {
    const { limit, offset, ...filter } = request.query;
    return cache.get(key('findings', request.query), () => findings(readsOf(request), filter, limit, offset));
  });

  app.get('/api/findings/:id', {
    schema: { tags, summary: 'One finding with its evidence (raw log line for analysts)', params: z.strictObject({ id: z.string().min(4).max(400).regex(/^[A-Za-z0-9_-]+$/) }), querystring: z.strictObject({}) },
  }, async (request) => {
    const finding = await findingDetail(readsOf(request), request.params.id, allowed(request, 'analyst'));
    if (!finding) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', 'no such finding; it may have been replaced by a new analysis');
    // The reason in French from its code; findings stored before reasons had codes are English only.
    return { finding: finding.why === null ? finding : { ...finding, reason_fr: webText(finding.why as Reason, 'fr') } };
  });
});
