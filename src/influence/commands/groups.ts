import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { VigieError } from '../../core/index.js';
import { DB_FLAG, defineCommand } from '../../core/module/index.js';
import { accountGraph, evidenceCsv } from '../network/group-export.js';
import { InfluenceRepository } from '../repository.js';

const GROUPS_HELP = `Usage: vigie influence groups [--db PATH] [--group ID [--out FILE]] [--json OUT]

Lists the coordinated groups of the last 'vigie influence scan', highest score first. With
--group, shows that group's evidence post by post: each pair of posts that acted together,
the signal, the shared item, the time gap, and where each post is (file:line).

Options:
  --group ID     one group's evidence (G1, G2... as the scan numbered them)
  --out FILE     with --group: write the evidence as CSV (.csv), or the group's account graph
                 as GraphML (.graphml) or GEXF (.gexf) for Gephi
  --json OUT     the groups (or the group and its evidence) as JSON ('-' for stdout)
  --limit N      evidence rows shown (default 50; files get all)
  --db PATH      database file (default: db_path, ./vigie.duckdb)
  -h, --help     this help`;

const iso = (ts: unknown): string => new Date(Number(ts) * 1000).toISOString().replace('.000Z', 'Z');

/** `vigie influence groups [--group ID]` */
export const influenceGroupsCommand = defineCommand({
  noun: 'influence',
  verb: 'groups',
  summary: 'list the last scan\'s groups, or one group\'s evidence post by post',
  help: GROUPS_HELP,
  options: z.strictObject({
    group: z.string().regex(/^G\d{1,7}$/, 'takes a group id such as G1').optional(),
    out: z.string().min(1).optional(),
    json: z.string().min(1).optional(),
    limit: z.coerce.number().int().min(1).max(1_000_000).default(50),
    db: DB_FLAG,
  }),
  config: { db: 'db_path' },
  positionals: false,
  run: async ({ options: o }, ctx) => {
    if (o.out && !o.group) throw new VigieError('VIGIE_ERR_USAGE', 'influence groups: --out needs --group ID; see vigie influence groups --help');
    const session = await ctx.openStore({ create: false });
    try {
      const repo = new InfluenceRepository(session.database);
      if (!o.group) {
        const groups = await repo.groups();
        if (o.json) {
          const text = JSON.stringify(groups, null, 2) + '\n';
          if (o.json === '-') ctx.stdout.write(text); else await writeFile(o.json, text);
        }
        if (o.json !== '-') {
          if (groups.length === 0) ctx.stdout.write('no groups: run vigie influence scan first (or nothing acted together)\n');
          for (const g of groups) {
            const x = g as { id: string; score: number; accounts: string[]; posts: string[]; first: string; last: string; platforms: string[]; reasons: string[] };
            ctx.stdout.write(`${x.id}  score ${x.score.toFixed(2)}  ${x.accounts.length} accounts, ${x.posts.length} posts  ${x.first}..${x.last}  ${x.platforms.join('+')}\n    ${x.accounts.slice(0, 12).join(' ')}${x.accounts.length > 12 ? ' ...' : ''}\n    ${x.reasons.join('; ')}\n`);
          }
        }
        return 0;
      }
      const group = await repo.group(o.group);
      if (!group) throw new VigieError('VIGIE_ERR_USAGE', `influence groups: no group ${o.group} in the last scan; see vigie influence groups`);
      const rows = await repo.evidence(o.group, o.out || o.json ? 1_000_000 : o.limit);
      if (o.out) {
        const text = o.out.endsWith('.graphml') || o.out.endsWith('.gexf') ? accountGraph(rows, o.out.endsWith('.gexf')) : evidenceCsv(rows);
        await writeFile(o.out, text);
      }
      if (o.json) {
        const text = JSON.stringify({ group, evidence: rows }, null, 2) + '\n';
        if (o.json === '-') ctx.stdout.write(text); else await writeFile(o.json, text);
      }
      if (o.json !== '-') {
        const g = group as { id: string; accounts: string[]; reasons: string[] };
        ctx.stdout.write(`${g.id}: ${g.accounts.join(' ')}\n  ${g.reasons.join('\n  ')}\n`);
        for (const r of rows.slice(0, o.limit)) {
          ctx.stdout.write(`[${r.signal}] ${r.item}  gap ${Number(r.gap_secs).toFixed(0)} s\n`
            + `  ${iso(r.ts_a)} @${r.account_a} (${r.platform_a}${r.channel_a ? ' ' + r.channel_a : ''}) ${r.file_a}:${r.line_a}\n    ${String(r.text_a).slice(0, 200)}\n`
            + `  ${iso(r.ts_b)} @${r.account_b} (${r.platform_b}${r.channel_b ? ' ' + r.channel_b : ''}) ${r.file_b}:${r.line_b}\n    ${String(r.text_b).slice(0, 200)}\n`);
        }
      }
      return 0;
    } finally {
      await session.close();
    }
  },
});
