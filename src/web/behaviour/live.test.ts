import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { after, before, test } from 'node:test';
import { emptyEvent } from '../../core/index.js';
import { DuckDbStore, LockedStore, RowEncoder } from '../../store/index.js';
import { LiveBehaviour } from './live.js';

// Passes while a log grows, on a real DuckDB file: traffic arrives in steps, as it would from
// a followed log, and each step is committed before the next pass.
const BASE_MS = Date.parse('2026-11-02T14:00:00Z');
const READER = '198.51.100.7';
const GUESSER = '203.0.113.40';
const UA = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/135.0.0.0 Safari/537.36';

let dir: string;
let duck: DuckDbStore;
let store: LockedStore;

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-live-'));
  duck = await DuckDbStore.open(join(dir, 'live.duckdb'));
  store = new LockedStore(duck);
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

interface Req { t: number; ip: string; method: string; path: string; status: number }

/** A run with a source and a line counter, taking requests a batch at a time. */
async function newRun(): Promise<{ runId: number; add: (reqs: Req[]) => Promise<void> }> {
  const runId = await store.beginRun({ command: 'test', args: [] });
  const { source } = await store.openSource({ path: `run-${runId}`, dev: 0, ino: runId, headHash: String(runId), headBytes: 0 }, async () => false);
  const encoder = new RowEncoder(await store.reserveStringIds(1));
  let line = 0;
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
  const add = async (reqs: Req[]): Promise<void> => {
    const rows = reqs.map((r) => encoder.encodeEvent({ ...emptyEvent(), ts: BASE_MS + r.t * 1000, ip: r.ip, method: r.method, path: r.path, status: r.status, userAgent: UA }, ++line, false, false));
    const strings = encoder.takeStrings();
    await store.commitBatch(runId, {
      sourceId: source.sourceId, strings: bytes(strings.rows), stringCount: strings.count,
      events: bytes(rows.join('')), eventCount: rows.length, findings: new Uint8Array(), findingCount: 0,
    }, { sourceId: source.sourceId, byteOffset: line, line });
  };
  return { runId, add };
}

/** A reader browsing a page every 20 s over [from, to) seconds. */
function reading(from: number, to: number): Req[] {
  const out: Req[] = [];
  for (let t = from; t < to; t += 20) out.push({ t, ip: READER, method: 'GET', path: `/en/voters/page-${t % 7}`, status: 200 });
  return out;
}

/** `n` sign-in attempts by the guesser, one every `every` seconds from `from`. */
function guesses(from: number, n: number, every: number): Req[] {
  return Array.from({ length: n }, (_, i) => ({ t: from + i * every, ip: GUESSER, method: 'POST', path: '/wp-login.php', status: 200 }));
}

async function clientFindings(runId: number): Promise<Array<{ rule: string; ip: string; start: number; end: number; reason: string }>> {
  const rows = await store.query(
    `SELECT rule, ip, epoch_ms(window_start) AS s, epoch_ms(window_end) AS e, reason FROM findings
      WHERE run_id = $run AND scope = 'client' ORDER BY rule, ip, s`, { run: runId });
  return rows.map((r) => ({ rule: String(r.rule), ip: String(r.ip), start: (Number(r.s) - BASE_MS) / 1000, end: (Number(r.e) - BASE_MS) / 1000, reason: String(r.reason) }));
}

async function rowids(runId: number): Promise<string[]> {
  return (await store.query(`SELECT rowid AS r FROM findings WHERE run_id = $run AND scope = 'client' ORDER BY rowid`, { run: runId })).map((r) => String(r.r));
}

