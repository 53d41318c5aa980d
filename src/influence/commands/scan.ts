import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { VigieError } from '../../core/index.js';
import { DB_FLAG, defineCommand, renderText, type Lang } from '../../core/module/index.js';
import { DEFAULT_CO_ACTION } from '../detect/co-action.js';
import { scanPosts, type ScanResult } from '../detect/scan.js';
import { InfluenceRepository } from '../repository.js';
import { INFLUENCE_TEXT } from '../text/catalogue.js';

const SCAN_HELP = `Usage: vigie influence scan [--db PATH] [--json OUT] [options]

Finds accounts acting together in the stored posts and the narratives they push: reposts of
the same posts within seconds, the same links or rare hashtags within minutes, near-identical
text (English, French, Simplified and Traditional Chinese alike) within minutes, the same
message forwarded into several group chats, replies swarming the same posts. Two accounts are
linked only when they act together on ${DEFAULT_CO_ACTION.minItems} items or more and on most of the items they
both touch; crowds (a trending hashtag, a viral article) weigh less. Groups are the linked
accounts; their posts, signals, hours and targets are the evidence. Results replace the last
scan's in the database (see 'vigie influence groups').

Options:
  --json OUT          write groups and narratives as JSON ('-' for stdout)
  --min-items N       items acted on together for a link (default ${DEFAULT_CO_ACTION.minItems})
  --min-sync-ratio X  share of shared items acted on together (default ${DEFAULT_CO_ACTION.minSyncRatio})
  --lang en|fr        language of the summary and of 'reasons' (default en; reasons_fr always)
  --db PATH           database file (default: db_path, ./vigie.duckdb)
  --quiet             no summary
  -h, --help          this help`;

/**
 * Store a scan's results with its reasons rendered (`reasons` in `lang`, `reasons_en` and
 * `reasons_fr` always, `reasons_codes` as data), and return what `--json` writes.
 */
export async function saveScanResult(repo: InfluenceRepository, result: ScanResult, lang: Lang) {
  const groups = result.groups.map((g) => ({
    ...g,
    reasons_codes: g.reasons,
    reasons: g.reasons.map((r) => renderText(r, lang, [INFLUENCE_TEXT])),
    reasons_fr: g.reasons.map((r) => renderText(r, 'fr', [INFLUENCE_TEXT])),
    reasons_en: g.reasons.map((r) => renderText(r, 'en', [INFLUENCE_TEXT])),
  }));
  const summary = { posts: result.stats.posts, accounts: result.stats.accounts, groups: groups.length, flagged_accounts: result.stats.flagged_accounts, narratives: result.narratives.length, edges: result.stats.edges, items: result.stats.items };
  await repo.saveScan({ groups, narratives: result.narratives, evidence: result.evidence, summary });
  return { groups, summary };
}

/** `vigie influence scan [--db PATH] --json OUT` */
export const influenceScanCommand = defineCommand({
  noun: 'influence',
  verb: 'scan',
  summary: 'find coordinated account groups and narratives in the stored posts',
  help: SCAN_HELP,
  options: z.strictObject({
    json: z.string().min(1).optional(),
    'min-items': z.coerce.number().int().min(2).max(1000).default(DEFAULT_CO_ACTION.minItems),
    'min-sync-ratio': z.coerce.number().min(0).max(1).default(DEFAULT_CO_ACTION.minSyncRatio),
    lang: z.enum(['en', 'fr']).default('en'),
    db: DB_FLAG,
    quiet: z.boolean().default(false),
  }),
  config: { db: 'db_path' },
  positionals: false,
  run: async ({ options: o }, ctx) => {
    const session = await ctx.openStore({ create: false });
    try {
      const repo = new InfluenceRepository(session.database);
      const posts = await repo.allPosts();
      if (posts.length === 0) throw new VigieError('VIGIE_ERR_USAGE', `influence scan: no posts in ${session.database.location}; run vigie influence import first`);
      const result = scanPosts(posts, { ...DEFAULT_CO_ACTION, minItems: o['min-items'], minSyncRatio: o['min-sync-ratio'] });
      const { groups, summary } = await saveScanResult(repo, result, o.lang);
      const out = JSON.stringify({ summary, groups, narratives: result.narratives }, null, 2) + '\n';
      if (o.json === '-') ctx.stdout.write(out);
      else if (o.json) await writeFile(o.json, out);
      if (!o.quiet && o.json !== '-') {
        const fr = o.lang === 'fr';
        ctx.stdout.write(fr
          ? `${groups.length} groupes coordonnés (${summary.flagged_accounts} comptes sur ${summary.accounts}), ${summary.narratives} récits, ${summary.posts} messages\n`
          : `${groups.length} coordinated groups (${summary.flagged_accounts} of ${summary.accounts} accounts), ${summary.narratives} narratives, ${summary.posts} posts\n`);
        for (const g of groups.slice(0, 20)) {
          ctx.stdout.write(`  ${g.id}  score ${g.score.toFixed(2)}  ${g.accounts.length} ${fr ? 'comptes' : 'accounts'}, ${g.posts.length} posts  ${g.first.slice(0, 10)}..${g.last.slice(0, 10)}  ${g.platforms.join('+')}  ${g.langs.join(',')}\n`);
          ctx.stdout.write(`      ${g.reasons.join('; ')}\n`);
        }
        if (groups.length > 20) ctx.stdout.write(`  ... ${groups.length - 20} more (vigie influence groups)\n`);
      }
      return 0;
    } finally {
      await session.close();
    }
  },
});
