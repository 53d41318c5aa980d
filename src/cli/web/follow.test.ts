import assert from 'node:assert/strict';
import { appendFileSync, copyFileSync, existsSync, mkdtempSync, readFileSync, renameSync, rmSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import test from 'node:test';
import { DuckDbStore } from '../../store/index.js';
import { corpus } from '../../testing/corpora.js';
import { finished, startCli } from '../../testing/run-cli.js';
import { sequencedLines, storedSeqs, walProbe } from '../../testing/sequenced-log.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-follow-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const lines = sequencedLines;
// The w3af scan as it was logged, for the behaviour test.
const TEMPLATE = readFileSync(corpus('http/scanner-access-logs/w3af.access.log'), 'utf8').split('\n').filter(Boolean);

test('kill -9 while following, then restart: every line stored exactly once', async (t) => {
  const file = join(dir, 'live.log');
  const db = join(dir, 'live.duckdb');
  const total = 12_000;
  writeFileSync(file, lines(0, 2000));
  const first = startCli(['web', 'analyze', file, '--follow', '--db', db, '--quiet']);
  // It follows without an idle timeout: if an assertion fails before the kill, it must not
  // outlive the test (it would hold the whole suite open).
  t.after(() => first.kill('SIGKILL'));
  const firstDone = finished(first);
  let written = 2000;
  // Wait until the follower has committed a batch (DuckDB's write-ahead log has grown past the
  // schema's few KB), feeding it meanwhile; then kill it mid-stream, and write the rest.
  const committed = walProbe(db, 100_000);
  const deadline = Date.now() + 60_000;
  while (!committed() && Date.now() < deadline) {
    if (written < 6000) {
      appendFileSync(file, lines(written, 250));
      written += 250;
    }
    await sleep(50);
  }
  // A commit may still be in flight when the log first grows; give it time to complete so the
  // restart has a checkpoint to resume from, while lines keep arriving.
  for (let i = 0; i < 10; i++) {
    appendFileSync(file, lines(written, 100));
    written += 100;
    await sleep(50);
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
  assert.ok(partial.total > 0 && partial.total < total, `before restart ${partial.total} of ${total} lines were stored`);
  assert.equal(partial.distinct, partial.total);

  const second = finished(startCli(['web', 'analyze', file, '--follow', '--idle-timeout-secs', '2', '--db', db, '--quiet']));
  const r2 = await second;
  assert.equal(r2.code, 0, r2.stderr);
  assert.deepEqual(await storedSeqs(db), { total, distinct: total, max: total - 1 });
});

/** What `--status-file` says is stored, per content read (a rotation or truncation adds one). */
function storedPerContent(statusFile: string): number[] {
  try {
    return (JSON.parse(readFileSync(statusFile, 'utf8')) as { files: Array<{ lines_stored: number }> }).files.map((f) => f.lines_stored);
  } catch {
    return []; // not written yet
  }
}

/** Waits on the follower's own state (what it stored, what it said), never on the clock alone. */
async function until(what: string, done: () => boolean): Promise<void> {
  // A deadline only so that a broken follower fails the test instead of hanging the suite.
  const deadline = Date.now() + 120_000;
  while (!done()) {
    assert.ok(Date.now() < deadline, `still waiting for: ${what}`);
    await sleep(50);
  }
}

test('following survives rotation by rename and by copytruncate', async (t) => {
  const file = join(dir, 'rot.log');
  const db = join(dir, 'rot.duckdb');
  const status = join(dir, 'rot.status.json');
  writeFileSync(file, lines(0, 1000));
  // No idle timeout: the follower runs until told to stop, however slow the machine is.
  const child = startCli(['web', 'analyze', file, '--follow', '--status-file', status, '--db', db, '--json', join(dir, 'rot.json'), '--quiet']);
  t.after(() => child.kill('SIGKILL')); // never outlives a failed assertion
  const run = finished(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  await until('the first 1,000 lines stored', () => storedPerContent(status)[0] === 1000);
  // logrotate's default: rename, the writer keeps its old descriptor a moment, then a new file.
  renameSync(file, `${file}.1`);
  appendFileSync(`${file}.1`, lines(1000, 100));
  writeFileSync(file, lines(1100, 500));
  await until('the renamed file read through and the new one stored', () => {
    const s = storedPerContent(status);
    return s[0] === 1100 && s[1] === 500;
  });
  assert.match(stderr, /rot\.log: rotated, following the new file/);
  // copytruncate: the content is copied away and the same file is emptied and reused.
  copyFileSync(file, `${file}.2`);
  truncateSync(file, 0);
  await until('the truncation seen', () => stderr.includes(`${file}: truncated, reading from the start`));
  appendFileSync(file, lines(1600, 300));
  await until('the lines after the truncation stored', () => storedPerContent(status)[2] === 300);
  child.kill('SIGINT');
  const r = await run;
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await storedSeqs(db), { total: 1900, distinct: 1900, max: 1899 });
  const summary = JSON.parse(readFileSync(join(dir, 'rot.json'), 'utf8'));
  assert.equal(summary.files.length, 3);
});

test('an idle timeout ends a follow once no followed file has grown for that long, and not before the lines written are stored', async () => {
  const file = join(dir, 'idle.log');
  const db = join(dir, 'idle.duckdb');
  writeFileSync(file, lines(0, 300));
  const r = await finished(startCli(['web', 'analyze', file, '--follow', '--idle-timeout-secs', '1', '--db', db, '--quiet']));
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await storedSeqs(db), { total: 300, distinct: 300, max: 299 });
});

test('--status-file that cannot be written: one line, exit 2, nothing analysed', async () => {
  const file = join(dir, 'status.log');
  writeFileSync(file, lines(0, 10));
  const r = await finished(startCli(['web', 'analyze', file, '--status-file', join(dir, 'no-such-dir', 's.json'), '--db', join(dir, 'unused.duckdb'), '--quiet']));
  assert.equal(r.code, 2);
  assert.equal(existsSync(join(dir, 'unused.duckdb')), false);
  assert.match(r.stderr, /--status-file .*no-such-dir.*cannot be written \(ENOENT\)/);
  assert.equal(r.stderr.trim().split('\n').length, 1, r.stderr);
});

test('while following, behaviour is looked at every few seconds: the scanner is reported before the follow ends', async (t) => {
  const file = join(dir, 'scan.log');
  const db = join(dir, 'scan.duckdb');
  writeFileSync(file, TEMPLATE.slice(0, 40).join('\n') + '\n');
  const child = startCli(['web', 'analyze', file, '--follow', '--behaviour-every', '1', '--db', db, '--quiet', '--json', join(dir, 'scan.json')]);
  t.after(() => child.kill('SIGKILL')); // never outlives a failed assertion
  const run = finished(child);
  let stderr = '';
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  // The rest of the scan arrives while the first passes run.
  await sleep(1500);
  appendFileSync(file, TEMPLATE.slice(40, 400).join('\n') + '\n');
  await until('the scanner reported while still following', () => /behaviour: \d+ client findings? .*scanner-user-agent/.test(stderr));
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