test('a brute force is found while the log grows, and stays one finding as it goes on', async () => {
  const { runId, add } = await newRun();
  const live = new LiveBehaviour(store, runId, { intervalSecs: 3600 });

  // Half an hour of reading and 6 guesses: under the 10 in two minutes of login-brute-force.
  await add([...reading(0, 1800), ...guesses(1800, 6, 5)]);
  const first = await live.pass();
  assert.ok(first);
  assert.equal(first.from_ms, null, 'the first pass reads the whole run');
  assert.deepEqual(await clientFindings(runId), []);

  // Slow, steady guessing for half an hour: one long episode.
  await add([...guesses(1830, 177, 10), ...reading(1800, 3600)]);
  const second = await live.pass();
  assert.ok(second!.from_ms! > BASE_MS, 'later passes read only the recent traffic');
  let found = await clientFindings(runId);
  assert.deepEqual(found.map((f) => [f.rule, f.ip, f.start, f.end]), [['login-brute-force', GUESSER, 1800, 3590]]);
  assert.match(found[0]!.reason, /183 such requests/);
  const open = await rowids(runId);

  // It goes on into the next pass, whose recent traffic starts well after the episode did:
  // the pass reaches back to the episode's start, and it stays one finding, widened.
  await add([...guesses(3600, 10, 10), ...reading(3600, 3700)]);
  const third = await live.pass();
  assert.equal(third!.from_ms, BASE_MS + 1_800_000);
  found = await clientFindings(runId);
  assert.deepEqual(found.map((f) => [f.rule, f.ip, f.start, f.end]), [['login-brute-force', GUESSER, 1800, 3690]]);
  assert.notDeepEqual(await rowids(runId), open, 'a finding that changed is a new row (the stream shows it again)');
  assert.match(found[0]!.reason, /193 such requests/);

  // Nothing new: no pass at all.
  assert.equal(await live.pass(), null);

  // Over an hour later, only reading: the pass reads the episode again (it ended less than a
  // lookback ago) and finds it unchanged, so it stays the very same row: the live stream,
  // which follows new rows, does not show it twice.
  const rowBefore = await rowids(runId);
  await add(reading(8000, 8300));
  await live.pass();
  assert.deepEqual((await clientFindings(runId)).map((f) => [f.rule, f.ip, f.start, f.end]), [['login-brute-force', GUESSER, 1800, 3690]]);
  assert.deepEqual(await rowids(runId), rowBefore);

  // A second burst later on is an episode of its own, and the pass that finds it no longer
  // reads the first one.
  await add(guesses(8400, 12, 3));
  const later = await live.pass();
  assert.ok(later!.from_ms! > BASE_MS + 3_690_000, 'a closed episode is left out of later passes');
  assert.deepEqual((await clientFindings(runId)).map((f) => [f.rule, f.ip, f.start]), [['login-brute-force', GUESSER, 1800], ['login-brute-force', GUESSER, 8400]]);
});

test('scheduled passes find it without being asked, and stop() looks at the last lines', async () => {
  const { runId, add } = await newRun();
  const errors: Error[] = [];
  const passes: number[] = [];
  const live = new LiveBehaviour(store, runId, { intervalSecs: 0.2, onPass: (p) => passes.push(p.findings), onError: (e) => errors.push(e) });
  live.start();
  await add([...reading(0, 300), ...guesses(300, 12, 2)]);
  const deadline = Date.now() + 20_000;
  while ((await clientFindings(runId)).length === 0 && Date.now() < deadline) await sleep(100);
  assert.deepEqual((await clientFindings(runId)).map((f) => f.rule), ['login-brute-force'], 'found by a scheduled pass');
  // Lines that arrive just before the stop are still looked at.
  await live.stop(false);
  const last = new LiveBehaviour(store, runId, { intervalSecs: 3600 });
  await last.pass();
  await add(guesses(2000, 12, 2));
  await last.stop();
  assert.deepEqual((await clientFindings(runId)).map((f) => [f.rule, f.start]), [['login-brute-force', 300], ['login-brute-force', 2000]]);
  assert.deepEqual(errors, []);
  assert.ok(passes.length >= 1);
});

test('the baseline of a rate comes from the hours before, not from the minutes of the pass', async () => {
  const { runId, add } = await newRun();
  const live = new LiveBehaviour(store, runId, { intervalSecs: 3600 });
  // An hour of a busy site: 120 readers at a page a minute; then a quiet spell.
  const busy: Req[] = [];
  for (let c = 0; c < 120; c++) for (let t = c % 60; t < 3600; t += 60) busy.push({ t, ip: `198.51.100.${c + 1}`, method: 'GET', path: `/en/p${(t + c) % 11}`, status: 200 });
  await add(busy);
  await live.pass();
  await add(reading(6000, 6020));
  await live.pass();
  // A flood: 400 requests in a minute from one address, far from the busy hour.
  await add(Array.from({ length: 400 }, (_, i) => ({ t: 7200 + i * 0.15, ip: GUESSER, method: 'GET', path: '/en/results', status: 200 })));
  const pass = await live.pass();
  assert.ok(pass!.from_ms! > BASE_MS + 3_600_000, 'the pass itself does not reach the busy hour');
  const found = await clientFindings(runId);
  assert.deepEqual(found.map((f) => [f.rule, f.ip]), [['flood-client', GUESSER]]);
  // The yardstick counts the busy hour's 120 clients and the flooder (with the pass's own
  // events it would be two, too few for a baseline, and the reason would say so).
  assert.match(found[0]!.reason, /over 121 clients/);
});
