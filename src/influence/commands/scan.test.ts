import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { runCli } from '../../testing/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-influence-scan-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

interface Truth { campaigns: Array<{ name: string; accounts: string[]; posts: string[] }>; lookalikes: Array<{ name: string; accounts: string[] }>; background: string[] }
interface Group { id: string; accounts: string[]; posts: string[]; signals: Record<string, number>; score: number; platforms: string[]; langs: string[]; utc_offset_hours: number | null; targets: string[]; narratives: string[]; reasons: string[]; reasons_fr: string[] }
interface Narrative { id: string; posts: string[]; langs: string[]; platforms: string[]; sample_text: string }

test('influence scan finds every planted campaign of a generated month, and none of the legal look-alikes', async () => {
  const posts = join(dir, 'month.jsonl');
  const truthFile = join(dir, 'truth.json');
  const db = join(dir, 'month.duckdb');
  const gen = await runCli(['influence', 'generate', '--seed', '7', '--accounts', '700', '--out', posts, '--truth', truthFile]);
  assert.equal(gen.code, 0, gen.stderr);
  const imported = await runCli(['influence', 'import', posts, '--db', db, '--quiet']);
  assert.equal(imported.code, 0, imported.stderr);
  const out = join(dir, 'scan.json');
  const scan = await runCli(['influence', 'scan', '--db', db, '--json', out]);
  assert.equal(scan.code, 0, scan.stderr);
  assert.match(scan.stdout, /^\d+ coordinated groups/);
  const truth = JSON.parse(readFileSync(truthFile, 'utf8')) as Truth;
  const { groups, narratives } = JSON.parse(readFileSync(out, 'utf8')) as { groups: Group[]; narratives: Narrative[] };
  for (const c of truth.campaigns) {
    const best = groups.map((g) => ({ g, inside: g.accounts.filter((a) => c.accounts.includes(a)).length })).sort((x, y) => y.inside - x.inside)[0]!;
    assert.ok(best.inside / c.accounts.length >= 0.9, `${c.name}: coverage ${best.inside}/${c.accounts.length}`);
    assert.ok(best.inside / best.g.accounts.length >= 0.9, `${c.name}: purity ${best.inside}/${best.g.accounts.length}`);
    const flagged = new Set(best.g.posts);
    assert.ok(c.posts.filter((p) => flagged.has(p)).length / c.posts.length >= 0.9, `${c.name}: post recall`);
    assert.equal(best.g.reasons.length, best.g.reasons_fr.length);
    assert.match(best.g.reasons[0]!, /accounts acted together/);
    assert.match(best.g.reasons_fr[0]!, /comptes ont agi ensemble/);
  }
  const campaignAccounts = new Set(truth.campaigns.flatMap((c) => c.accounts));
  for (const l of truth.lookalikes) {
    const grouped = groups.filter((g) => !g.accounts.some((a) => campaignAccounts.has(a)) && g.accounts.filter((a) => l.accounts.includes(a)).length >= 2);
    assert.deepEqual(grouped.map((g) => g.id), [], `${l.name} must not be grouped`);
  }
  const flagged = new Set(groups.flatMap((g) => g.accounts));
  assert.ok(truth.background.filter((a) => flagged.has(a)).length <= 0.01 * truth.background.length, 'at most 1% of ordinary accounts flagged');
  // The Chinese campaign: WeChat forwards and X posts, Simplified and Traditional, one narrative, a UTC+8 working day.
  const zh = groups.find((g) => g.accounts.some((a) => a.startsWith('zhnet_')))!;
  assert.ok(zh.signals.forward! >= 3);
  assert.deepEqual(zh.platforms, ['wechat', 'x']);
  assert.ok(zh.langs.includes('zh-Hans') && zh.langs.includes('zh-Hant'));
  assert.equal(zh.utc_offset_hours, 8);
  assert.ok(zh.reasons.some((r) => /Simplified and Traditional/.test(r)));
  assert.ok(zh.targets.includes('@MP_Chen'));
  const both = narratives.find((n) => zh.narratives.includes(n.id) && n.langs.includes('zh-Hans') && n.langs.includes('zh-Hant') && n.platforms.length === 2);
  assert.ok(both, 'a narrative holds the Simplified and Traditional copies, on X and WeChat');
  // Evidence post by post, with where each post is.
  const evidence = await runCli(['influence', 'groups', '--db', db, '--group', zh.id, '--limit', '3']);
  assert.equal(evidence.code, 0, evidence.stderr);
  assert.match(evidence.stdout, /\[forward\] .* gap \d+ s\n .*@zhnet_7_\d+ \(wechat wechat-group-\d+\) .*month\.jsonl:\d+/);
  const csv = join(dir, 'evidence.csv');
  assert.equal((await runCli(['influence', 'groups', '--db', db, '--group', zh.id, '--out', csv])).code, 0);
  assert.match(readFileSync(csv, 'utf8'), /^signal,item,gap_secs,account_a,post_a,time_a,file_a,line_a,text_a,/);
  const listed = await runCli(['influence', 'groups', '--db', db]);
  assert.match(listed.stdout, /^G1 {2}score /);
});

test('influence scan on an empty or missing database says what to do', async () => {
  const missing = await runCli(['influence', 'scan', '--db', join(dir, 'none.duckdb')]);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /no such database/);
});
