import { z } from 'zod';
import { csvDocument } from '../core/index.js';
import type { HttpPlugin } from '../core/module/index.js';
import { FinanceReader } from './repository.js';
import type { AlertOut, PersonOut, RankedRecipient } from './scan.js';

const ALERT_TYPES = ['limit_breach', 'straw_ring', 'network', 'burst', 'ineligible_corporate', 'foreign_address', 'cash'] as const;

const filterQuery = z.strictObject({
  type: z.enum(ALERT_TYPES).optional(),
  recipient: z.string().min(1).max(200).optional(),
  /** Alerts that touch this year (first..last). */
  year: z.coerce.number().int().min(1990).max(2100).optional(),
});
const listQuery = filterQuery.extend({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
});

/** A person's rows shown beside an alert, for alerts citing this many people or fewer. */
const HISTORY_PEOPLE_MAX = 10;
const HISTORY_ROWS_MAX = 50;

const CSV_COLUMNS = ['id', 'type', 'score', 'amount', 'first', 'last', 'recipient_ids', 'recipients', 'parties', 'sections', 'people', 'rows', 'cited_rows', 'reasons', 'reasons_fr'] as const;

type Filters = z.infer<typeof filterQuery>;
const matches = (f: Filters) => (a: AlertOut): boolean =>
  (!f.type || a.type === f.type) && (!f.recipient || a.recipient_ids.includes(f.recipient))
  && (f.year === undefined || (a.first.slice(0, 4) <= String(f.year) && a.last.slice(0, 4) >= String(f.year)));

const invalid = (message: string) => ({ error: 'VIGIE_ERR_HTTP_INVALID', message });

/**
 * `/api/finance/*`, read-only, from the latest `finance scan`:
 * - `GET recipients` (viewer): the ranking, with reasons in EN and FR;
 * - `GET alerts?type=&recipient=&year=&limit=&offset=` (analyst: evidence about people), with
 *   the recipients' names and the counts by type of the filtered list;
 * - `GET alerts/:id` (analyst): one alert with the stored rows it cites, its recipients and
 *   the people it names, each with the spellings joined into them and why;
 * - `GET alerts.csv?type=&recipient=&year=` (analyst, audited): the filtered alerts as CSV,
 *   formulas defused.
 * A 404 with a code before any scan.
 */
export const financeRoutes: HttpPlugin = async (app, ctx) => {
  const reader = new FinanceReader(ctx.reader);
  const latest = async (reply: { code(n: number): { send(x: unknown): unknown } }) => {
    const scan = await reader.latestScan();
    if (!scan) reply.code(404).send({ error: 'VIGIE_ERR_HTTP_NOT_FOUND', message: 'no finance scan yet: run vigie finance scan' });
    return scan;
  };
  const namesOf = (recipients: readonly RankedRecipient[]) => new Map(recipients.map((r) => [r.recipient_id, r]));
  app.get('/recipients', async (_req, reply) => {
    const scan = await latest(reply);
    if (!scan) return reply;
    return { scan_id: scan.scanId, created_at: scan.createdAt, year: scan.year, counts: scan.result.counts, recipients: scan.result.recipients };
  });
  app.get('/alerts', { config: { role: 'analyst' } }, async (req, reply) => {
    const q = listQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).send(invalid(q.error.issues[0]!.message));
    const scan = await latest(reply);
    if (!scan) return reply;
    const alerts = (scan.result.alerts as AlertOut[]).filter(matches(q.data));
    const page = alerts.slice(q.data.offset, q.data.offset + q.data.limit);
    const byType: Record<string, number> = {};
    for (const a of alerts) byType[a.type] = (byType[a.type] ?? 0) + 1;
    const names = namesOf(scan.result.recipients as RankedRecipient[]);
    const recipientNames: Record<string, string> = {};
    for (const a of page) for (const id of a.recipient_ids) recipientNames[id] = names.get(id)?.recipient ?? id;
    return { scan_id: scan.scanId, created_at: scan.createdAt, total: alerts.length, offset: q.data.offset, by_type: byType, recipient_names: recipientNames, alerts: page };
  });
  app.get('/alerts.csv', { config: { role: 'analyst' } }, async (req, reply) => {
    const q = filterQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).send(invalid(q.error.issues[0]!.message));
    const scan = await latest(reply);
    if (!scan) return reply;
    const alerts = (scan.result.alerts as AlertOut[]).filter(matches(q.data));
    const names = namesOf(scan.result.recipients as RankedRecipient[]);
    const people = (scan.result.people ?? {}) as Record<string, PersonOut>;
    const body = csvDocument(CSV_COLUMNS, alerts.map((a) => [
      a.id, a.type, a.score, a.amount, a.first, a.last, a.recipient_ids, a.recipient_ids.map((id) => names.get(id)?.recipient ?? id),
      [...new Set(a.recipient_ids.map((id) => names.get(id)?.party ?? '').filter(Boolean))], a.sections,
      a.entities.map((id) => people[id]?.name ?? id), a.rows.length, a.rows.map((r) => `${r.file}:${r.row}`), a.reasons, a.reasons_fr,
    ]));
    const user = (req as { user?: { name?: string } }).user?.name ?? null;
    await ctx.audit(user, 'export', true, { kind: 'finance-alerts-csv', scan_id: scan.scanId, ...q.data, alerts: alerts.length });
    const suffix = [q.data.type, q.data.year].filter((x) => x !== undefined).join('-');
    reply.header('content-disposition', `attachment; filename="vigie-finance-alerts${suffix ? `-${suffix}` : ''}.csv"`).type('text/csv; charset=utf-8');
    return body;
  });
  app.get('/alerts/:id', { config: { role: 'analyst' } }, async (req, reply) => {
    const id = String((req.params as { id: string }).id);
    if (!/^F\d{5,}$/.test(id)) return reply.code(400).send(invalid('an alert id looks like F00001'));
    const scan = await latest(reply);
    if (!scan) return reply;
    const alert = (scan.result.alerts as AlertOut[]).find((a) => a.id === id);
    if (!alert) return reply.code(404).send({ error: 'VIGIE_ERR_HTTP_NOT_FOUND', message: `no alert ${id} in the latest scan` });
    const names = namesOf(scan.result.recipients as RankedRecipient[]);
    const stored = (scan.result.people ?? {}) as Record<string, PersonOut>;
    const people = [];
    for (const pid of alert.entities) {
      const p = stored[pid];
      if (!p) { people.push({ id: pid, name: pid, postal: '', city: '', spellings: [], links: [], rows: 0, history: [] }); continue; }
      const history = alert.entities.length <= HISTORY_PEOPLE_MAX ? await reader.rows(p.rows.slice(0, HISTORY_ROWS_MAX)) : [];
      people.push({ ...p, rows: p.rows.length, history });
    }
    const personOfRow = new Map<string, string>();
    for (const pid of alert.entities) for (const r of stored[pid]?.rows ?? []) personOfRow.set(`${r.file}:${r.row}`, pid);
    const rowDetails = (await reader.rows(alert.rows)).map((r) => ({ ...r, person: personOfRow.get(`${r.file}:${r.row}`) ?? null }));
    return {
      ...alert,
      recipients: alert.recipient_ids.map((rid) => names.get(rid) ?? { recipient_id: rid, recipient: rid }),
      people,
      row_details: rowDetails,
    };
  });
};
