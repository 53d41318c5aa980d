import { writeFile } from 'node:fs/promises';
import { z } from 'zod';
import { VigieError } from '../../core/index.js';
import { DB_FLAG, defineCommand } from '../../core/module/index.js';
import { edgesCsv, edgesGexf, edgesGraphml } from '../network/export.js';
import { computeNetwork, NETWORK_TYPES } from '../network/qut-network.js';
import { InfluenceRepository } from '../repository.js';

const NETWORK_HELP = `Usage: vigie influence network --type T --out FILE [options]

The QUT coordination-network-toolkit's networks over the stored posts, with its semantics
(parity mode): an edge u -> v weighs how many distinct posts of u matched a post of v within
the window; edges are directed and asymmetric.
  co_retweet  reposts of the same post
  co_tweet    the same text (lower case, @mentions removed, whitespace collapsed)
  co_link     the same link (reposts' links left out; an empty link is no link)
  co_reply    replies to the same post
  co_similar  token sets with Jaccard similarity >= --similarity

Options:
  --type T              one of ${NETWORK_TYPES.join(', ')} (required)
  --window SECS         posts match when at most SECS apart (default 60)
  --min-weight N        keep edges of weight >= N (default 2, as the toolkit)
  --similarity X        co_similar threshold, 0-1 (default 0.8)
  --min-tokens N        co_similar: shorter posts match nothing (default 1)
  --loops               keep self-loops (an account matching itself)
  --out FILE            edges: .csv (Gephi, as the toolkit), .graphml or .gexf; '-' for stdout
  --db PATH             database file (default: db_path, ./vigie.duckdb)
  -h, --help            this help`;

/** `vigie influence network --type T --window SECS --min-weight N --out edges.csv` */
export const influenceNetworkCommand = defineCommand({
  noun: 'influence',
  verb: 'network',
  summary: 'QUT-toolkit coordination networks (co_retweet, co_tweet, co_link, co_reply, co_similar)',
  help: NETWORK_HELP,
  options: z.strictObject({
    type: z.enum(NETWORK_TYPES),
    window: z.coerce.number().min(0).max(365 * 86_400).default(60),
    'min-weight': z.coerce.number().int().min(1).max(1_000_000).default(2),
    similarity: z.coerce.number().min(0).max(1).default(0.8),
    'min-tokens': z.coerce.number().int().min(1).max(10_000).default(1),
    loops: z.boolean().default(false),
    out: z.string().min(1),
    db: DB_FLAG,
  }),
  config: { db: 'db_path' },
  positionals: false,
  run: async ({ options: o }, ctx) => {
    const session = await ctx.openStore({ create: false });
    try {
      const posts = await new InfluenceRepository(session.database).allPosts();
      if (posts.length === 0) throw new VigieError('VIGIE_ERR_USAGE', `influence network: no posts in ${session.database.location}; run vigie influence import first`);
      const all = computeNetwork(posts, { type: o.type, windowSecs: o.window, minWeight: o['min-weight'], similarity: o.similarity, minTokens: o['min-tokens'] });
      const edges = o.loops ? all : all.filter((e) => e.source !== e.target);
      const text = o.out.endsWith('.graphml') ? edgesGraphml(edges, o.type) : o.out.endsWith('.gexf') ? edgesGexf(edges, o.type) : edgesCsv(edges, o.type);
      if (o.out === '-') ctx.stdout.write(text);
      else {
        await writeFile(o.out, text);
        const nodes = new Set(edges.flatMap((e) => [e.source, e.target])).size;
        ctx.stderr.write(`${o.type}: ${edges.length} directed edges between ${nodes} accounts (${posts.length} posts, window ${o.window} s, min weight ${o['min-weight']}) -> ${o.out}\n`);
      }
      return 0;
    } finally {
      await session.close();
    }
  },
});
