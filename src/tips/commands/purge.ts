import { z } from 'zod';
import { DB_FLAG, defineCommand } from '../../core/module/index.js';
import { TipsRepository } from '../repository.js';

/** `vigie tips purge`: the retention job (run it daily, from cron or a systemd timer). */
export const tipsPurgeCommand = defineCommand({
  noun: 'tips',
  verb: 'purge',
  summary: 'delete reports older than the retention period that no case keeps, and say which',
  help: `Usage: vigie tips purge [--retention-days N] [--db PATH]

Deletes every report received more than N days ago (default tips.retention_days, 90) that is
in no case, with its sealed keys, messages and attachments, then checkpoints the database so
the freed blocks are rewritten. Prints one line per report removed and a count. Run daily.

Options:
  --retention-days N   keep reports this many days (VIGIE_TIPS_RETENTION_DAYS)
  --db PATH            database file (default vigie.duckdb, VIGIE_DB_PATH)
  -h, --help           this help`,
  options: z.strictObject({ 'retention-days': z.coerce.number().int().min(1).max(36500).optional(), db: DB_FLAG }),
  config: { db: 'db_path', 'retention-days': 'tips.retention_days' },
  positionals: false,
  run: async (_input, ctx) => {
    const days = ctx.config.get<number>('tips.retention_days');
    const session = await ctx.openStore({ create: false });
    try {
      const removed = await new TipsRepository(session.database).purgeOlderThan(days);
      for (const id of removed) ctx.stdout.write(`removed ${id}\n`);
      ctx.stdout.write(`tips purge: ${removed.length} report(s) older than ${days} days and in no case removed\n`);
    } finally {
      await session.close();
    }
    return 0;
  },
});
