import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { VigieError } from '../../core/index.js';
import type { AuthUser, ModuleHttpContext } from '../../core/module/index.js';
import { wipe, type KeyPair } from '../crypto/seal.js';
import { addCaseNote, exportCase, listCases, openCase, readCase } from '../cases.js';
import { addReportNote, readAttachment, readReport, unlockRecipient } from '../desk.js';
import { shareWith } from '../share.js';
import { addMessage } from '../intake.js';
import { mediaTypeOf } from '../attachments.js';
import { TipsRepository } from '../repository.js';

/**
 * The team's routes under /api/tips/, for signed-in analysts. Reading needs the reader's key,
 * unlocked with their passphrase and a TOTP code (POST /api/tips/unlock) and held in server
 * memory for `unlockSecs`; every read and export is in the audit log. An admin who is not a
 * recipient sees the inbox's counts and statuses, never a report's words.
 */
export const REPORT_STATUSES = ['new', 'triaged', 'in_case', 'closed', 'spam'] as const;
export const CASE_STATUSES = ['open', 'monitoring', 'referred', 'closed'] as const;
/** The subjects a case may point at, by module: web campaigns, financing alerts and recipients, influence groups and narratives. */
export const LINK_KINDS = { web: ['campaign', 'client', 'finding'], finance: ['alert', 'recipient'], influence: ['group', 'narrative', 'account'], tips: ['case'] } as const;

interface Unlocked {
  keys: KeyPair;
  expires: number;
  lastStep: number;
}

const ID = z.string().regex(/^[A-Za-z0-9-]{1,64}$/);
const TEXT = z.string().min(1).max(20_000);

