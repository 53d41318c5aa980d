import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import test from 'node:test';
import { DuckDbStore } from '../../store/index.js';
import { corpus } from '../../testing/corpora.js';
import { finished, startCli } from '../../testing/run-cli.js';
import { sequencedLines, storedSeqs } from '../../testing/sequenced-log.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-follow-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const lines = sequencedLines;

/**
 * Waits until the follower has said `pattern` on standard error (after offset `after`): what it
 * has stored, never a time. Returns where it said it.
 */
async function said(stderr: () => string, pattern: RegExp, after = 0): Promise<number> {
  const deadline = Date.now() + 600_000;
  for (;;) {
    const at = stderr().slice(after).search(pattern);
    if (at >= 0) return after + at;
    assert.ok(Date.now() < deadline, `waited 600 s for ${pattern} in: ${stderr()}`);
    await sleep(50);
  }
}
// The w3af scan as it was logged, for the behaviour test.
const TEMPLATE = readFileSync(corpus('http/scanner-access-logs/w3af.access.log'), 'utf8').split('\n').filter(Boolean);

test('kill -9 while following, then restart: every line stored exactly once', async (t) => {
  const file = join(dir, 'live.log');
  const db = join(dir, 'live.duckdb');
  const total = 12_000;
  writeFileSync(file, lines(0, 2000));
  const first = startCli(['web', 'analyze', file, '--follow', '--verbose', '--db', db, '--quiet']);
  // It follows without an idle timeout: if an assertion fails before the kill, it must not
  // outlive the test (it would hold the whole suite open).
  t.after(() => first.kill('SIGKILL'));
  const firstDone = finished(first);
  let stderr = '';
  first.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  // Wait until the follower says it has stored the first lines (so the restart has a checkpoint
  // to resume from), then feed it more and kill it mid-stream, and write the rest.
  await said(() => stderr, /live\.log: stored through line 2,000;/);
  let written = 2000;
  for (let i = 0; i < 16; i++) {
    appendFileSync(file, lines(written, 250));
    written += 250;
    await sleep(25); // the lines arrive in bursts, as a server writes them
  }
  first.kill('SIGKILL');
  while (written < total) {
    const n = Math.min(250, total - written);
    appendFileSync(file, lines(written, n));
    written += n;
    await sleep(10);
  }
  const r1 = await firstDone;
  assert.equal(r1.signal, 'SIGKILL');
  const partial = await storedSeqs(db);
  assert.ok(partial.total >= 2000 && partial.total < total, `before restart ${partial.total} of ${total} lines were stored`);
  assert.equal(partial.distinct, partial.total);

  const second = finished(startCli(['web', 'analyze', file, '--follow', '--idle-timeout-secs', '2', '--db', db, '--quiet']));
  const r2 = await second;
  assert.equal(r2.code, 0, r2.stderr);
  assert.deepEqual(await storedSeqs(db), { total, distinct: total, max: total - 1 });
});

test('following survives rotation by rename and by copytruncate', async (t) => {
  const file = join(dir, 'rot.log');
  const db = join(dir, 'rot.duckdb');
  writeFileSync(file, lines(0, 1000));
  // No idle timeout: each step waits on what the follower says it has stored (--verbose), and
  // the follow ends with Ctrl-C once the last lines are stored, however slow the machine.
  const child = startCli(['web', 'analyze', file, '--follow', '--verbose', '--db', db, '--json', join(dir, 'rot.json'), '--quiet']);
  t.after(() => child.kill('SIGKILL')); // never outlives a failed assertion
  const run = finished(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await said(() => stderr, /rot\.log: stored through line 1,000;/);
  // logrotate's default: rename, the writer keeps its old descriptor a moment, then a new file.
  renameSync(file, `${file}.1`);
  appendFileSync(`${file}.1`, lines(1000, 100));
  writeFileSync(file, lines(1100, 500));
  const rotated = await said(() => stderr, /rot\.log: rotated, following the new file/);
  await said(() => stderr, /rot\.log: stored through line 500;/, rotated);
  // copytruncate: the content is copied away and the same file is emptied and reused.
  copyFileSync(file, `${file}.2`);
  truncateSync(file, 0);
  const truncated = await said(() => stderr, /rot\.log: truncated, reading from the start/);
  appendFileSync(file, lines(1600, 300));
  await said(() => stderr, /rot\.log: stored through line 300;/, truncated);
  child.kill('SIGINT');
  const r = await run;
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await storedSeqs(db), { total: 1900, distinct: 1900, max: 1899 });
  const summary = JSON.parse(readFileSync(join(dir, 'rot.json'), 'utf8'));
  assert.equal(summary.files.length, 3);
});

test('while following, behaviour is looked at every few seconds: the scanner is reported before the follow ends', async (t) => {
  const file = join(dir, 'scan.log');
  const db = join(dir, 'scan.duckdb');
  writeFileSync(file, TEMPLATE.slice(0, 40).join('\n') + '\n');
  const child = startCli(['web', 'analyze', file, '--follow', '--verbose', '--behaviour-every', '1', '--db', db, '--quiet', '--json', join(dir, 'scan.json')]);
  t.after(() => child.kill('SIGKILL')); // never outlives a failed assertion
  const run = finished(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  // The rest of the scan arrives once the first lines are stored, while the passes run.
  await said(() => stderr, /scan\.log: stored through line 40;/);
  appendFileSync(file, TEMPLATE.slice(40, 400).join('\n') + '\n');
  await said(() => stderr, /behaviour: \d+ client findings? .*scanner-user-agent/); // reported while still following
  child.kill('SIGINT');
  const r = await run;
  assert.equal(r.code, 0, r.stderr);
  const summary = JSON.parse(readFileSync(join(dir, 'scan.json'), 'utf8')) as { lines: number; client_findings: number };
  assert.equal(summary.lines, 400);
  // Every pass replaced what the one before found: each episode is stored once.
  const store = await DuckDbStore.open(db);
  try {
    const rows = await store.query(`SELECT rule, ip, window_start, count(*)::INTEGER AS n FROM findings WHERE scope = 'client' GROUP BY ALL ORDER BY rule`);
    assert.ok(rows.some((f) => f.rule === 'scanner-user-agent' && f.ip === '192.168.4.163'));
    assert.deepEqual(rows.filter((f) => f.n !== 1), []);
    assert.equal(summary.client_findings, rows.length);
  } finally {
    await store.close();
  }
});
