import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import test from 'node:test';
import { DuckDbStore, LockedStore } from '../../store/index.js';
import { sequencedLines, storedSeqs } from '../../testing/sequenced-log.js';
import { ingest, ingestInputs, type IngestOptions } from './ingest.js';
import { expandInputs } from './inputs.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-ingest-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const lines = sequencedLines;

function following(notices: string[]): IngestOptions {
  return {
    format: 'auto', follow: true, idleTimeoutSecs: 1, trustProxyHops: 0, workers: 0, reprocess: false, detectors: {},
    pollMs: 50, onNotice: (m) => notices.push(m),
  };
}

test('a followed log rotated between being listed and being opened: the renamed file is read through, then the new one followed', async () => {
  const file = join(dir, 'access.log');
  writeFileSync(file, lines(0, 300));
  const listed = await expandInputs([file]);
  // logrotate renames the file; the server writes a few more lines to it before it reopens, then
  // starts the new file. All of this happens before vigie's first open.
  renameSync(file, `${file}.1`);
  appendFileSync(`${file}.1`, lines(300, 50));
  writeFileSync(file, lines(350, 200));
  const store = await DuckDbStore.open(join(dir, 'renamed.duckdb'));
  try {
    const notices: string[] = [];
    const stats = await ingestInputs(store, await store.beginRun({ command: 'test', args: [file] }), listed, following(notices));
    assert.equal(stats.errors.length, 0, stats.errors.join('\n'));
    assert.deepEqual(await storedSeqs(store), { total: 550, distinct: 550, max: 549 });
    assert.deepEqual(stats.files.map((f) => [f.file, f.lines]), [[`${file}.1`, 350], [file, 200]]);
    assert.ok(notices.some((n) => n === `${file}: rotated before it was opened; reading ${file}.1 through first`), notices.join('\n'));
  } finally {
    await store.close();
  }
});

/** Waits until the store holds `total` sequenced lines (what the follower has stored, never a time). */
async function stored(store: LockedStore, total: number): Promise<void> {
  const deadline = Date.now() + 600_000;
  for (let seen = await storedSeqs(store); seen.total < total; seen = await storedSeqs(store)) {
    assert.ok(Date.now() < deadline, `waited 600 s for ${total} stored lines; ${seen.total} are`);
    await sleep(50);
  }
}

test('a followed log renamed away before its first open and recreated later: vigie waits for it instead of failing', async () => {
  const file = join(dir, 'slow.log');
  writeFileSync(file, lines(0, 120));
  const listed = await expandInputs([file]);
  renameSync(file, `${file}.1`);
  const store = new LockedStore(await DuckDbStore.open(join(dir, 'slow.duckdb')));
  const stop = new AbortController();
  try {
    const notices: string[] = [];
    // No idle timeout: the follow ends when the test has seen every line stored.
    const run = ingestInputs(store, await store.beginRun({ command: 'test', args: [file] }), listed, { ...following(notices), idleTimeoutSecs: 0, signal: stop.signal });
    await stored(store, 120); // the renamed file is read through; the path is still missing
    writeFileSync(file, lines(120, 80));
    await stored(store, 200);
    stop.abort();
    const stats = await run;
    assert.equal(stats.errors.length, 0, stats.errors.join('\n'));
    assert.deepEqual(await storedSeqs(store), { total: 200, distinct: 200, max: 199 });
    assert.deepEqual(stats.files.map((f) => f.lines), [120, 80]);
  } finally {
    stop.abort();
    await store.close();
  }
});

test('a followed log renamed away and never recreated: the follow ends on its idle timeout, the renamed file read through', async () => {
  const file = join(dir, 'gone.log');
  writeFileSync(file, lines(0, 90));
  const listed = await expandInputs([file]);
  renameSync(file, `${file}.1`);
  const store = await DuckDbStore.open(join(dir, 'gone.duckdb'));
  try {
    const notices: string[] = [];
    // Before, vigie waited for the path to come back whatever the idle timeout.
    const stats = await ingestInputs(store, await store.beginRun({ command: 'test', args: [file] }), listed, following(notices));
    assert.equal(stats.errors.length, 0, stats.errors.join('\n'));
    assert.deepEqual(await storedSeqs(store), { total: 90, distinct: 90, max: 89 });
    assert.ok(notices.includes(`${file}: renamed away and not recreated; no new data within the idle timeout, following ends`), notices.join('\n'));
  } finally {
    await store.close();
  }
});

test('several followed logs are followed side by side: lines written to the second are stored while the first is quiet', async () => {
  const quiet = join(dir, 'quiet.log');
  const busy = join(dir, 'busy.log');
  writeFileSync(quiet, lines(0, 100));
  writeFileSync(busy, lines(100, 50));
  const duck = await DuckDbStore.open(join(dir, 'two.duckdb'));
  const store = new LockedStore(duck);
  const stop = new AbortController();
  try {
    const notices: string[] = [];
    const run = ingest(store, await store.beginRun({ command: 'test', args: [quiet, busy] }), [quiet, busy],
      { ...following(notices), idleTimeoutSecs: 0, signal: stop.signal });
    await stored(store, 150); // both files read to their end: both are followed now
    appendFileSync(busy, lines(150, 70));
    // Before this change the second file was read only once the first one's follow ended.
    await stored(store, 220);
    assert.deepEqual(await storedSeqs(store), { total: 220, distinct: 220, max: 219 }, 'both files stored while still following');
    stop.abort();
    const stats = await run;
    assert.equal(stats.lines, 220);
    assert.deepEqual(stats.files.map((f) => [f.file, f.lines]).sort(), [[busy, 120], [quiet, 100]]);
    // Each file's rows name their own strings: every path id resolves.
    const [dangling] = await store.query('SELECT count(*)::INTEGER AS n FROM events e LEFT JOIN strings s ON s.id = e.path_id WHERE s.id IS NULL');
    assert.equal(Number(dangling!.n), 0);
  } finally {
    stop.abort();
    await store.close();
  }
});

test('a followed log rotated while vigie was stopped: the lines written to it after its checkpoint are read, then the new file', async () => {
  const file = join(dir, 'restart.log');
  writeFileSync(file, lines(0, 300));
  const store = await DuckDbStore.open(join(dir, 'restart.duckdb'));
  try {
    const first = await ingest(store, await store.beginRun({ command: 'test', args: [file] }), [file], following([]));
    assert.equal(first.lines, 300);
    // vigie is stopped; the server writes 50 more lines, logrotate renames, a new file starts.
    appendFileSync(file, lines(300, 50));
    renameSync(file, `${file}.1`);
    writeFileSync(file, lines(350, 100));
    const notices: string[] = [];
    const second = await ingest(store, await store.beginRun({ command: 'test', args: [file] }), [file], following(notices));
    assert.equal(second.errors.length, 0, second.errors.join('\n'));
    assert.deepEqual(second.files.map((f) => [f.file, f.lines, f.resumed_at_line]), [[`${file}.1`, 50, 300], [file, 100, 0]]);
    assert.deepEqual(await storedSeqs(store), { total: 450, distinct: 450, max: 449 });
    assert.ok(notices.includes(`${file}: rotated since it was last read; reading the rest of ${file}.1 first`), notices.join('\n'));
    // Started again with nothing new: nothing read twice, no notice about the old file.
    const quiet: string[] = [];
    const third = await ingest(store, await store.beginRun({ command: 'test', args: [file] }), [file], following(quiet));
    assert.equal(third.lines, 0);
    assert.ok(!quiet.some((n) => n.includes('rotated')), quiet.join('\n'));
  } finally {
    await store.close();
  }
});
