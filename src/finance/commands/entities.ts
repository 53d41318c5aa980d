import { createWriteStream } from 'node:fs';
import { z } from 'zod';
import { defineCommand, DB_FLAG } from '../../core/module/index.js';
import { FinanceRepository } from '../repository.js';
import { resolveContributors } from '../resolve/resolve.js';

const HELP = `Usage: vigie finance entities [--db PATH] --out FILE.csv

Resolves contributors into people and writes file,row,entity_id for every itemised row (the
same person under several spellings has one entity_id; homonyms at other postal codes or
with other middle initials have their own).

Options:
  --db PATH     database file (default: db_path, ./vigie.duckdb)
  --out FILE    the CSV to write ('-' for stdout)
  -h, --help    this help`;

/** `vigie finance entities --out FILE.csv` */
export const financeEntitiesCommand = defineCommand({
  noun: 'finance',
  verb: 'entities',
  summary: 'write the resolved person of every itemised row as CSV',
  help: HELP,
  options: z.strictObject({ db: DB_FLAG, out: z.string().min(1) }),
  config: { db: 'db_path' },
  positionals: false,
  run: async ({ options: o }, ctx) => {
    const session = await ctx.openStore({ create: false, memoryLimitMb: 2048 });
    try {
      const rows = await new FinanceRepository(session.database).itemised();
      const { entityOfRow, entities } = resolveContributors(rows);
      const file = o.out === '-' ? null : createWriteStream(o.out);
      const sink: NodeJS.WritableStream = file ?? ctx.stdout;
      const quote = (s: string) => (/[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s);
      let buf = 'file,row,entity_id\n';
      for (let i = 0; i < rows.length; i++) {
        buf += `${quote(rows[i]!.file)},${rows[i]!.row},${entities[entityOfRow[i]!]!.id}\n`;
        if (buf.length > 1 << 16) { if (!sink.write(buf)) await new Promise((r) => sink.once('drain', r)); buf = ''; }
      }
      if (!file) sink.write(buf);
      else await new Promise<void>((resolve, reject) => { file.once('error', reject); file.end(buf, () => resolve()); });
      if (o.out !== '-') ctx.stdout.write(`${rows.length.toLocaleString('en-CA')} rows, ${entities.length.toLocaleString('en-CA')} people → ${o.out}\n`);
      return 0;
    } finally {
      await session.close();
    }
  },
});
