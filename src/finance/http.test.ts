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
    // The alert names its person, with the spellings joined into them and their rows.
    const person = one.json().people[0];
    assert.equal(person.id, alerts[0].entities[0]);
    assert.ok(person.spellings.length >= 1 && person.rows >= alerts[0].rows.length, JSON.stringify(person).slice(0, 300));
    assert.ok(one.json().row_details.every((r: { person: string | null }) => r.person === person.id), 'each cited row is the person\'s');
    // The CSV export: analysts only, the same alerts as the list, audited.
    assert.equal((await s.app.inject({ method: 'GET', url: '/api/finance/alerts.csv' })).statusCode, 401);
    assert.equal((await s.app.inject({ method: 'GET', url: '/api/finance/alerts.csv', headers: s.auth('viewer') })).statusCode, 403);
    assert.equal((await s.app.inject({ method: 'GET', url: '/api/finance/alerts.csv?year=abc', headers: s.auth('analyst') })).statusCode, 400);
    const csv = await s.app.inject({ method: 'GET', url: '/api/finance/alerts.csv?year=2005', headers: s.auth('analyst') });
    assert.equal(csv.statusCode, 200);
    assert.match(String(csv.headers['content-disposition']), /attachment; filename="vigie-finance-alerts-2005\.csv"/);
    const all = (await s.app.inject({ method: 'GET', url: '/api/finance/alerts?year=2005&limit=1000', headers: s.auth('analyst') })).json();
    assert.equal(csv.body.trimEnd().split('\r\n').length - 1, all.total);
  } finally {
    await s.close();
  }
});
