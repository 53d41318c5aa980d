import { z } from 'zod';
import { VigieError } from '../core/index.js';
import type { HttpPlugin } from '../core/module/index.js';
import { accountGraph, evidenceCsv } from './network/group-export.js';
import { InfluenceReader } from './repository.js';

const GROUP_ID = z.strictObject({ id: z.string().regex(/^G\d{1,7}$/) });
const LIMIT = z.strictObject({ limit: z.coerce.number().int().min(1).max(5000).default(200) });

/** Evidence rows in one export (a group's every co-action, as the CLI's `--out` writes them). */
const EXPORT_MAX = 1_000_000;

/**
 * `/api/influence/*`: the last scan's groups and narratives (any signed-in user: they name
 * accounts and counts), and one group's evidence post by post (analysts: it quotes posts):
 * as JSON (`groups/:id`), as CSV (`groups/:id/evidence.csv`, formulas defused) and as the
 * accounts' graph for Gephi (`groups/:id/graph.gexf`); the two files are audited.
 */
export const influenceRoutes: HttpPlugin = async (app, ctx) => {
  const reads = new InfluenceReader(ctx.reader);
  const limitOf = (query: unknown): number => {
    const parsed = LIMIT.safeParse(query ?? {});
    if (!parsed.success) throw new VigieError('VIGIE_ERR_HTTP_INVALID', 'limit: a whole number from 1 to 5000');
    return parsed.data.limit;
  };
  app.get('/groups', async (req) => ({ groups: await reads.groups(limitOf(req.query)) }));
  app.get('/narratives', async (req) => ({ narratives: await reads.narratives(limitOf(req.query)) }));
  app.get('/groups/:id', { config: { role: 'analyst' } }, async (req) => {
    const params = GROUP_ID.safeParse(req.params);
    if (!params.success) throw new VigieError('VIGIE_ERR_HTTP_INVALID', 'group id: G followed by digits');
    const group = await reads.group(params.data.id);
    if (!group) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `no group ${params.data.id} in the last scan`);
    return { group, evidence: await reads.evidence(params.data.id, limitOf(req.query)) };
  });
  const exportRoute = (suffix: string, kind: string, type: string, render: (rows: ReadonlyArray<Record<string, unknown>>) => string): void => {
    app.get(`/groups/:id/${suffix}`, { config: { role: 'analyst' } }, async (req, reply) => {
      const params = GROUP_ID.safeParse(req.params);
      if (!params.success) throw new VigieError('VIGIE_ERR_HTTP_INVALID', 'group id: G followed by digits');
      if (!(await reads.group(params.data.id))) throw new VigieError('VIGIE_ERR_HTTP_NOT_FOUND', `no group ${params.data.id} in the last scan`);
      const rows = await reads.evidence(params.data.id, EXPORT_MAX);
      const user = (req as unknown as { user?: { name?: string } | null }).user?.name ?? null;
      await ctx.audit(user, 'export', true, { kind, group: params.data.id, rows: rows.length });
      reply.header('content-disposition', `attachment; filename="vigie-influence-${params.data.id}-${suffix}"`).type(type);
      return render(rows);
    });
  };
  exportRoute('evidence.csv', 'influence-evidence-csv', 'text/csv; charset=utf-8', evidenceCsv);
  exportRoute('graph.gexf', 'influence-graph-gexf', 'application/gexf+xml; charset=utf-8', (rows) => accountGraph(rows, true));
};
