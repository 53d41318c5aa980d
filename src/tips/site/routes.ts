import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ModuleHttpContext } from '../../core/module/index.js';
import { randomBytes, wipe, type KeyPair } from '../crypto/seal.js';
import { addMessage, conversation, IntakeRefusal, openWithReceipt, receiveReport } from '../intake.js';
import { TipsRepository } from '../repository.js';
import { FormRefusal, parseMultipart, parseUrlencoded, URLENCODED_MAX_BYTES, type FormBody } from './form-body.js';
import { Guard } from './guard.js';
import { conversationPage, errorPage, followUpPage, formPage, receiptPage, REPORT_CSS } from './pages.js';
import { POW_SCRIPT } from './pow-script.js';
import { chooseLang, type ReportError, type ReportLang } from './text.js';

/**
 * The reporter's routes, public by design: `/report` (the form), `/report/follow-up` (come
 * back with the receipt), `/report/answer`, and the page's two files. None is logged (the
 * route's log level is silent: no access line, no error line with a URL or an address), none
 * sets a cookie, none writes anything but sealed data. The client's address is read once per
 * request, in memory, to key the rate limits on a salted hash (see guard.ts).
 */
export interface SiteOptions {
  guard: Guard;
  /** How long a follow-up page's session lasts (the reporter's opened key, in memory). */
  sessionSecs: number;
}

interface FollowUpSession {
  reportId: string;
  publicKey: string;
  keys: KeyPair;
  expires: number;
}

const PUBLIC = { config: { public: true }, logLevel: 'silent' as const, schema: { hide: true } };

export function siteRoutes(options: SiteOptions) {
  return async function site(app: FastifyInstance, ctx: ModuleHttpContext): Promise<void> {
    const repo = new TipsRepository(ctx.database);
    const { guard } = options;
    const sessions = new Map<string, FollowUpSession>();
    const langOf = (request: FastifyRequest): ReportLang => chooseLang((request.query as Record<string, string | undefined> | null)?.lang, request.headers['accept-language']);
    const html = (reply: FastifyReply, status: number, body: string): FastifyReply => reply.code(status).type('text/html; charset=utf-8').header('x-robots-tag', 'noindex, noarchive').send(body);
    const refuse = (request: FastifyRequest, reply: FastifyReply, error: ReportError, status: number): FastifyReply => html(reply, status, errorPage(langOf(request), error));
    const sweep = (): void => {
      const now = Date.now();
      for (const [k, s] of sessions) if (s.expires < now) { wipe(s.keys.secretKey); sessions.delete(k); }
    };

    // Bodies are parsed here, into memory: multipart for the report (files), urlencoded for
    // the follow-up forms. Anything else is refused before a byte is kept.
    app.addContentTypeParser('multipart/form-data', (request, payload, done) => {
      parseMultipart(payload, request.headers).then((body) => done(null, body), (err: Error) => done(err, undefined));
    });
    app.addContentTypeParser('application/x-www-form-urlencoded', { parseAs: 'buffer', bodyLimit: URLENCODED_MAX_BYTES }, (_request, body, done) => {
      try {
        done(null, parseUrlencoded(body as Buffer));
      } catch (err) {
        done(err as Error, undefined);
      }
    });
    // The reporter is answered in their language, never with a stack or a URL; nothing is logged.
    app.setErrorHandler((err: Error & { statusCode?: number; code?: string }, request, reply) => {
      if (err instanceof FormRefusal) return refuse(request, reply, err.reason, err.status);
      if (err.code === 'FST_ERR_CTP_BODY_TOO_LARGE') return refuse(request, reply, 'too_long', 413);
      const status = err.statusCode ?? 500;
      if (status >= 400 && status < 500) return refuse(request, reply, 'invalid', status);
      app.log.error({ code: err.code ?? 'internal', where: 'tips report form' }, 'a reporter request failed (no detail is logged for these routes)');
      return refuse(request, reply, 'internal', 500);
    });

    app.get('/report/report.css', PUBLIC, async (_request, reply) => reply.type('text/css; charset=utf-8').send(REPORT_CSS));
    app.get('/report/pow.js', PUBLIC, async (_request, reply) => reply.type('text/javascript; charset=utf-8').send(POW_SCRIPT));

    app.get('/report', PUBLIC, async (request, reply) => {
      const open = (await repo.recipients()).length > 0;
      return html(reply, 200, formPage(langOf(request), guard.challenge(), { open }));
    });

    app.post('/report', { ...PUBLIC, bodyLimit: 64 * 1024 * 1024 }, async (request, reply) => {
      const lang = langOf(request);
      const body = formBody(request);
      const f = body.fields;
      const values = { what: f.what ?? '', when: f.when ?? '', where: f.where ?? '', who: f.who ?? '', contact: f.contact ?? '' };
      const again = (error: ReportError, status: number): FastifyReply => html(reply, status, formPage(lang, guard.challenge(), { error, values, open: true }));
      if (values.what.trim() === '') return again('missing_what', 400);
      const check = await guard.check(f.challenge ?? '', f.pow ?? '', undefined);
      if (!check.ok) return again(check.reason, check.reason === 'busy' ? 503 : 400);
      if (!guard.allow('submit', request.ip)) return refuse(request, reply, 'rate', 429);
      try {
        const { receipt, photoLocation } = await receiveReport(repo, lang, values, body.files);
        return html(reply, 201, receiptPage(lang, receipt, photoLocation));
      } catch (err) {
        if (err instanceof IntakeRefusal) return again(err.reason, err.reason === 'closed' ? 503 : 400);
        throw err;
      }
    });

    app.get('/report/follow-up', PUBLIC, async (request, reply) => html(reply, 200, followUpPage(langOf(request))));

    app.post('/report/follow-up', PUBLIC, async (request, reply) => {
      const lang = langOf(request);
      if (!guard.mayTryReceipt(request.ip)) return html(reply, 429, followUpPage(lang, 'rate'));
      const opened = await openWithReceipt(repo, formBody(request).fields.receipt ?? '');
      if (!opened) {
        guard.allow('receipt', request.ip);
        return html(reply, 403, followUpPage(lang, 'receipt'));
      }
      sweep();
      const session = randomBytes(32).toString('base64url');
      sessions.set(session, { reportId: opened.report.id, publicKey: opened.report.public_key, keys: opened.keys, expires: Date.now() + options.sessionSecs * 1000 });
      await repo.reporterSeen(opened.report.id);
      return html(reply, 200, conversationPage(lang, session, await conversation(repo, opened.report.id, opened.keys), false));
    });

    app.post('/report/answer', PUBLIC, async (request, reply) => {
      const lang = langOf(request);
      const f = formBody(request).fields;
      sweep();
      const s = sessions.get(f.session ?? '');
      if (!s) return html(reply, 403, followUpPage(lang, 'session'));
      const text = (f.text ?? '').trim();
      if (text !== '') await addMessage(repo, { id: s.reportId, public_key: s.publicKey }, 'reporter', text);
      s.expires = Date.now() + options.sessionSecs * 1000;
      return html(reply, 200, conversationPage(lang, f.session!, await conversation(repo, s.reportId, s.keys), text !== ''));
    });

    app.addHook('onClose', async () => {
      for (const s of sessions.values()) wipe(s.keys.secretKey);
      sessions.clear();
    });
  };
}

/** The parsed form of a request (the parsers above make it); an unparsed body is a refusal. */
function formBody(request: FastifyRequest): FormBody {
  const body = request.body as FormBody | undefined;
  if (!body || typeof body !== 'object' || !('fields' in body)) throw new FormRefusal('invalid', 415);
  return body;
}
