import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DemoContext } from '../core/module/index.js';
import { importFile } from './commands/import.js';
import { saveScanResult } from './commands/scan.js';
import { scanPosts } from './detect/scan.js';
import { generateMonth } from './generate/month.js';
import { InfluenceRepository } from './repository.js';

/**
 * `vigie demo`'s influence part: a generated month ending today (X and WeChat, en/fr/zh-Hans/
 * zh-Hant, four planted campaigns and six look-alikes) imported from a JSONL file as a user
 * would, then scanned, so the groups and their evidence are there to look at.
 */
export async function influenceDemo(ctx: DemoContext): Promise<string> {
  const start = new Date(ctx.now.getTime() - 30 * 86_400_000);
  const { posts } = generateMonth({ seed: ctx.seed, start, backgroundAccounts: 600 });
  const file = join(ctx.dir, 'influence-month.jsonl');
  await writeFile(file, posts.map((p) => JSON.stringify(p)).join('\n') + '\n');
  const repo = new InfluenceRepository(ctx.database);
  await importFile(repo, file, 'jsonl', {});
  const result = scanPosts(await repo.allPosts());
  await saveScanResult(repo, result, 'en');
  return `${posts.length.toLocaleString('en-CA')} posts of a generated month, ${result.groups.length} coordinated groups. See /api/influence/groups while the demo serves; after Ctrl-C, vigie influence groups --db ${ctx.database.location}`;
}
