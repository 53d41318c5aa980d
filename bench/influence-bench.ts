/**
 * `npm run bench:influence`: vigie's QUT-parity networks against the QUT
 * coordination-network-toolkit itself (../shared/peers/cnt), side by side in one launch, on
 * the same CSV (the toolkit's own input layout): co_tweet and co_similar on the IRA tweets,
 * co_retweet on CooRTweet's Russian retweets. Each side reads the CSV and computes the
 * network; the toolkit's time is preprocess + compute (export left out). Medians of several
 * runs, the ratio, and a check that both found the same number of edges.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { computeNetwork, readPosts, type NetworkType } from '../src/influence/index.js';
import { corpus } from '../src/testing/corpora.js';

const RUNS = Number(process.env.BENCH_RUNS ?? 3);
const CNT = resolve(process.cwd(), '../shared/peers/cnt');
const dir = mkdtempSync(join(tmpdir(), 'vigie-influence-bench-'));

const q = (s: string): string => `"${s.replace(/"/g, '""')}"`;

/** The corpus as the toolkit's CSV: message_id,user_id,username,repost_id,reply_id,message,timestamp,urls. */
function qutCsv(name: string): string {
  const raw = readFileSync(corpus(`influence/${name}`));
  const lines = (name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8').split('\n').filter(Boolean);
  const rows = lines.map((l) => {
    const r = JSON.parse(l) as { id: string; account: string; time: string; text: string | null; repost_of: string | null; reply_to: string | null; urls?: string[] };
    return [r.id, r.account, r.account, r.repost_of ?? '', r.reply_to ?? '', r.text ?? '', String(Date.parse(r.time) / 1000), (r.urls ?? []).join(' ')].map(q).join(',');
  });
  const file = join(dir, name.replace(/\.jsonl(\.gz)?$/, '.csv'));
  writeFileSync(file, 'message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n' + rows.join('\n') + '\n');
  return file;
}

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); return s[Math.floor(s.length / 2)]!; };

async function vigieRun(csv: string, type: NetworkType, windowSecs: number, extra: { similarity?: number; minTokens?: number }): Promise<{ secs: number; edges: number }> {
  const started = performance.now();
  const posts = [];
  for await (const item of readPosts(csv, 'qut')) if (item.kind === 'post') posts.push(item.post);
  const edges = computeNetwork(posts, { type, windowSecs, minWeight: 2, ...extra }).filter((e) => e.source !== e.target);
  return { secs: (performance.now() - started) / 1000, edges: edges.length };
}

function qutRun(csv: string, type: string, windowSecs: number, extra: string[]): { secs: number; edges: number } {
  const db = join(dir, `cnt-${Date.now()}.db`);
  const started = performance.now();
  execFileSync(CNT, [db, 'preprocess', '--format', 'csv', csv], { stdio: 'ignore' });
  execFileSync(CNT, [db, 'compute', type, '--time_window', String(windowSecs), '--min_edge_weight', '2', ...extra], { stdio: 'ignore' });
  const secs = (performance.now() - started) / 1000;
  // GraphML: the toolkit's CSV export fails at this commit (output_gephi_csv gets n_messages).
  const out = join(dir, 'edges.graphml');
  execFileSync(CNT, [db, 'export_network', out, type], { stdio: 'ignore' });
  const edges = (readFileSync(out, 'utf8').match(/<edge /g) ?? []).length;
  rmSync(db, { force: true });
  return { secs, edges };
}

async function main(): Promise<void> {
  const ira = qutCsv('ira538_election2016.jsonl.gz');
  const rt = qutCsv('coortweet_russian_coord_retweets.jsonl');
  const cases: Array<{ name: string; csv: string; type: NetworkType; qutType: string; window: number; extra: { similarity?: number; minTokens?: number }; qutExtra: string[] }> = [
    { name: 'co_tweet, IRA 111,858 tweets, 60 s', csv: ira, type: 'co_tweet', qutType: 'co_tweet', window: 60, extra: {}, qutExtra: [] },
    { name: 'co_retweet, CooRTweet 35,125 retweets, 60 s', csv: rt, type: 'co_retweet', qutType: 'co_retweet', window: 60, extra: {}, qutExtra: [] },
    { name: 'co_similar, IRA, 60 s, Jaccard 0.8, 5 tokens', csv: ira, type: 'co_similar', qutType: 'co_similar_tweet', window: 60, extra: { similarity: 0.8, minTokens: 5 }, qutExtra: ['--similarity_threshold', '0.8', '--min_document_size_similarity', '5'] },
  ];
  const results = [];
  for (const c of cases) {
    const v: Array<{ secs: number; edges: number }> = [], p: Array<{ secs: number; edges: number }> = [];
    for (let i = 0; i < RUNS; i++) {
      v.push(await vigieRun(c.csv, c.type, c.window, c.extra));
      p.push(qutRun(c.csv, c.qutType, c.window, c.qutExtra));
    }
    const row = { case: c.name, vigie_secs: median(v.map((x) => x.secs)), qut_secs: median(p.map((x) => x.secs)), vigie_edges: v[0]!.edges, qut_edges: p[0]!.edges, runs: RUNS };
    results.push({ ...row, ratio: row.qut_secs / row.vigie_secs });
    console.log(`${c.name}: vigie ${row.vigie_secs.toFixed(2)} s, QUT toolkit ${row.qut_secs.toFixed(2)} s, ${(row.qut_secs / row.vigie_secs).toFixed(1)}x faster (median of ${RUNS}); edges ${row.vigie_edges} vs ${row.qut_edges}`);
  }
  writeFileSync(join(process.cwd(), 'bench/out/influence-bench.json'), JSON.stringify(results, null, 2) + '\n');
  rmSync(dir, { recursive: true, force: true });
}

await main();
