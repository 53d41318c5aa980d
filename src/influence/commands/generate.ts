import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { defineCommand } from '../../core/module/index.js';
import { generateMonth } from '../generate/month.js';

const GENERATE_HELP = `Usage: vigie influence generate --out FILE.jsonl [--seed N] [--truth FILE.json] [--accounts N]

Writes a generated month of posts (X and WeChat; English, French, Simplified and Traditional
Chinese) with four planted campaigns and six legal look-alikes, in the JSONL schema
'vigie influence import' reads. --truth writes what was planted (campaign accounts and posts,
look-alike accounts) to score a scan against. The same seed gives the same month.

Options:
  --out FILE       the posts (JSONL)
  --seed N         generator seed (default 1)
  --truth FILE     also write the planted truth (JSON)
  --accounts N     organic background accounts (default 1500)
  -h, --help       this help`;

/** `vigie influence generate --out FILE` */
export const influenceGenerateCommand = defineCommand({
  noun: 'influence',
  verb: 'generate',
  summary: 'write a generated multilingual month with planted campaigns and look-alikes',
  help: GENERATE_HELP,
  options: z.strictObject({
    out: z.string().min(1),
    seed: z.coerce.number().int().min(0).max(2 ** 31).default(1),
    truth: z.string().min(1).optional(),
    accounts: z.coerce.number().int().min(100).max(1_000_000).default(1500),
  }),
  positionals: false,
  run: async ({ options: o }, ctx) => {
    const { posts, truth } = generateMonth({ seed: o.seed, backgroundAccounts: o.accounts });
    await writeFile(o.out, posts.map((p) => JSON.stringify(p)).join('\n') + '\n');
    if (o.truth) await writeFile(o.truth, JSON.stringify(truth, null, 2) + '\n');
    ctx.stderr.write(`${posts.length} posts, ${truth.campaigns.length} campaigns, ${truth.lookalikes.length} look-alikes -> ${o.out}\n`);
    return 0;
  },
});
