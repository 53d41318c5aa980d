import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { ClickHouseStore, openAnyStore, openStore, type RunFigures, type Store } from '../../store/index.js';
import { corpus } from '../../testing/corpora.js';
import { scaleServersInstalled, startClickHouse, type ClickHouseServer } from '../../testing/scale-servers.js';
import { ingest, type IngestOptions } from '../ingest/ingest.js';

// One repository contract, two stores: the same real logs read into the embedded DuckDB store
// and into ClickHouse give the same figures (events, flagged requests, clients, findings by
// class, top clients) and the same client table.
const skip = scaleServersInstalled() ? false : 'clickhouse-server not installed (.ci/run installs it)';
const OPTIONS: IngestOptions = { format: 'auto', follow: false, idleTimeoutSecs: 0, trustProxyHops: 0, workers: 0, reprocess: false, detectors: {} };

const dir = mkdtempSync(join(tmpdir(), 'vigie-contract-'));
// The first 1,500 lines of a real scanner log (a working slice, removed after): detection costs
// most of the time here, and the contract is about the stores.
const LOGS = [join(dir, 'w3af-head.log')];
writeFileSync(LOGS[0]!, readFileSync(corpus('http/scanner-access-logs/w3af.access.log'), 'utf8').split('\n').slice(0, 1500).join('\n') + '\n');
let ch: ClickHouseServer | undefined;
test.before(async () => {
  if (!skip) ch = await startClickHouse();
});
test.after(async () => {
  await ch?.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function analyse(store: Store): Promise<{ figures: RunFigures; lines: number }> {
  const runId = await store.beginRun({ command: 'test', args: LOGS });
  const stats = await ingest(store, runId, LOGS, OPTIONS);
  assert.deepEqual(stats.errors, []);
  await store.refreshClients();
  return { figures: await store.runFigures(runId, 10), lines: stats.parsed };
}

test('DuckDB and ClickHouse stores give the same figures and clients for the same logs', { skip, timeout: 240_000 }, async () => {
  const duck = await openStore(join(dir, 'contract.duckdb'), { threads: 1 });
  const house = await openAnyStore(ch!.storeUrl('contract'));
  assert.ok(house instanceof ClickHouseStore);
  try {
    const [d, c] = [await analyse(duck), await analyse(house)];
    assert.ok(d.figures.events > 1_000, `events: ${d.figures.events}`);
    assert.ok(d.figures.requests_flagged > 50, `flagged: ${d.figures.requests_flagged}`);
    assert.equal(c.lines, d.lines);
    assert.deepEqual(c.figures, d.figures);
    const duckClients = await duck.query(`SELECT ip, requests, flagged_requests, coalesce(classes, []) AS classes FROM clients ORDER BY ip`);
    const houseClients = await house.query(`SELECT ip, requests, flagged_requests, classes FROM clients FINAL ORDER BY ip`);
    assert.deepEqual(houseClients.map(norm), duckClients.map(norm));
    const duckRules = await duck.query(`SELECT class, rule, count(*) AS n FROM findings GROUP BY ALL ORDER BY ALL`);
    const houseRules = await house.query(`SELECT class, rule, count() AS n FROM findings FINAL GROUP BY class, rule ORDER BY class, rule, n`);
    assert.deepEqual(houseRules.map(norm), duckRules.map(norm));
  } finally {
    await duck.close();
    await house.close();
  }
});

test('ClickHouse: a file read again from the start (rows written, checkpoint lost) stores each line once', { skip, timeout: 240_000 }, async () => {
  const house = (await openAnyStore(ch!.storeUrl('again'))) as ClickHouseStore;
  const log = LOGS[0]!;
  const first = await ingest(house, await house.beginRun({ command: 'test', args: [log] }), [log], OPTIONS);
  // The crash the store must survive: rows written, the checkpoint not moved.
  await house.http.exec(`INSERT INTO checkpoints SELECT source_id, 0, 0, version + 1 FROM checkpoints FINAL`);
  const second = await ingest(house, await house.beginRun({ command: 'test', args: [log] }), [log], OPTIONS);
  assert.equal(second.files[0]!.resumed_at_line, 0, 'read from the start again');
  assert.equal(second.parsed, first.parsed);
  const [raw] = await house.query(`SELECT count() AS n FROM events`);
  const [once] = await house.query(`SELECT count() AS n, uniqExact(source_key, line) AS keys FROM events FINAL`);
  assert.equal(Number(raw!.n), 2 * first.parsed, 'both copies were written');
  assert.equal(Number(once!.n), first.parsed, 'read FINAL: one row per line');
  assert.equal(Number(once!.keys), first.parsed);
  const figures = await house.storeFigures(5);
  assert.equal(figures.events, first.parsed);
  await house.close();
});

function norm(row: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(Object.entries(row).map(([k, v]) => [k, typeof v === 'string' && /^\d+$/.test(v) ? Number(v) : v]));
}
