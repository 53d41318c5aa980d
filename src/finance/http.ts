import { z } from 'zod';
import type { HttpPlugin } from '../core/module/index.js';
import { FinanceReader } from './repository.js';

const ALERT_TYPES = ['limit_breach', 'straw_ring', 'network', 'burst', 'ineligible_corporate', 'foreign_address', 'cash'] as const;

const listQuery = z.strictObject({
  type: z.enum(ALERT_TYPES).optional(),
  recipient: z.string().min(1).max(200).optional(),
  limit: z.coerce.number().int().min(1).max(1000).default(100),
});

/**
 * `/api/finance/*`, read-only, from the latest `finance scan`:
 * - `GET recipients` (viewer): the ranking, with reasons in EN and FR;
 * - `GET alerts?type=&recipient=&limit=` (analyst: evidence about people);
 * - `GET alerts/:id` (analyst): one alert with the stored rows it cites.
 * A 404 with a code before any scan.
 */
export const financeRoutes: HttpPlugin = async (app, ctx) => {
  const reader = new FinanceReader(ctx.reader);
  const latest = async (reply: { code(n: number): { send(x: unknown): unknown } }) => {
    const scan = await reader.latestScan();
    if (!scan) reply.code(404).send({ error: 'VIGIE_ERR_HTTP_NOT_FOUND', message: 'no finance scan yet: run vigie finance scan' });
    return scan;
  };
  app.get('/recipients', async (_req, reply) => {
    const scan = await latest(reply);
    if (!scan) return reply;
    return { scan_id: scan.scanId, created_at: scan.createdAt, year: scan.year, counts: scan.result.counts, recipients: scan.result.recipients };
  });
  app.get('/alerts', { config: { role: 'analyst' } }, async (req, reply) => {
    const q = listQuery.safeParse(req.query);
    if (!q.success) return reply.code(400).send({ error: 'VIGIE_ERR_HTTP_INVALID', message: q.error.issues[0]!.message });
    const scan = await latest(reply);
    if (!scan) return reply;
    const alerts = (scan.result.alerts as Array<{ type: string; recipient_ids: string[] }>)
      .filter((a) => (!q.data.type || a.type === q.data.type) && (!q.data.recipient || a.recipient_ids.includes(q.data.recipient)));
    return { scan_id: scan.scanId, total: alerts.length, alerts: alerts.slice(0, q.data.limit) };
  });
  app.get('/alerts/:id', { config: { role: 'analyst' } }, async (req, reply) => {
    const id = String((req.params as { id: string }).id);
    if (!/^F\d{5,}$/.test(id)) return reply.code(400).send({ error: 'VIGIE_ERR_HTTP_INVALID', message: 'an alert id looks like F00001' });
    const scan = await latest(reply);
    if (!scan) return reply;
    const alert = (scan.result.alerts as Array<{ id: string; rows: Array<{ file: string; row: number }> }>).find((a) => a.id === id);
    if (!alert) return reply.code(404).send({ error: 'VIGIE_ERR_HTTP_NOT_FOUND', message: `no alert ${id} in the latest scan` });
    return { ...alert, row_details: await reader.rows(alert.rows) };
  });
};
