import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { geoDataInfo, isBlockable } from '../../geo/index.js';
import {
  BLOCKLIST_FORMATS, DEFAULT_EXPIRES_DAYS, loadAttackers, loadCampaigns, loadReportData, periodBounds, renderBlocklist, renderCsv,
  renderReport, renderStix, REPORT_FORMATS, REPORT_LANGS, resolvePeriod,
} from '../../report/index.js';
import { readsOf, userOf } from '../context.js';
import { definePlugin } from '../plugin.js';

const Day = z.iso.date();
const PeriodQuery = z.strictObject({ from: Day.optional(), to: Day.optional() });
const SeverityQuery = PeriodQuery.extend({ min_severity: z.coerce.number().int().min(1).max(5).default(1) });

/**
 * Evidence exports and committee reports (analyst and admin): the same renderers as
 * `vigie export` and `vigie report`, over whole UTC days (default: every day with data).
 * Each one is written to the audit log with who asked, for what period, and how much.
 */
export const exportRoutes = definePlugin('vigie-routes-export', ['vigie-auth'], false, async (root) => {
  const app = root.withTypeProvider<ZodTypeProvider>();
  const ctx = root.vigie;
  const config = { role: 'analyst' as const };
  const tags = ['exports'];

  const attachment = (name: string): string => `attachment; filename="${name}"`;

  app.get('/api/export/stix', {
    config, schema: { tags, summary: 'STIX 2.1 bundle of attacking addresses and campaigns (analyst)', querystring: SeverityQuery.extend({ valid_days: z.coerce.number().int().min(1).max(3650).default(DEFAULT_EXPIRES_DAYS) }) },
  }, async (request, reply) => {
    const db = readsOf(request);
    const p = await resolvePeriod(db, request.query);
    const attackers = await loadAttackers(db, p, request.query.min_severity);
    const bundle = renderStix(attackers, await loadCampaigns(db, periodBounds(p)), { producer: 'vigie', now: new Date(), validDays: request.query.valid_days });
    await ctx.audit(userOf(request).name, 'export', true, { kind: 'stix', ...p, addresses: attackers.length });
    reply.header('content-disposition', attachment(`vigie-${p.from}-${p.to}.stix.json`)).type('application/stix+json; charset=utf-8');
    return JSON.stringify(bundle, null, 2) + '\n';
  });

  app.get('/api/export/csv', { config, schema: { tags, summary: 'Attacking addresses as CSV (analyst)', querystring: SeverityQuery } }, async (request, reply) => {
    const db = readsOf(request);
    const p = await resolvePeriod(db, request.query);
    const attackers = await loadAttackers(db, p, request.query.min_severity);
    await ctx.audit(userOf(request).name, 'export', true, { kind: 'csv', ...p, addresses: attackers.length });
    reply.header('content-disposition', attachment(`vigie-${p.from}-${p.to}.csv`)).type('text/csv; charset=utf-8');
    return renderCsv(attackers);
  });

  app.get('/api/export/blocklist', {
    config,
    schema: {
      tags, summary: 'Blocklist with expiry: plain, nginx deny include, or ipset restore file (analyst)',
      querystring: SeverityQuery.extend({ format: z.enum(BLOCKLIST_FORMATS as [string, ...string[]]).default('plain'), expires_days: z.coerce.number().int().min(1).max(3650).default(DEFAULT_EXPIRES_DAYS) }),
    },
  }, async (request, reply) => {
    const db = readsOf(request);
    const p = await resolvePeriod(db, request.query);
    const attackers = await loadAttackers(db, p, request.query.min_severity);
    const format = request.query.format as (typeof BLOCKLIST_FORMATS)[number];
    const body = renderBlocklist(attackers, { format, expiresDays: request.query.expires_days, now: new Date(), blockable: isBlockable });
    await ctx.audit(userOf(request).name, 'export', true, { kind: 'blocklist', format, ...p, addresses: attackers.length });
    reply.header('content-disposition', attachment(`vigie-blocklist-${p.to}.${format === 'nginx' ? 'conf' : 'txt'}`)).type('text/plain; charset=utf-8');
    return body;
  });

  app.post('/api/reports', {
    config,
    bodyLimit: 4096,
    schema: {
      tags, summary: 'A committee report for a period, EN or FR (analyst)',
      body: z.strictObject({ from: Day.optional(), to: Day.optional(), lang: z.enum(REPORT_LANGS as [string, ...string[]]).default('en'), format: z.enum(REPORT_FORMATS as [string, ...string[]]).default('html') }),
    },
  }, async (request, reply) => {
    const db = readsOf(request);
    const p = await resolvePeriod(db, request.body);
    const { lang, format } = request.body;
    const report = await renderReport(await loadReportData(db, p, geoDataInfo()), lang as (typeof REPORT_LANGS)[number], format as (typeof REPORT_FORMATS)[number]);
    await ctx.audit(userOf(request).name, 'report', true, { ...p, lang, format });
    reply.header('content-disposition', attachment(`vigie-report-${p.from}-${p.to}-${lang}.${report.extension}`)).type(report.contentType);
    return report.body;
  });
});
