import { z } from 'zod';
import { DB_FLAG, defineCommand } from '../../core/module/index.js';
import { TipsRepository } from '../repository.js';

/** `vigie tips inbox` */
export const tipsInboxCommand = defineCommand({
  noun: 'tips',
  verb: 'inbox',
  summary: 'reports received: arrival hour, language, status, counts (never their content)',
  help: `Usage: vigie tips inbox [--db PATH] [--json]

One line per report, newest first: id, arrival (to the hour), language, status, attachments,
messages. The content is sealed: read it in the dashboard with your unlocked key.

Options:
  --db PATH   database file (default vigie.duckdb, VIGIE_DB_PATH)
  --json      one JSON object per report
  -h, --help  this help`,
  options: z.strictObject({ db: DB_FLAG, json: z.boolean().default(false) }),
  config: { db: 'db_path' },
  positionals: false,
  run: async ({ options }, ctx) => {
    const session = await ctx.openStore({ create: false });
    try {
      for (const r of await new TipsRepository(session.database).inbox()) {
        ctx.stdout.write(options.json ? `${JSON.stringify(r)}\n` : `${r.id}  ${r.received}  ${String(r.lang).padEnd(7)}  ${String(r.status).padEnd(8)}  files ${r.attachments}  messages ${r.messages}\n`);
      }
    } finally {
      await session.close();
    }
    return 0;
  },
});