export function apiRoutes(options: { unlockSecs: number }) {
  return async function api(root: FastifyInstance, ctx: ModuleHttpContext): Promise<void> {
    const app = root.withTypeProvider<ZodTypeProvider>();
    const repo = new TipsRepository(ctx.database);
    const unlocked = new Map<string, Unlocked>();
    const lastSteps = new Map<string, number>();
    const who = (request: FastifyRequest): string => {
      const user = (request as unknown as { user: AuthUser | null }).user;
      if (!user) throw new VigieError('VIGIE_ERR_HTTP_AUTH', 'sign in first');
      return user.name;
    };
    const keysOf = (name: string): KeyPair => {
      const u = unlocked.get(name);
      if (!u || u.expires < Date.now()) {
        if (u) { wipe(u.keys.secretKey); unlocked.delete(name); }
        throw new VigieError('VIGIE_ERR_TIPS_KEY', `unlock your tips key first: POST /api/tips/unlock with your passphrase and TOTP code (${name} is a recipient only if 'vigie tips recipient add ${name}' was run)`);
      }
      return u.keys;
    };
    const analyst = { role: 'analyst' as const };
    const tags = ['tips'];

    app.post('/unlock', {
      config: analyst, bodyLimit: 4096,
      schema: { tags, summary: 'Unlock your tips key with your passphrase and TOTP code', body: z.strictObject({ passphrase: z.string().min(1).max(1024), totp: z.string().regex(/^[0-9]{6}$/) }) },
    }, async (request, reply) => {
      const name = who(request);
      const got = await unlockRecipient(repo, name, request.body.passphrase, request.body.totp, Date.now());
      if (!got || got.step <= (lastSteps.get(name) ?? -1)) {
        if (got) wipe(got.keys.secretKey);
        await ctx.audit(name, 'tips.unlock', false);
        throw new VigieError('VIGIE_ERR_TIPS_KEY', 'passphrase or TOTP code not accepted (a code works once)');
      }
      lastSteps.set(name, got.step);
      const old = unlocked.get(name);
      if (old) wipe(old.keys.secretKey);
      unlocked.set(name, { keys: got.keys, expires: Date.now() + options.unlockSecs * 1000, lastStep: got.step });
      await ctx.audit(name, 'tips.unlock', true);
      return reply.code(200).send({ unlocked: true, expires_in_secs: options.unlockSecs });
    });

    app.post('/lock', { config: analyst, schema: { tags, summary: 'Forget your unlocked tips key', body: z.strictObject({}).optional() } }, async (request) => {
      const name = who(request);
      const u = unlocked.get(name);
      if (u) wipe(u.keys.secretKey);
      unlocked.delete(name);
      return { unlocked: false };
    });

    app.get('/reports', { config: analyst, schema: { tags, summary: 'The inbox: reports with language, status and counts (nothing sealed)', querystring: z.strictObject({}) } },
      async () => ({ reports: await repo.inbox() }));

    app.get('/reports/:id', { config: analyst, schema: { tags, summary: 'Read a report (needs your unlocked key; audited)', params: z.strictObject({ id: ID }) } }, async (request) => {
      const name = who(request);
      const report = await readReport(repo, request.params.id, name, keysOf(name));
      if (!report) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `no report ${request.params.id}`);
      await ctx.audit(name, 'tips.read', true, { report: report.id });
      return report;
    });

    app.get('/reports/:id/attachments/:n', {
      config: analyst,
      schema: { tags, summary: 'An attachment as the reporter sent it (needs your unlocked key; audited)', params: z.strictObject({ id: ID, n: z.coerce.number().int().min(0).max(100) }) },
    }, async (request, reply) => {
      const name = who(request);
      const file = await readAttachment(repo, request.params.id, request.params.n, name, keysOf(name));
      if (!file) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `no attachment ${request.params.n} in report ${request.params.id}`);
      await ctx.audit(name, 'tips.attachment', true, { report: request.params.id, n: request.params.n });
      // Served as a download, never rendered in the dashboard's origin (it is reporter-supplied).
      return reply.type(mediaTypeOf(file.meta.kind)).header('content-disposition', `attachment; filename="report-${request.params.id.slice(0, 8)}-${request.params.n}"`).send(file.bytes);
    });

    app.patch('/reports/:id', {
      config: analyst, bodyLimit: 4096,
      schema: { tags, summary: 'Triage a report: set its status', params: z.strictObject({ id: ID }), body: z.strictObject({ status: z.enum(REPORT_STATUSES) }) },
    }, async (request) => {
      if (!await repo.setStatus(request.params.id, request.body.status)) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `no report ${request.params.id}`);
      await ctx.audit(who(request), 'tips.status', true, { report: request.params.id, status: request.body.status });
      return { id: request.params.id, status: request.body.status };
    });

    app.post('/reports/:id/messages', {
      config: analyst, bodyLimit: 64 * 1024,
      schema: { tags, summary: 'Write to the reporter (they read it with their receipt)', params: z.strictObject({ id: ID }), body: z.strictObject({ text: TEXT }) },
    }, async (request, reply) => {
      const report = await repo.report(request.params.id);
      if (!report) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `no report ${request.params.id}`);
      const name = who(request);
      await addMessage(repo, report, name, request.body.text);
      await ctx.audit(name, 'tips.reply', true, { report: report.id });
      return reply.code(201).send({ report: report.id, sent: true });
    });

    app.post('/reports/:id/notes', {
      config: analyst, bodyLimit: 64 * 1024,
      schema: { tags, summary: 'A team note on a report (a translation, context), sealed to each recipient; never shown to the reporter', params: z.strictObject({ id: ID }), body: z.strictObject({ text: TEXT }) },
    }, async (request, reply) => {
      const name = who(request);
      if (!await addReportNote(repo, request.params.id, name, request.body.text)) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `no report ${request.params.id}`);
      await ctx.audit(name, 'tips.note', true, { report: request.params.id });
      return reply.code(201).send({ report: request.params.id, noted: true });
    });

    app.get('/cases', {
      config: analyst,
      schema: { tags, summary: 'Cases: status, owner, counts of reports, notes and links by module; titles (sealed) only once your key is unlocked', querystring: z.strictObject({}) },
    }, async (request) => {
      const name = who(request);
      const u = unlocked.get(name);
      const reader = u && u.expires >= Date.now() ? { recipient: name, keys: u.keys } : undefined;
      const cases = await listCases(repo, reader);
      if (reader) await ctx.audit(name, 'tips.case_list', true, { titles: cases.filter((c) => c.title !== null).length });
      return { cases };
    });

    app.post('/cases', {
      config: analyst, bodyLimit: 16 * 1024,
      schema: { tags, summary: 'Open a case (its title sealed like a report)', body: z.strictObject({ title: z.string().min(1).max(500) }) },
    }, async (request, reply) => {
      const name = who(request);
      const id = await openCase(repo, request.body.title, name);
      await ctx.audit(name, 'tips.case_open', true, { case: id });
      return reply.code(201).send({ id });
    });

    app.get('/cases/:id', { config: analyst, schema: { tags, summary: 'Read a case (needs your unlocked key; audited)', params: z.strictObject({ id: ID }) } }, async (request) => {
      const name = who(request);
      const c = await readCase(repo, request.params.id, name, keysOf(name));
      if (!c) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `no case ${request.params.id}`);
      await ctx.audit(name, 'tips.case_read', true, { case: c.id });
      return c;
    });

    app.patch('/cases/:id', {
      config: analyst, bodyLimit: 4096,
      schema: { tags, summary: 'Set a case\'s status or owner', params: z.strictObject({ id: ID }), body: z.strictObject({ status: z.enum(CASE_STATUSES).optional(), owner: z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/).nullable().optional() }) },
    }, async (request) => {
      const before = await repo.caseRow(request.params.id);
      if (!before || !await repo.updateCase(request.params.id, request.body)) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `no case ${request.params.id}`);
      const name = who(request);
      const { status, owner } = request.body;
      if (status !== undefined && status !== before.status) await repo.addCaseEvent(request.params.id, name, 'status', { status });
      if (owner !== undefined && owner !== before.owner) await repo.addCaseEvent(request.params.id, name, 'owner', { owner });
      await ctx.audit(name, 'tips.case_update', true, { case: request.params.id, ...request.body });
      return { id: request.params.id, ...request.body };
    });

    app.post('/cases/:id/reports', {
      config: analyst, bodyLimit: 4096,
      schema: { tags, summary: 'Put a report in a case (it is then kept past the retention period)', params: z.strictObject({ id: ID }), body: z.strictObject({ report_id: ID }) },
    }, async (request, reply) => {
      if (!await repo.caseRow(request.params.id)) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `no case ${request.params.id}`);
      if (!await repo.report(request.body.report_id)) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `no report ${request.body.report_id}`);
      const name = who(request);
      await repo.linkReport(request.params.id, request.body.report_id, name);
      await repo.setStatus(request.body.report_id, 'in_case');
      await ctx.audit(name, 'tips.case_add_report', true, { case: request.params.id, report: request.body.report_id });
      return reply.code(201).send({ case: request.params.id, report: request.body.report_id });
    });

    app.post('/cases/:id/links', {
      config: analyst, bodyLimit: 4096,
      schema: {
        tags, summary: 'Link a case to another module\'s subject: a web campaign, a financing alert, an influence group',
        params: z.strictObject({ id: ID }),
        body: z.strictObject({ module: z.enum(['web', 'finance', 'influence', 'tips']), kind: z.string().regex(/^[a-z_]{1,30}$/), subject_id: z.string().min(1).max(200).regex(/^[\x21-\x7e]+$/) }),
      },
    }, async (request, reply) => {
      const { module, kind } = request.body;
      if (!(LINK_KINDS[module] as readonly string[]).includes(kind)) {
        throw new VigieError('VIGIE_ERR_HTTP_INVALID', `invalid request: body.kind: ${module} subjects are ${LINK_KINDS[module].join(', ')}`);
      }
      if (!await repo.caseRow(request.params.id)) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `no case ${request.params.id}`);
      const name = who(request);
      await repo.linkSubject(request.params.id, request.body, name);
      await ctx.audit(name, 'tips.case_link', true, { case: request.params.id, ...request.body });
      return reply.code(201).send({ case: request.params.id, ...request.body });
    });

    app.post('/cases/:id/notes', {
      config: analyst, bodyLimit: 64 * 1024,
      schema: { tags, summary: 'Add a note to a case (sealed)', params: z.strictObject({ id: ID }), body: z.strictObject({ text: TEXT }) },
    }, async (request, reply) => {
      const name = who(request);
      if (!await addCaseNote(repo, request.params.id, name, request.body.text)) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `no case ${request.params.id}`);
      await ctx.audit(name, 'tips.case_note', true, { case: request.params.id });
      return reply.code(201).send({ case: request.params.id, noted: true });
    });

    app.get('/cases/:id/export', { config: analyst, schema: { tags, summary: 'A case for the committee: no reporter identity (audited)', params: z.strictObject({ id: ID }) } }, async (request) => {
      const name = who(request);
      const out = await exportCase(repo, request.params.id, name, keysOf(name));
      if (!out) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `no case ${request.params.id}`);
      await repo.addCaseEvent(request.params.id, name, 'export', {});
      await ctx.audit(name, 'tips.case_export', true, { case: request.params.id });
      return out;
    });

    const RECIPIENT = z.string().regex(/^[A-Za-z0-9_.-]{1,64}$/);
    app.post('/reports/:id/share', {
      config: analyst, bodyLimit: 4096,
      schema: { tags, summary: 'Seal a report\'s key (and your team notes on it) to a recipient added after it arrived (needs your unlocked key; audited)', params: z.strictObject({ id: ID }), body: z.strictObject({ recipient: RECIPIENT }) },
    }, async (request, reply) => {
      const name = who(request);
      if (!await repo.report(request.params.id)) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `no report ${request.params.id}`);
      const keys = keysOf(name);
      if (!await repo.reportKey(request.params.id, name)) throw new VigieError('VIGIE_ERR_TIPS_KEY', `${name} holds no key to this report, so cannot share it`);
      const done = await shareWith(repo, name, keys, request.body.recipient, request.params.id);
      await ctx.audit(name, 'tips.share', true, { report: request.params.id, recipient: request.body.recipient, shared: done.reports.length > 0 });
      return reply.code(done.reports.length > 0 ? 201 : 200).send({ report: request.params.id, recipient: request.body.recipient, shared: done.reports.length > 0, notes: done.notes });
    });

    app.post('/share', {
      config: analyst, bodyLimit: 4096,
      schema: { tags, summary: 'Seal every report not closed or spam, and every case not closed, that you hold to a recipient added later (audited)', body: z.strictObject({ recipient: RECIPIENT }) },
    }, async (request) => {
      const name = who(request);
      const done = await shareWith(repo, name, keysOf(name), request.body.recipient);
      await ctx.audit(name, 'tips.share_all', true, { recipient: request.body.recipient, reports: done.reports.length, cases: done.cases.length, notes: done.notes });
      return { recipient: request.body.recipient, reports: done.reports, cases: done.cases, notes: done.notes };
    });

    root.addHook('onClose', async () => {
      for (const u of unlocked.values()) wipe(u.keys.secretKey);
      unlocked.clear();
    });
  };
}
