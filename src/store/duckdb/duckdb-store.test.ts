import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { emptyEvent, type Finding } from '../../core/index.js';
import { encodeFinding, RowEncoder } from '../rows.js';
import { DuckDbStore } from './duckdb-store.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-store-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

function event(ip: string, path: string, ts: number) {
  return { ...emptyEvent(), ip, method: 'GET', path, status: 200, bytes: 10, ts, userAgent: 'UA "quoted" \\ back' };
}

test('a batch and its checkpoint are stored together and survive reopening the file', async () => {
  const db = join(dir, 'a.duckdb');
  let store = await DuckDbStore.open(db);
  const run = await store.beginRun({ command: 'test', args: [] });
  const identity = { path: '/logs/a.log', dev: 1, ino: 2, headHash: 'abc', headBytes: 3 };
  const { source, checkpoint } = await store.openSource(identity, async () => true);
  assert.equal(checkpoint.byteOffset, 0);
  const encoder = new RowEncoder(await store.reserveStringIds(1));
  const rows = [event('203.0.113.5', '/a', 1_700_000_000_000), event('2001:db8::1', '/b', 1_700_000_001_000)]
    .map((e, i) => encoder.encodeEvent(e, i + 1, i === 1, false)).join('');
  const strings = encoder.takeStrings();
  const finding: Finding = { scope: 'request', class: 'sqli', rule: 'r1', severity: 4, ip: '2001:db8::1', ts: 1_700_000_001_000, location: 'query:x', fragment: "' or 1=1", file: 'a.log', line: 2, windowStart: 0, windowEnd: 0, reason: 'tab\there', why: { code: 'web.signature', params: { fragment: 'tab\there', location: 'query:x' } } };
  await store.commitBatch(run, {
    sourceId: source.sourceId,
    strings: Buffer.from(strings.rows), stringCount: strings.count,
    events: Buffer.from(rows), eventCount: 2,
    findings: Buffer.from(encodeFinding(finding, { file: 'a.log', line: 2 }, 'raw line')), findingCount: 1,
  }, { sourceId: source.sourceId, byteOffset: 120, line: 2 });
  await store.close();

  store = await DuckDbStore.open(db);
  const again = await store.openSource(identity, async () => true);
  assert.equal(again.source.sourceId, source.sourceId);
  assert.deepEqual(again.checkpoint, { sourceId: source.sourceId, byteOffset: 120, line: 2 });
  const stored = await store.query(`SELECT ip, path, user_agent, flagged, strftime(ts, '%Y-%m-%dT%H:%M:%S') AS t FROM requests ORDER BY line`);
  assert.deepEqual(stored, [
    { ip: '203.0.113.5', path: '/a', user_agent: 'UA "quoted" \\ back', flagged: false, t: '2023-11-14T22:13:20' },
    { ip: '2001:db8::1', path: '/b', user_agent: 'UA "quoted" \\ back', flagged: true, t: '2023-11-14T22:13:21' },
  ]);
  // The user agent is stored once, however many events carry it.
  assert.deepEqual(await store.query(`SELECT count(*)::INTEGER AS n FROM strings WHERE value LIKE 'UA %'`), [{ n: 1 }]);
  const [f] = await store.query(`SELECT class, location, fragment, reason, raw FROM findings`);
  assert.deepEqual(f, { class: 'sqli', location: 'query:x', fragment: "' or 1=1", reason: 'tab\\x09here', raw: 'raw line' });
  // The reason as data beside its English: code and parameters, made safe like every field.
  const [why] = await store.query(`SELECT reason_code, reason_params::VARCHAR AS p FROM findings`);
  assert.deepEqual({ code: why!.reason_code, params: JSON.parse(String(why!.p)) }, { code: 'web.signature', params: { fragment: 'tab\\x09here', location: 'query:x' } });
  const figures = await store.runFigures(run, 5);
  assert.equal(figures.events, 2);
  assert.equal(figures.requests_flagged, 1);
  assert.equal(figures.clients_flagged, 1);
  assert.deepEqual(figures.findings_by_class, { sqli: 1 });
  assert.equal(figures.top_clients[0]!.ip, '2001:db8::1');
  assert.deepEqual(figures.top_clients[0]!.classes, ['sqli']);
  await store.close();
});

test('a file whose first bytes changed is a new source starting at zero', async () => {
  const store = await DuckDbStore.open(join(dir, 'b.duckdb'));
  const identity = { path: '/logs/b.log', dev: 1, ino: 9, headHash: 'h1', headBytes: 3 };
  const first = await store.openSource(identity, async () => true);
  await store.commitBatch(1, { sourceId: first.source.sourceId, strings: new Uint8Array(0), stringCount: 0, events: new Uint8Array(0), eventCount: 0, findings: new Uint8Array(0), findingCount: 0 }, { sourceId: first.source.sourceId, byteOffset: 50, line: 5 });
  const second = await store.openSource({ ...identity, headHash: 'h2' }, async (known) => known.headHash === 'h2');
  assert.notEqual(second.source.sourceId, first.source.sourceId);
  assert.equal(second.checkpoint.byteOffset, 0);
  await store.close();
});

