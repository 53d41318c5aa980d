import assert from 'node:assert/strict';
import { appendFileSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { connect } from 'nats';
import { ClickHouseHttp, parseClickHouseUrl } from '../../store/index.js';
import { corpus } from '../../testing/corpora.js';
import { finished, runCli, startCli } from '../../testing/run-cli.js';
import { scaleServersInstalled, startClickHouse, startNats, waitFor, type ClickHouseServer, type NatsCluster } from '../../testing/scale-servers.js';

// The scale-out path end to end, on real servers: `web ship` publishes a real log to JetStream,
// `worker` stores it in ClickHouse. A worker killed with -9 mid-stream and restarted stores the
// same rows as one that ran through: nothing lost, nothing twice.
const skip = scaleServersInstalled() ? false : 'nats-server / clickhouse-server not installed (.ci/run installs them)';
const dir = mkdtempSync(join(tmpdir(), 'vigie-scale-'));
// The first 2,000 lines of a real scanner log (a working slice, removed after).
const LOG = join(dir, 'acunetix-head.log');
writeFileSync(LOG, readFileSync(corpus('http/scanner-access-logs/acunetix.access.log'), 'utf8').split('\n').slice(0, 2000).join('\n') + '\n');
// A log that grows while a collector follows it: 1,000 lines of another scanner log, written in three parts.
const LOG2 = join(dir, 'netsparker-growing.log');
const LOG2_LINES = readFileSync(corpus('http/scanner-access-logs/netsparker.access.log'), 'utf8').split('\n').slice(0, 1000);
const part = (from: number, to: number): string => LOG2_LINES.slice(from, to).join('\n') + '\n';
let nats: NatsCluster | undefined;
let ch: ClickHouseServer | undefined;
test.before(async () => {
  if (!skip) [nats, ch] = await Promise.all([startNats(), startClickHouse()]);
});
test.after(async () => {
  await Promise.all([nats?.stop(), ch?.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

function db(name: string): ClickHouseHttp {
  const { base, database } = parseClickHouseUrl(ch!.storeUrl(name))!;
  return new ClickHouseHttp(base, database);
}

/** What a user would compare: how many rows, how many distinct line keys, and a digest of their content. */
async function rowsOf(name: string): Promise<Record<string, unknown>> {
  const h = db(name);
  const [events] = await h.query(`SELECT count() AS n, uniqExact(source_key, line) AS keys, countIf(flagged = 1) AS flagged_n, sum(cityHash64(source_key, line, ip, method, path, query, status, flagged)) AS digest FROM events FINAL`);
  const [findings] = await h.query(`SELECT count() AS n, uniqExact(source_key, line, idx) AS keys, sum(cityHash64(source_key, line, idx, class, rule, location)) AS digest FROM findings FINAL`);
  const [clients] = await h.query(`SELECT count() AS n, sum(requests) AS requests FROM clients FINAL`);
  return { events, findings, clients };
}

async function eventCount(name: string): Promise<number> {
  try {
    const [row] = await db(name).query(`SELECT count() AS n FROM events`);
    return Number(row?.n ?? 0);
  } catch {
    return 0; // the worker has not created its tables yet
  }
}

test('web ship → JetStream → worker → ClickHouse: a worker killed -9 mid-stream and restarted stores the same rows as one that ran through', { skip, timeout: 300_000 }, async () => {
  const shipped = await runCli(['web', 'ship', LOG, '--nats', nats!.url, '--state', join(dir, 'ship.duckdb'), '--partitions', '4', '--message-kib', '8', '--workers', '0', '--json', '-']);
  assert.equal(shipped.code, 0, shipped.stderr);
  const summary = JSON.parse(shipped.stdout) as { parsed: number; flagged: number; published: { events: number; messages: number } };
  assert.ok(summary.parsed > 1900, `parsed ${summary.parsed}`);
  assert.equal(summary.published.events, summary.parsed);

  const worker = (name: string, extra: string[]) => startCli(['worker', '--nats', nats!.url, '--store', ch!.storeUrl(name), '--consumer', name, ...extra]);
  // Shipping the same file again publishes nothing: its checkpoint is at its end. Meanwhile one
  // worker runs through.
  const [again, clean] = await Promise.all([
    runCli(['web', 'ship', LOG, '--nats', nats!.url, '--state', join(dir, 'ship.duckdb'), '--workers', '0', '--json', '-']),
    finished(worker('clean', ['--idle-exit-secs', '2', '--json', '-'])),
  ]);
  assert.equal(again.code, 0, again.stderr);
  assert.equal((JSON.parse(again.stdout) as { published: { events: number } }).published.events, 0);
  assert.equal(clean.code, 0, clean.stderr);
  assert.equal((JSON.parse(clean.stdout) as { events: number }).events, summary.parsed);

  // Another, one message a round, is killed as soon as it has written something.
  const doomed = worker('faulty', ['--fetch', '1', '--ack-wait-secs', '2']);
  const doomedDone = finished(doomed);
  await waitFor('the worker writing its first rows', async () => (await eventCount('faulty')) > 0, 120_000);
  doomed.kill('SIGKILL');
  const killed = await doomedDone;
  assert.equal(killed.signal, 'SIGKILL', `the worker was still running when killed: ${killed.stderr}`);
  const atKill = await eventCount('faulty');
  assert.ok(atKill < summary.parsed, `killed mid-stream (${atKill} of ${summary.parsed} rows written)`);
  const restarted = await finished(worker('faulty', ['--fetch', '16', '--idle-exit-secs', '3']));
  assert.equal(restarted.code, 0, restarted.stderr);

  const [a, b] = [await rowsOf('clean'), await rowsOf('faulty')];
  assert.deepEqual(b, a, 'same rows as the uninterrupted worker');
  const events = a.events as { n: number; keys: number; flagged_n: number };
  assert.equal(events.n, summary.parsed, 'every line stored');
  assert.equal(events.keys, summary.parsed, 'each line once');
  assert.equal(events.flagged_n, summary.flagged);
  assert.equal((a.clients as { requests: number }).requests, summary.parsed);
});

test('a collector following a growing log, killed -9 and restarted, resumes after its last acknowledged batch: every line stored once', { skip, timeout: 300_000 }, async () => {
  const state = join(dir, 'ship2.duckdb');
  const nc = await connect({ servers: nats!.urls });
  const jsm = await nc.jetstreamManager({ timeout: 30_000 });
  const published = async (): Promise<number> => (await jsm.streams.info('VIGIE_WEB')).state.messages;
  writeFileSync(LOG2, part(0, 400));
  let seen = await published();
  const ship = startCli(['web', 'ship', LOG2, '--follow', '--nats', nats!.url, '--state', state, '--workers', '0', '--quiet']);
  const shipDone = finished(ship);
  await waitFor('the collector publishing the first part', async () => (await published()) > seen, 120_000);
  seen = await published();
  appendFileSync(LOG2, part(400, 700));
  await waitFor('the collector publishing the second part', async () => (await published()) > seen, 120_000);
  ship.kill('SIGKILL');
  const killed = await shipDone;
  await nc.close();
  assert.equal(killed.signal, 'SIGKILL', `the collector was still running when killed: ${killed.stderr}`);
  appendFileSync(LOG2, part(700, 1000));
  const resumed = await runCli(['web', 'ship', LOG2, '--nats', nats!.url, '--state', state, '--workers', '0', '--json', '-']);
  assert.equal(resumed.code, 0, resumed.stderr);
  const second = JSON.parse(resumed.stdout) as { parsed: number; malformed: number; files: Array<{ resumed_at_line: number }> };
  const at = second.files[0]!.resumed_at_line;
  assert.ok(at >= 400 && at <= 700, `resumed after an acknowledged part (at line ${at})`);
  assert.equal(second.malformed, 0);
  assert.equal(second.parsed, 1000 - at, 'read on from the checkpoint');

  const worker = await finished(startCli(['worker', '--nats', nats!.url, '--store', ch!.storeUrl('collector'), '--consumer', 'collector', '--idle-exit-secs', '2']));
  assert.equal(worker.code, 0, worker.stderr);
  const [row] = await db('collector').query(`SELECT count() AS n, uniqExact(line) AS lines, min(line) AS first, max(line) AS last FROM events FINAL WHERE source_key LIKE $k`, { k: `%:${statSync(LOG2).dev}:${statSync(LOG2).ino}:%` });
  assert.deepEqual(row, { n: 1000, lines: 1000, first: 1, last: 1000 }, 'every line of the file, once');
});
