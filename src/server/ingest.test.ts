import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { corpus } from '../testing/corpora.js';
import { buildServer } from './build-server.js';
import { testServer, type TestServer } from './test-server.js';

// Real scanner traffic (w3af against DVWA), pushed as a log shipper would.
const LINES = readFileSync(corpus('http/scanner-access-logs/w3af.access.log'), 'utf8').split('\n').filter((l) => l !== '');

describe('server: POST /api/ingest', () => {
  let s: TestServer;
  before(async () => {
    s = await testServer();
  });
  after(() => s.close());

  const push = (lines: string[], query = '', role: 'analyst' | 'viewer' = 'analyst') => s.app.inject({
    method: 'POST', url: `/api/ingest${query}`, headers: { ...s.auth(role), 'content-type': 'text/plain' }, payload: lines.join('\n') + '\n',
  });
  const stored = async (): Promise<{ events: number; flagged: number }> => {
    const [r] = await s.app.vigie.reader.query(`SELECT count(*) AS events, count(*) FILTER (WHERE flagged) AS flagged FROM events`);
    return { events: Number(r!.events), flagged: Number(r!.flagged) };
  };

  it('is for analysts: a viewer gets 403', async () => {
    assert.equal((await push(LINES.slice(0, 5), '', 'viewer')).statusCode, 403);
  });

  it('acknowledges a batch only once its lines are stored, counting malformed ones', async () => {
    const batch = [...LINES.slice(0, 300), 'this is not a log line', '\u0000\u0001binary'];
    const res = await push(batch, '?source=dvwa&format=combined');
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.received, 302);
    assert.equal(body.malformed, 2);
    assert.equal(body.parsed, 300);
    assert.equal(body.stored, 300);
    assert.deepEqual((await stored()).events, 300, 'every acknowledged line is in the store');
    const audit = await s.app.vigie.reader.query(`SELECT user_name, ok FROM audit_log WHERE action = 'ingest'`);
    assert.deepEqual(audit, [{ user_name: 'anna', ok: true }]);
  });

  it('adds the next batch without repeating the first, and the overview sees it', async () => {
    const res = await push(LINES.slice(300, 500), '?source=dvwa');
    assert.equal(res.json().stored, 200);
    const now = await stored();
    assert.equal(now.events, 500);
    const overview = (await s.app.inject({ url: '/api/overview', headers: s.auth('viewer') })).json();
    assert.equal(overview.requests, 500);
    assert.equal(overview.attacks, now.flagged);
    assert.ok(overview.attacks > 0, 'w3af traffic holds attacks');
    const metrics = (await s.app.inject({ url: '/metrics', headers: s.auth('viewer') })).body;
    assert.match(metrics, /vigie_pipeline_received_total 502/);
    assert.match(metrics, /vigie_pipeline_emitted_total 500/);
    assert.match(metrics, /vigie_pipeline_dropped_total 2/);
    // The same by stage: lines in, events out and malformed lines dropped by the ingest.
    assert.match(metrics, /vigie_stage_received_total\{stage="ingest"\} 502/);
    assert.match(metrics, /vigie_stage_emitted_total\{stage="ingest"\} 500/);
    assert.match(metrics, /vigie_stage_dropped_total\{stage="ingest"\} 2/);
    assert.match(metrics, /vigie_stage_received_total\{stage="detect"\} 500/);
  });

  it('survives a restart: the spool resumes from its checkpoint', async () => {
    await s.app.close();
    s.app = await buildServer({ db: s.db, logger: false, webDir: null });
    const res = await push(LINES.slice(500, 600), '?source=dvwa');
    assert.equal(res.json().stored, 100);
    assert.equal((await stored()).events, 600);
  });
});
