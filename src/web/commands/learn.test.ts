import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { DuckDbStore } from '../../store/index.js';
import { corpus } from '../../testing/corpora.js';
import { runCli } from '../../testing/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-learn-test-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const csic = readFileSync(corpus('http/csic2010/normalTrafficTraining.jsonl'), 'utf8').split('\n').filter(Boolean);
const requestsFile = join(dir, 'csic.jsonl');
writeFileSync(requestsFile, csic.slice(0, 12_000).join('\n') + '\n{"method": 5}\nnot json\n');

// An access log of real CSIC GET requests, given 30 client addresses in turn (documentation
// space: CSIC has none), followed by a real scanner session (w3af).
const gets = csic.map((l) => JSON.parse(l) as { method: string; uri: string }).filter((r) => r.method === 'GET');
const logLine = (ip: string, uri: string, second: number): string =>
  `${ip} - - [22/Dec/2016:10:${String(Math.floor(second / 60) % 60).padStart(2, '0')}:${String(second % 60).padStart(2, '0')} +0000] "GET ${uri} HTTP/1.1" 200 512 "-" "Mozilla/5.0"`;
const normalLines = gets.slice(0, 9_000).map((r, i) => logLine(`198.51.100.${i % 30}`, r.uri, i));
const w3af = readFileSync(corpus('http/scanner-access-logs/w3af.access.log'), 'utf8').split('\n').filter(Boolean).slice(0, 1_500);
const logFile = join(dir, 'access.log');
writeFileSync(logFile, [...normalLines, ...w3af].join('\n') + '\n');

const anadir = gets.find((r) => r.uri.startsWith('/tienda1/publico/anadir.jsp?'))!.uri;
const tamperedUri = anadir.replace(/precio=\d+/, 'precio=1');

test('web learn --requests learns the CSIC shop and counts bad lines with file:line', async () => {
  const out = join(dir, 'requests-baseline.json');
  const r = await runCli(['web', 'learn', '--requests', requestsFile, '--out', out]);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^Learned a baseline from [\d,]+ of 12,000 requests read/);
  assert.match(r.stdout, /36 endpoints, 84 parameters: \d+ typed, \d+ with a closed set of values\./);
  assert.match(r.stdout, /2 malformed lines, first ones:\n {2}.*csic\.jsonl:12001: not a JSON request object with method and uri\n {2}.*csic\.jsonl:12002: /);
  const model = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(model.format, 'vigie-baseline');
  assert.equal(model.endpoints.length, 36);

  // The baseline in `web scan`: the tampered price is an attack, the untouched request is not.
  const scanInput = join(dir, 'scan.jsonl');
  writeFileSync(scanInput, [{ method: 'GET', uri: anadir }, { method: 'GET', uri: tamperedUri }].map((x) => JSON.stringify(x)).join('\n') + '\n');
  const scan = await runCli(['web', 'scan', '--requests', scanInput, '--baseline', out, '--quiet']);
  assert.equal(scan.code, 0, scan.stderr);
  const verdicts = scan.stdout.trim().split('\n').map((l) => JSON.parse(l));
  assert.deepEqual(verdicts.map((v) => [v.attack, v.rules]), [[false, []], [true, ['baseline-param-value']]]);
});

test('web learn --log sets the scanner aside and learns the site from its other clients', async () => {
  const out = join(dir, 'log-baseline.json');
  const r = await runCli(['web', 'learn', '--log', logFile, '--out', out, '--json']);
  assert.equal(r.code, 0, r.stderr);
  const s = JSON.parse(r.stdout);
  assert.equal(s.requests_read, 10_500);
  assert.equal(s.clients_flagged, 1);
  assert.ok(s.requests_ignored_flagged >= 1_500, `scanner requests set aside: ${s.requests_ignored_flagged}`);
  assert.equal(s.malformed, 0);
  assert.ok(s.endpoints >= 20 && s.endpoints <= 36, `${s.endpoints} endpoints`);
  const model = JSON.parse(readFileSync(out, 'utf8'));
  assert.equal(model.clients_known, true);
  assert.ok(!model.endpoints.some((e: { path: string }) => !e.path.startsWith('/tienda1/')), 'nothing of the scanner was learned');
});

async function anomalies(db: string): Promise<Array<Record<string, unknown>>> {
  const store = await DuckDbStore.open(db);
  try {
    return await store.query(`SELECT rule, location, fragment, line::INTEGER AS line FROM findings WHERE class = 'anomaly' ORDER BY line`);
  } finally {
    await store.close();
  }
}

test('web analyze --baseline reports anomalies; a corrupt baseline is one error line', async () => {
  const baseline = join(dir, 'log-baseline.json');
  const log = join(dir, 'check.log');
  writeFileSync(log, [logLine('198.51.100.1', anadir, 1), logLine('198.51.100.2', tamperedUri, 2)].join('\n') + '\n');
  const db = join(dir, 'baseline.duckdb');
  const r = await runCli(['web', 'analyze', log, '--db', db, '--baseline', baseline, '--no-geo', '--quiet']);
  assert.equal(r.code, 0, r.stderr);
  assert.deepEqual(await anomalies(db), [{ rule: 'baseline-param-value', location: 'query:precio', fragment: '1', line: 2 }]);

  const bad = join(dir, 'bad.json');
  writeFileSync(bad, '{"format":"vigie-baseline","version":1}');
  const b = await runCli(['web', 'analyze', log, '--db', join(dir, 'bad.duckdb'), '--baseline', bad, '--no-geo', '--quiet']);
  assert.equal(b.code, 2);
  assert.match(b.stderr, /^vigie: .*bad\.json: invalid baseline at created_at: .*; make it again with vigie web learn\n$/);
});

test('web analyze --learn-warmup learns from the first requests and checks the rest', async () => {
  const log = join(dir, 'warmup.log');
  writeFileSync(log, [...normalLines.slice(0, 6_000), ...w3af.slice(0, 200), logLine('198.51.100.3', tamperedUri, 7_000)].join('\n') + '\n');
  const db = join(dir, 'warmup.duckdb');
  const r = await runCli(['web', 'analyze', log, '--db', db, '--learn-warmup', '6000', '--no-geo', '--quiet', '--workers', '2']);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /baseline learned from the first 6,000 requests of this run \(6,000 used; .*\); \d+ of the 201 later requests left it/);
  const found = await anomalies(db);
  assert.ok(found.some((f) => f.line === 6_201 && f.rule === 'baseline-param-value'), JSON.stringify(found.slice(-3)));
});

test('web learn without --out, or with both inputs, is a usage error', async () => {
  const r = await runCli(['web', 'learn', '--requests', requestsFile]);
  assert.equal(r.code, 2);
  assert.match(r.stderr, /^vigie: web learn: --out FILE is required/);
  const both = await runCli(['web', 'learn', '--requests', requestsFile, '--log', logFile, '--out', join(dir, 'x.json')]);
  assert.equal(both.code, 2);
});
