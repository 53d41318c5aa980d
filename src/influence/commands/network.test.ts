import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { gunzipSync } from 'node:zlib';
import { corpus } from '../../testing/corpora.js';
import { runCli } from '../../testing/run-cli.js';
import { readPosts } from '../formats/index.js';
import { computeNetwork, type NetworkPost } from '../network/qut-network.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-influence-network-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

interface Reference { results: Array<{ network: string; time_window: number; min_edge_weight: number; edges: Array<[string, string, number]> }> }
const reference = (name: string): Reference => {
  const raw = readFileSync(corpus(`influence/reference/${name}`));
  return JSON.parse((name.endsWith('.gz') ? gunzipSync(raw) : raw).toString('utf8')) as Reference;
};
/** Edges of a Gephi CSV as `source target weight` lines, sorted. */
const csvEdges = (file: string): string[] => readFileSync(file, 'utf8').trim().split(/\r?\n/).slice(1)
  .map((l) => l.split(',').map((f) => f.replace(/^"|"$/g, '')).slice(0, 3).join(' ')).sort();
const refEdges = (edges: Array<[string, string, number]>): string[] => edges.map((e) => e.join(' ')).sort();

test('influence network gives the QUT toolkit\'s co_retweet edges and weights on its own test input', async () => {
  const db = join(dir, 'cnt.duckdb');
  const imported = await runCli(['influence', 'import', corpus('influence/cnt_coretweet_test_input.jsonl'), '--db', db]);
  assert.equal(imported.code, 0, imported.stderr);
  assert.match(imported.stdout, /15 records, 15 posts stored/);
  for (const r of reference('cnt_coretweet_test_expected.json').results) {
    const out = join(dir, `cnt-${r.time_window}-${r.min_edge_weight}.csv`);
    const run = await runCli(['influence', 'network', '--type', 'co_retweet', '--window', String(r.time_window), '--min-weight', String(r.min_edge_weight), '--out', out, '--db', db]);
    assert.equal(run.code, 0, run.stderr);
    assert.deepEqual(csvEdges(out), refEdges(r.edges), `window ${r.time_window} s, min weight ${r.min_edge_weight}`);
  }
  // uid0 -> uid1 weighs 2 but uid1 -> uid0 only 1: the toolkit's edges are directed.
  assert.ok(csvEdges(join(dir, 'cnt-60-1.csv')).includes('uid1 uid0 1'));
});

test('influence network co_tweet matches the toolkit\'s reference output on the IRA tweets, edge for edge, as GraphML too', async () => {
  const db = join(dir, 'ira.duckdb');
  const imported = await runCli(['influence', 'import', corpus('influence/ira538_election2016.jsonl.gz'), '--db', db, '--quiet']);
  assert.equal(imported.code, 0, imported.stderr);
  const coTweet = reference('cnt_co_tweet_ira538_public.json.gz').results.find((r) => r.time_window === 60)!;
  const graphml = join(dir, 'co_tweet.graphml');
  const run = await runCli(['influence', 'network', '--type', 'co_tweet', '--window', '60', '--min-weight', '2', '--out', graphml, '--db', db]);
  assert.equal(run.code, 0, run.stderr);
  assert.match(run.stderr, /578 directed edges between 122 accounts/);
  const edges = [...readFileSync(graphml, 'utf8').matchAll(/<edge source="([^"]*)" target="([^"]*)"><data key="weight">(\d+)</g)].map((m) => `${m[1]} ${m[2]} ${m[3]}`).sort();
  assert.deepEqual(edges, refEdges(coTweet.edges));
});

test('co_similar matches the toolkit\'s reference output on the IRA tweets (its tokeniser, Jaccard 0.8, 5 tokens)', async () => {
  const posts: NetworkPost[] = [];
  for await (const item of readPosts(corpus('influence/ira538_election2016.jsonl.gz'), 'jsonl')) if (item.kind === 'post') posts.push(item.post);
  const similar = reference('cnt_co_similar_ira538_public.json.gz').results[0]!;
  const edges = computeNetwork(posts, { type: 'co_similar', windowSecs: 60, minWeight: 2, similarity: 0.8, minTokens: 5 }).filter((e) => e.source !== e.target);
  assert.equal(edges.length, 603);
  assert.deepEqual(edges.map((e) => `${e.source} ${e.target} ${e.weight}`).sort(), refEdges(similar.edges));
});

test('influence network: a wrong type or a missing database is one line and a non-zero exit', async () => {
  const wrong = await runCli(['influence', 'network', '--type', 'co_like', '--out', join(dir, 'x.csv')]);
  assert.equal(wrong.code, 2);
  assert.match(wrong.stderr, /--type/);
  const missing = await runCli(['influence', 'network', '--type', 'co_tweet', '--out', join(dir, 'x.csv'), '--db', join(dir, 'nope.duckdb')]);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /no such database/);
});
