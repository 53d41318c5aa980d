import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { VigieError } from '../../core/index.js';
import { defineCommand, DB_FLAG } from '../../core/module/index.js';
import { importFiles } from '../import.js';
import { ProgressBar } from '../../core/progress-bar.js';

const HELP = `Usage: vigie finance import FILE... [--db PATH] [--json OUT] [--quiet]

Imports Elections Canada political-financing contribution files into the database. The
layout is detected per file: the 27-column "as reviewed" open data (od_cntrbtn_audt_e.csv),
the 26-column "as submitted" one (English or French headers, or none), and the 2004–2013
as-submitted party lists (no header, amounts in cents). UTF-8 (with or without BOM) or
Latin-1; .zip and .gz are read directly. "Contributions of $200 or less" lines are kept
apart from itemised contributions. Malformed rows are counted and listed as file:line with
a reason, the rest imported. A file whose content is already stored is skipped.

Options:
  --db PATH     database file (default: db_path, ./vigie.duckdb)
  --json OUT    also write the summary as JSON to OUT ('-' for stdout)
  --quiet       no progress bar, no summary
  -h, --help    this help`;

/** `vigie finance import FILE...` */
export const financeImportCommand = defineCommand({
  noun: 'finance',
  verb: 'import',
  summary: 'import Elections Canada contribution files (csv, .gz, .zip)',
  help: HELP,
  options: z.strictObject({ db: DB_FLAG, json: z.string().min(1).optional(), quiet: z.boolean().default(false) }),
  config: { db: 'db_path' },
  run: async ({ options: o, positionals }, ctx) => {
    if (positionals.length === 0) throw new VigieError('VIGIE_ERR_USAGE', 'finance import: name at least one contribution file; see vigie finance import --help');
    // DuckDB's CSV reader loads a file in one statement, in file order: 512 MB before it spills
    // (the store's default 96 MB runs out on a 300k-row file).
    const session = await ctx.openStore({ memoryLimitMb: 512 });
    const bar = new ProgressBar(!o.quiet, 'rows');
    try {
      const runId = await session.beginRun({ command: 'finance import', args: positionals });
      const summary = await importFiles({ files: positionals, database: session.database, signal: ctx.signal, onProgress: (f, d, t, r) => bar.update(f, d, t, r) });
      bar.clear();
      await session.finishRun(runId, summary);
      const json = JSON.stringify(summary, null, 2) + '\n';
      if (o.json === '-') ctx.stdout.write(json);
      else if (o.json) await writeFile(o.json, json);
      const out = (line: string) => ctx.stdout.write(`${line}\n`);
      if (!o.quiet && o.json !== '-') {
        for (const f of summary.files) {
          out(`${f.file}: ${f.status.replace('_', ' ')}${f.layout ? `, layout ${f.layout}` : ''}${f.encoding ? `, ${f.encoding}` : ''}; ${f.itemised.toLocaleString('en-CA')} itemised rows, ${f.rollups.toLocaleString('en-CA')} rollup rows, ${f.malformed.toLocaleString('en-CA')} malformed`);
        }
        out(`imported ${summary.rows.toLocaleString('en-CA')} rows (${summary.malformed.toLocaleString('en-CA')} malformed) in ${summary.seconds.toFixed(1)} s`);
      }
      for (const f of summary.files) for (const e of f.errors) ctx.stderr.write(`vigie: ${e}\n`);
      if (summary.files.some((f) => f.status === 'unreadable')) return 4;
      return 0;
    } finally {
      bar.clear();
      await session.close();
    }
  },
});
