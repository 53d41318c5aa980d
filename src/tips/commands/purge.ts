import { z } from 'zod';
import { DB_FLAG, defineCommand } from '../../core/module/index.js';
import { TipsRepository } from '../repository.js';

/** `vigie tips purge`: the retention job (run it daily, from cron or a systemd timer). */
export const tipsPurgeCommand = defineCommand({
  noun: 'tips',
  verb: 'purge',
  summary: 'delete reports older than the retention period that no case keeps, and say which',
  help: `Usage: vigie tips purge [--retention-days N] [--compact] [--db PATH]

Deletes every report received more than N days ago (default tips.retention_days, 90) that is
in no case, with its sealed keys, messages and attachments: their sealed bytes are first
overwritten with zeros and checkpointed, then deleted and checkpointed again (README, "tips:
threat model", says what this cannot promise). Prints one line per report removed and the
counts. \`vigie serve\` runs the same pass at start and every tips.purge_every_hours (24);
use this command from cron when no server runs.

Options:
  --retention-days N   keep reports this many days (VIGIE_TIPS_RETENTION_DAYS)
  --compact            then rewrite the database into a fresh file holding only live data and
                       overwrite the old one with zeros, so no copy of a removed report's keys
                       stays in the file's unused blocks (stop vigie serve first)
  --db PATH            database file (default vigie.duckdb, VIGIE_DB_PATH)
  -h, --help           this help`,
  options: z.strictObject({ 'retention-days': z.coerce.number().int().min(1).max(36500).optional(), compact: z.boolean().default(false), db: DB_FLAG }),
  config: { db: 'db_path', 'retention-days': 'tips.retention_days' },
  positionals: false,
  run: async (input, ctx) => {
    const days = ctx.config.get<number>('tips.retention_days');
    const session = await ctx.openStore({ create: false });
    try {
      const { removed, kept } = await new TipsRepository(session.database).purgeOlderThan(days, new Date());
      for (const id of removed) ctx.stdout.write(`removed ${id}\n`);
      ctx.stdout.write(`tips purge: ${removed.length} report(s) older than ${days} days and in no case removed; ${kept} kept in cases\n`);
    } finally {
      await session.close();
    }
    if (input.options.compact) {
      const { bytesBefore, bytesAfter } = await ctx.compactStore();
      ctx.stdout.write(`tips purge: database rewritten with live data only (${bytesBefore} bytes before, ${bytesAfter} after); the old file was overwritten with zeros\n`);
    }
    return 0;
  },
});
