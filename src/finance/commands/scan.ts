import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { defineCommand, DB_FLAG } from '../../core/module/index.js';
import { FinanceRepository } from '../repository.js';
import { scanContributions } from '../scan.js';

const HELP = `Usage: vigie finance scan [--db PATH] [--year Y] --json OUT [--top N]

Resolves contributors into people (one person under several spellings), runs the detectors
(limit breaches s.367, straw-donor rings s.370/s.368, networks funding several candidates,
bursts before nominations, ineligible contributors s.363) over the imported contributions,
ranks recipients, and writes recipients, alerts and counts as JSON. The terminal summary
leads with the top recipients.

Options:
  --db PATH     database file (default: db_path, ./vigie.duckdb)
  --year Y      keep the alerts that touch year Y (history still counts: first-time donors)
  --json OUT    write the result as JSON to OUT ('-' for stdout)
  --top N       recipients in the terminal summary (default 10)
  -h, --help    this help`;

/** `vigie finance scan` */
export const financeScanCommand = defineCommand({
  noun: 'finance',
  verb: 'scan',
  summary: 'rank recipients and list alerts (limit breaches, straw rings, networks...)',
  help: HELP,
  options: z.strictObject({
    db: DB_FLAG,
    year: z.coerce.number().int().min(2000).max(2100).optional(),
    json: z.string().min(1),
    top: z.coerce.number().int().min(0).max(1000).default(10),
  }),
  config: { db: 'db_path' },
  positionals: false,
  run: async ({ options: o }, ctx) => {
    const session = await ctx.openStore({ create: false, memoryLimitMb: 256 });
    try {
      const rows = await new FinanceRepository(session.database).itemised();
      const result = scanContributions(rows, o.year !== undefined ? { year: o.year } : {});
      await new FinanceRepository(session.database).saveScan(result, o.year ?? null);
      // The stored scan keeps `people` for the dashboard's alert pages; the JSON is the
      // documented contract (recipients, alerts, counts).
      const { people: _people, ...contract } = result;
      const json = JSON.stringify(contract) + '\n';
      if (o.json === '-') ctx.stdout.write(json);
      else await writeFile(o.json, json);
      if (o.json !== '-') {
        const out = (line: string) => ctx.stdout.write(`${line}\n`);
        out(`${result.counts.rows.toLocaleString('en-CA')} itemised rows, ${result.counts.people.toLocaleString('en-CA')} people, ${result.counts.recipients.toLocaleString('en-CA')} recipients; ${result.counts.alerts.toLocaleString('en-CA')} alerts (${Object.entries(result.counts.by_type).map(([k, v]) => `${k} ${v}`).join(', ') || 'none'})`);
        for (const [n, r] of result.recipients.slice(0, o.top).entries()) {
          out(`${String(n + 1).padStart(3)}. ${r.score.toFixed(3)}  ${r.recipient}${r.party ? ` (${r.party})` : ''}: ${r.reasons.join('; ')}`);
        }
      }
      return 0;
    } finally {
      await session.close();
    }
  },
});
