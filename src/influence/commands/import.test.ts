import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { corpus } from '../../testing/corpora.js';
import { runCli } from '../../testing/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-influence-import-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('influence import stores the corpora\'s posts once each and says what it skipped', async () => {
  const db = join(dir, 'a.duckdb');
  const r = await runCli(['influence', 'import', corpus('influence/state_io_vs_real_tweets.jsonl'), corpus('influence/cnt_coretweet_test_input.jsonl'), '--db', db, '--json', '-']);
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(r.stdout);
  assert.equal(summary.files[0].received, 9651);
  assert.equal(summary.files[0].skipped, 27, 'tweets from before November 2010 have no time');
  assert.equal(summary.files[0].stored, 9624);
  assert.equal(summary.files[1].stored, 15);
  assert.equal(summary.posts_in_store, 9639);
  const again = await runCli(['influence', 'import', corpus('influence/cnt_coretweet_test_input.jsonl'), '--db', db]);
  assert.match(again.stdout, /15 records, 0 posts stored, 15 already stored/);
});

test('influence import counts bad rows with file:line in JSONL, CSV and QUT files, and reads them all', async () => {
  const jsonl = join(dir, 'chats.jsonl');
  writeFileSync(jsonl, [
    JSON.stringify({ id: 'w1', account: 'a', time: '2025-04-01T10:00:00Z', text: '這位議員與北京勾結', platform: 'wechat', channel: 'group-1' }),
    '{"id": "w2", "account": ',
    JSON.stringify({ id: 'w3', time: '2025-04-01T10:00:00Z', text: 'x' }),
    JSON.stringify({ id: 'w4', account: 'b', time: 'yesterday', text: 'x' }),
    '',
    JSON.stringify({ id: 'w5', account: 'c', time: 1743501600, text: 'Votez! https://ex.ca/a?utm_source=x #Élection', platform: 'x', extra: [1] }),
  ].join('\n'));
  const qut = join(dir, 'qut.csv');
  writeFileSync(qut, 'message_id,user_id,username,repost_id,reply_id,message,timestamp,urls\n1,u1,n1,,,"hello, ""world""\nsecond line",10,\n2,u2,n2,1,,rt,11,a.com b.com\n3,u3,n3\n');
  const generic = join(dir, 'posts.csv');
  writeFileSync(generic, 'post,user,when,body\np1,x,2025-01-01 10:00,bonjour\n');
  const db = join(dir, 'b.duckdb');
  const r = await runCli(['influence', 'import', jsonl, qut, generic, '--map', 'id=post', '--map', 'account=user', '--map', 'time=when', '--map', 'text=body', '--db', db, '--json', join(dir, 'out.json')]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, new RegExp(`${jsonl}:2: not JSON`));
  assert.match(r.stderr, new RegExp(`${jsonl}:3: no account`));
  assert.match(r.stderr, new RegExp(`${jsonl}:4: time 'yesterday'`));
  assert.match(r.stderr, new RegExp(`${qut}:5: 3 fields, the header has 8`));
  assert.match(r.stdout, /chats.jsonl \(jsonl\): 5 records, 2 posts stored, 0 already stored, 0 skipped, 3 bad/);
  assert.match(r.stdout, /qut.csv \(qut\): 3 records, 2 posts stored/);
  assert.match(r.stdout, /posts.csv \(csv\): 1 records, 1 posts stored/);
});

test('influence import: a missing file, an unknown format or a CSV without an id column is one clear line', async () => {
  const missing = await runCli(['influence', 'import', join(dir, 'nope.jsonl'), '--db', join(dir, 'c.duckdb')]);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /^vigie: influence import: .*nope\.jsonl: no such file/);
  const bad = join(dir, 'bad.csv');
  writeFileSync(bad, 'a,b\n1,2\n');
  const noId = await runCli(['influence', 'import', bad, '--db', join(dir, 'c.duckdb')]);
  assert.equal(noId.code, 4);
  assert.match(noId.stderr, /no 'id' column .*--map id=COLUMN/);
  const fmt = await runCli(['influence', 'import', bad, '--format', 'weibo']);
  assert.equal(fmt.code, 2);
});
