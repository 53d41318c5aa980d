import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, test } from 'node:test';
import { emptyEvent } from '../../core/index.js';
import { DuckDbStore, RowEncoder } from '../../store/index.js';
import { detectBehaviour } from './detect-behaviour.js';
import { BEHAVIOUR_RULES_DIR, loadScenarios } from './load-scenarios.js';

// Golden test: every scenario in rules/behaviour runs on its own fixtures with all other
// scenarios loaded (as in production), each fixture file stored as a run of its own in a real
// DuckDB file, so the SQL prefilter and the sliding windows are both exercised.
const FIXTURES_DIR = join(BEHAVIOUR_RULES_DIR, 'fixtures');
const BASE_MS = Date.parse('2025-05-01T12:00:00Z');
const scenarios = loadScenarios();
let dir: string;
let store: DuckDbStore;

interface FixtureEvent { t: number; ip: string; method: string; path: string; status: number; ua?: string; flagged?: boolean }

before(async () => {
  dir = mkdtempSync(join(tmpdir(), 'vigie-behaviour-'));
  store = await DuckDbStore.open(join(dir, 'fixtures.duckdb'));
});
after(async () => {
  await store.close();
  rmSync(dir, { recursive: true, force: true });
});

/** Stores a fixture as one run and returns the rules whose findings it produced, by address. */
async function runFixture(file: string): Promise<Array<{ rule: string; ip: string; reason: string }>> {
  assert.ok(existsSync(file), `${file} is missing: every scenario needs match and no-match fixtures`);
  const events = readFileSync(file, 'utf8').split('\n').filter((l) => l.trim() !== '').map((l) => JSON.parse(l) as FixtureEvent);
  const runId = await store.beginRun({ command: 'test', args: [file] });
  const { source } = await store.openSource({ path: file, dev: 0, ino: runId, headHash: String(runId), headBytes: 0 }, async () => false);
  const encoder = new RowEncoder(await store.reserveStringIds(1));
  const rows = events.map((e, i) => {
    const [path, query = ''] = e.path.split('?');
    const event = { ...emptyEvent(), ts: BASE_MS + Math.round(e.t * 1000), ip: e.ip, method: e.method, path: path!, query, status: e.status, userAgent: e.ua ?? '' };
    return encoder.encodeEvent(event, i + 1, e.flagged === true, false);
  });
  const strings = encoder.takeStrings();
  const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);
  await store.commitBatch(runId, {
    sourceId: source.sourceId, strings: bytes(strings.rows), stringCount: strings.count,
    events: bytes(rows.join('')), eventCount: rows.length, findings: new Uint8Array(), findingCount: 0,
  }, { sourceId: source.sourceId, byteOffset: 0, line: rows.length });
  await detectBehaviour(store, { runId }, { scenarios });
  const found = await store.query(`SELECT rule, ip, reason FROM findings WHERE run_id = $r AND scope = 'client'`, { r: runId });
  return found.map((f) => ({ rule: String(f.rule), ip: String(f.ip), reason: String(f.reason) }));
}

for (const s of scenarios) {
  test(`scenario ${s.id} fires on its match.jsonl`, async () => {
    const found = await runFixture(join(FIXTURES_DIR, s.id, 'match.jsonl'));
    assert.ok(found.some((f) => f.rule === s.id), `no ${s.id} finding; got ${JSON.stringify(found)}`);
    // The reader in every fixture (198.51.100.7) is never caught by anything.
    assert.deepEqual(found.filter((f) => f.ip === '198.51.100.7'), []);
  });

  test(`scenario ${s.id} stays quiet on its no-match.jsonl`, async () => {
    const found = await runFixture(join(FIXTURES_DIR, s.id, 'no-match.jsonl'));
    assert.deepEqual(found.filter((f) => f.rule === s.id).map((f) => `${f.ip}: ${f.reason}`), []);
  });
}

test('every fixture folder belongs to a scenario', () => {
  const ids = new Set(scenarios.map((s) => s.id));
  assert.deepEqual(readdirSync(FIXTURES_DIR).filter((name) => !ids.has(name)), []);
});

test('a client finding explains itself: window, counts, threshold and evidence lines', async () => {
  const file = join(FIXTURES_DIR, 'scanning-4xx', 'match.jsonl');
  await runFixture(file);
  const [f] = await store.query(
    `SELECT * FROM findings WHERE scope = 'client' AND rule = 'scanning-4xx' ORDER BY run_id DESC LIMIT 1`);
  assert.ok(f);
  assert.equal(f.ip, '203.0.113.10');
  assert.equal(f.class, 'scanning');
  assert.equal(f.location, 'client');
  assert.match(String(f.reason), /^15 distinct paths answered 400, 403, 404, 405 or 410 within 60 s \(threshold 12\)/);
  assert.equal(f.window_start, '2025-05-01 12:00:00');
  assert.equal(f.window_end, '2025-05-01 12:00:28');
  const evidence = JSON.parse(String(f.evidence)) as Array<{ file: string; line: number; path: string; status: number }>;
  assert.equal(evidence.length, 15);
  assert.equal(evidence[0]!.file, file);
  assert.equal(evidence[0]!.path, '/admin/');
  assert.equal(evidence[0]!.status, 404);
});

test('a scenario with an unknown key is refused with its file and key', async () => {
  const { parseScenarioFile } = await import('./load-scenarios.js');
  const text = readFileSync(join(BEHAVIOUR_RULES_DIR, 'scanning-4xx.yaml'), 'utf8').replace('window_secs:', 'window:');
  assert.match(String(parseScenarioFile('scanning-4xx.yaml', text)), /scanning-4xx\.yaml: .*window/);
});
