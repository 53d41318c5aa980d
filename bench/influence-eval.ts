/**
 * `npm run eval:influence`: how well `vigie influence scan` finds planted campaigns and keeps
 * legal look-alikes out, on generated multilingual months (development seeds and held-out
 * seeds, side by side), and how pure its groups are on the public IRA tweets (labelled by
 * sub-operation; accounts split in two halves by a hash of the handle). Results are printed
 * and written to bench/out/influence-eval.json.
 */
import { createHash } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { readFileSync } from 'node:fs';
import { buildPost, generateMonth, scanPosts, type StoredPost } from '../src/influence/index.js';
import { corpus } from '../src/testing/corpora.js';

// Seeds 101 and 102 were looked at while the crowd weighting was chosen: they count as development.
const DEV_SEEDS = [1, 2, 3, 101, 102];
const HELD_OUT_SEEDS = [201, 202, 203];

interface MonthScore {
  seed: number; posts: number; campaigns: Array<{ name: string; coverage: number; purity: number; post_recall: number }>;
  lookalikes_grouped: string[]; background_flagged: number; background_accounts: number; background_rate: number; groups: number; seconds: number;
}

function toStored(records: ReadonlyArray<Record<string, unknown>>, file: string): StoredPost[] {
  const out: StoredPost[] = [];
  records.forEach((r, i) => {
    const built = buildPost(r, { platform: 'unknown' });
    if ('post' in built) out.push({ ...built.post, file, line: i + 1 });
  });
  return out.sort((a, b) => a.ts - b.ts || (a.id < b.id ? -1 : 1));
}

export function scoreMonth(seed: number): MonthScore {
  const { posts, truth } = generateMonth({ seed });
  const stored = toStored(posts as unknown as Record<string, unknown>[], `month-${seed}.jsonl`);
  const started = performance.now();
  const result = scanPosts(stored);
  const seconds = (performance.now() - started) / 1000;
  const campaigns = truth.campaigns.map((c) => {
    const members = new Set(c.accounts);
    let best = { coverage: 0, purity: 0, post_recall: 0 };
    for (const g of result.groups) {
      const inside = g.accounts.filter((a) => members.has(a)).length;
      if (inside === 0) continue;
      const flagged = new Set(g.posts);
      const recall = c.posts.filter((p) => flagged.has(p)).length / c.posts.length;
      const candidate = { coverage: inside / members.size, purity: inside / g.accounts.length, post_recall: recall };
      if (candidate.coverage > best.coverage) best = candidate;
    }
    return { name: c.name, ...best };
  });
  const campaignAccounts = new Set(truth.campaigns.flatMap((c) => c.accounts));
  const flagged = new Set(result.groups.flatMap((g) => g.accounts));
  const lookalikesGrouped = truth.lookalikes.filter((l) => result.groups.some((g) => g.accounts.filter((a) => l.accounts.includes(a)).length >= 2 && !g.accounts.some((a) => campaignAccounts.has(a)))).map((l) => l.name);
  const backgroundFlagged = truth.background.filter((a) => flagged.has(a)).length;
  return {
    seed, posts: stored.length, campaigns, lookalikes_grouped: lookalikesGrouped, background_flagged: backgroundFlagged,
    background_accounts: truth.background.length, background_rate: backgroundFlagged / truth.background.length, groups: result.groups.length, seconds,
  };
}

/** Purity of the groups on the IRA tweets: the share of each group's accounts in its main sub-operation. */
export function scoreIra(): { halves: Array<{ half: string; accounts: number; groups: number; grouped_accounts: number; purity_weighted: number; groups_95_pure: number }> } {
  const lines = gunzipSync(readFileSync(corpus('influence/ira538_election2016.jsonl.gz'))).toString('utf8').split('\n').filter(Boolean);
  const records = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  const label = new Map(records.map((r) => [String(r.account), String(r.label)]));
  const half = (account: string): string => (createHash('sha1').update(`vigie-influence-eval|${account}`).digest()[0]! % 2 === 0 ? 'development' : 'held-out');
  return {
    halves: ['development', 'held-out'].map((h) => {
      const mine = records.filter((r) => half(String(r.account)) === h);
      const result = scanPosts(toStored(mine, 'ira538'));
      let pure = 0, total = 0, pure95 = 0;
      for (const g of result.groups) {
        const counts = new Map<string, number>();
        for (const a of g.accounts) counts.set(label.get(a)!, (counts.get(label.get(a)!) ?? 0) + 1);
        const top = Math.max(...counts.values());
        pure += top; total += g.accounts.length;
        if (top / g.accounts.length >= 0.95) pure95++;
      }
      return { half: h, accounts: new Set(mine.map((r) => String(r.account))).size, groups: result.groups.length, grouped_accounts: total, purity_weighted: total ? pure / total : 1, groups_95_pure: pure95 };
    }),
  };
}

function main(): void {
  const rows = (seeds: number[], set: string) => seeds.map((s) => ({ set, ...scoreMonth(s) }));
  const months = [...rows(DEV_SEEDS, 'development'), ...rows(HELD_OUT_SEEDS, 'held-out')];
  console.log('Generated months (campaign: coverage / purity / post recall):');
  for (const m of months) {
    console.log(`  ${m.set.padEnd(11)} seed ${String(m.seed).padStart(3)}  ${m.posts} posts  ${m.groups} groups  ${m.campaigns.map((c) => `${c.name} ${c.coverage.toFixed(2)}/${c.purity.toFixed(2)}/${c.post_recall.toFixed(2)}`).join('  ')}  look-alikes grouped: ${m.lookalikes_grouped.length ? m.lookalikes_grouped.join(',') : 'none'}  background flagged ${m.background_flagged}/${m.background_accounts} (${(m.background_rate * 100).toFixed(2)}%)  scan ${m.seconds.toFixed(1)} s`);
  }
  const ira = scoreIra();
  console.log('IRA 2016 (accounts split by hash):');
  for (const h of ira.halves) console.log(`  ${h.half.padEnd(11)} ${h.accounts} accounts  ${h.groups} groups over ${h.grouped_accounts} accounts  purity ${(h.purity_weighted * 100).toFixed(1)}%  groups >=95% pure ${h.groups_95_pure}/${h.groups}`);
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/influence-eval.json', JSON.stringify({ months, ira }, null, 2) + '\n');
}

main();