test('a failed batch leaves neither rows nor a moved checkpoint behind', async () => {
  const store = await DuckDbStore.open(join(dir, 'c.duckdb'));
  const { source } = await store.openSource({ path: '/logs/c.log', dev: 1, ino: 3, headHash: 'h', headBytes: 1 }, async () => true);
  const good = new RowEncoder(0).encodeEvent(event('198.51.100.1', '/', 1_700_000_000_000), 1, false, false);
  const broken = good.replace('\t200\t', '\tnot-a-number\t');
  await assert.rejects(store.commitBatch(1, { sourceId: source.sourceId, strings: new Uint8Array(0), stringCount: 0, events: Buffer.from(good + broken), eventCount: 2, findings: new Uint8Array(0), findingCount: 0 }, { sourceId: source.sourceId, byteOffset: 99, line: 2 }), { code: 'VIGIE_ERR_STORE' });
  assert.deepEqual(await store.query(`SELECT count(*)::INTEGER AS n FROM events`), [{ n: 0 }]);
  const again = await store.openSource({ path: '/logs/c.log', dev: 1, ino: 3, headHash: 'h', headBytes: 1 }, async () => true);
  assert.equal(again.checkpoint.byteOffset, 0);
  await store.close();
});

test('string id ranges are never handed out twice, even across reopenings', async () => {
  const db = join(dir, 'd.duckdb');
  let store = await DuckDbStore.open(db);
  const a = await store.reserveStringIds(2);
  const b = await store.reserveStringIds(1);
  await store.close();
  store = await DuckDbStore.open(db);
  const c = await store.reserveStringIds(1);
  await store.close();
  assert.deepEqual([b - a, c - b], [2 * 2 ** 32, 2 ** 32]);
});

test('a process killed right after creating the database leaves one that opens again, with what it wrote', async () => {
  const path = join(dir, 'killed.duckdb');
  // A child creates the database (all migrations), writes a run and an audit line, then dies
  // without closing: what reopening finds is what a crash leaves behind.
  const script = `
    const { DuckDbStore, appendAudit } = await import(${JSON.stringify(new URL('../index.js', import.meta.url).href)});
    const store = await DuckDbStore.open(${JSON.stringify(path)});
    await store.beginRun({ command: 'web analyze', args: [] });
    await appendAudit(store, { user: 'cli:test', action: 'report', ok: true });
    process.kill(process.pid, 'SIGKILL');`;
  const child = spawnSync(process.execPath, ['--input-type=module', '-e', script]);
  assert.equal(child.signal, 'SIGKILL', child.stderr.toString());
  const store = await DuckDbStore.open(path);
  try {
    assert.deepEqual(await store.query(`SELECT count(*)::INTEGER AS n FROM runs`), [{ n: 1 }]);
    assert.deepEqual(await store.query(`SELECT action FROM audit_log`), [{ action: 'report' }]);
  } finally {
    await store.close();
  }
});

test('refreshing the clients seen since a time gives the same table as refreshing them all', async () => {
  const store = await DuckDbStore.open(join(dir, 'clients.duckdb'));
  try {
    const run = await store.beginRun({ command: 'test', args: [] });
    const { source } = await store.openSource({ path: '/logs/c.log', dev: 1, ino: 9, headHash: 'c', headBytes: 1 }, async () => true);
    const encoder = new RowEncoder(await store.reserveStringIds(1));
    let line = 0;
    const add = async (events: ReturnType<typeof event>[], findings: Finding[] = []) => {
      const rows = events.map((e) => encoder.encodeEvent(e, ++line, findings.some((f) => f.ip === e.ip && f.ts === e.ts), false)).join('');
      const strings = encoder.takeStrings();
      await store.commitBatch(run, {
        sourceId: source.sourceId, strings: Buffer.from(strings.rows), stringCount: strings.count,
        events: Buffer.from(rows), eventCount: events.length,
        findings: Buffer.from(findings.map((f) => encodeFinding(f, { file: 'c.log', line }, 'raw')).join('')), findingCount: findings.length,
      }, { sourceId: source.sourceId, byteOffset: line, line });
    };
    const T = 1_700_000_000_000;
    const sqli = (ip: string, ts: number): Finding => ({ scope: 'request', class: 'sqli', rule: 'r1', severity: 4, ip, ts, location: 'query:id', fragment: "'", file: 'c.log', line: 0, windowStart: 0, windowEnd: 0, reason: 'r', why: { code: 'web.signature', params: { fragment: "'", location: 'query:id' } } });
    // An hour of three clients, then new traffic from two of them (one now attacking) and a newcomer.
    await add([event('192.0.2.1', '/a', T), event('192.0.2.2', '/b', T + 1000), event('192.0.2.3', '/c', T + 2000), event('192.0.2.1', '/d', T + 3_600_000)]);
    await store.refreshClients();
    await add([event('192.0.2.2', '/e', T + 7_200_000), event('192.0.2.3', '/f', T + 7_201_000), event('198.51.100.9', '/g', T + 7_202_000)], [sqli('192.0.2.3', T + 7_201_000)]);
    const table = `SELECT ip, epoch_ms(first_seen) AS f, epoch_ms(last_seen) AS l, requests, flagged_requests, classes FROM clients ORDER BY ip`;
    await store.refreshClients({ runId: run, fromMs: T + 7_000_000 });
    const incremental = await store.query(table);
    await store.refreshClients();
    assert.deepEqual(incremental, await store.query(table));
    assert.equal(incremental.length, 4);
    assert.deepEqual(incremental.find((c) => c.ip === '192.0.2.3'), { ip: '192.0.2.3', f: String(T + 2000), l: String(T + 7_201_000), requests: '2', flagged_requests: '1', classes: ['sqli'] });
    // The run's figures counted in one part or in a part per address (as 2M addresses are) agree.
    const whole = await store.runFigures(run, 3);
    assert.deepEqual(await store.runFigures(run, 3, 1), whole);
    assert.equal(whole.clients, 4);
    assert.equal(whole.clients_flagged, 1);
    assert.deepEqual(whole.top_clients.map((c) => c.ip), ['192.0.2.3', '192.0.2.1', '192.0.2.2']);
  } finally {
    await store.close();
  }
});
