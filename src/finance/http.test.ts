import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { runCli } from '../testing/run-cli.js';
import { corpus } from '../testing/corpora.js';
import { testServer } from '../server/test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-finance-http-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('/api/finance: recipients for a viewer, alerts with their stored rows for an analyst, nothing without a token', async () => {
  const db = join(dir, 'bloc.duckdb');
  const bloc = corpus('finance/elections-canada/party-contributions-2004-2013-as-submitted/Bloc');
  assert.equal((await runCli(['finance', 'import', ...readdirSync(bloc).filter((f) => /200[456]/.test(f)).map((f) => join(bloc, f)), '--db', db, '--quiet'])).code, 0);
  const empty = await testServer();
  try {
    const none = await empty.app.inject({ method: 'GET', url: '/api/finance/recipients', headers: empty.auth('viewer') });
    assert.equal(none.statusCode, 404);
  } finally {
    await empty.close();
  }
  assert.equal((await runCli(['finance', 'scan', '--db', db, '--json', join(dir, 's.json')])).code, 0);
  const s = await testServer({ db });
  try {
    assert.equal((await s.app.inject({ method: 'GET', url: '/api/finance/recipients' })).statusCode, 401);
    const rec = await s.app.inject({ method: 'GET', url: '/api/finance/recipients', headers: s.auth('viewer') });
    assert.equal(rec.statusCode, 200);
    const body = rec.json();
    assert.ok(body.recipients.length > 0 && body.recipients[0].reasons_fr.length > 0);
    assert.equal((await s.app.inject({ method: 'GET', url: '/api/finance/alerts', headers: s.auth('viewer') })).statusCode, 403);
    const list = await s.app.inject({ method: 'GET', url: '/api/finance/alerts?type=limit_breach&limit=1', headers: s.auth('analyst') });
    assert.equal(list.statusCode, 200);
    const alerts = list.json().alerts;
    assert.equal(alerts.length, 1);
    assert.equal(alerts[0].type, 'limit_breach');
    const one = await s.app.inject({ method: 'GET', url: `/api/finance/alerts/${alerts[0].id}`, headers: s.auth('analyst') });
    assert.equal(one.statusCode, 200);
    assert.equal(one.json().row_details.length, alerts[0].rows.length);
    assert.equal((await s.app.inject({ method: 'GET', url: '/api/finance/alerts/x;drop', headers: s.auth('analyst') })).statusCode, 400);
    assert.equal((await s.app.inject({ method: 'GET', url: '/api/finance/alerts?type=nope', headers: s.auth('analyst') })).statusCode, 400);
  } finally {
    await s.close();
  }
});
