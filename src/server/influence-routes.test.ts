import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { runCli } from '../testing/run-cli.js';
import { moduleReports } from '../registry/module-reports.js';
import { testServer } from './test-server.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-influence-api-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

test('/api/influence: groups and narratives for any signed-in user, a group\'s evidence for analysts, nothing without a token', async () => {
  const db = join(dir, 'api.duckdb');
  const posts = join(dir, 'month.jsonl');
  assert.equal((await runCli(['influence', 'generate', '--seed', '11', '--accounts', '300', '--out', posts])).code, 0);
  assert.equal((await runCli(['influence', 'import', posts, '--db', db, '--quiet'])).code, 0);
  const scan = await runCli(['influence', 'scan', '--db', db, '--quiet']);
  assert.equal(scan.code, 0, scan.stderr);
  const server = await testServer({ db });
  try {
    const anonymous = await server.app.inject({ method: 'GET', url: '/api/influence/groups' });
    assert.equal(anonymous.statusCode, 401);
    const groups = await server.app.inject({ method: 'GET', url: '/api/influence/groups', headers: server.auth('viewer') });
    assert.equal(groups.statusCode, 200);
    const list = groups.json().groups as Array<{ id: string; accounts: string[]; reasons_fr: string[] }>;
    assert.ok(list.length >= 4);
    assert.ok(list.some((g) => g.accounts.some((a) => a.startsWith('zhnet_'))));
    const narratives = await server.app.inject({ method: 'GET', url: '/api/influence/narratives?limit=5', headers: server.auth('viewer') });
    assert.equal(narratives.json().narratives.length, 5);
    const viewerEvidence = await server.app.inject({ method: 'GET', url: `/api/influence/groups/${list[0]!.id}`, headers: server.auth('viewer') });
    assert.equal(viewerEvidence.statusCode, 403);
    const evidence = await server.app.inject({ method: 'GET', url: `/api/influence/groups/${list[0]!.id}?limit=10`, headers: server.auth('analyst') });
    assert.equal(evidence.statusCode, 200);
    const body = evidence.json() as { group: { id: string }; evidence: Array<{ post_a: string; post_b: string; file_a: string; line_a: number; gap_secs: number }> };
    assert.equal(body.group.id, list[0]!.id);
    assert.equal(body.evidence.length, 10);
    assert.ok(body.evidence.every((e) => e.file_a.endsWith('month.jsonl') && e.line_a > 0 && e.post_a !== e.post_b));
    const bad = await server.app.inject({ method: 'GET', url: '/api/influence/groups/DROP%20TABLE', headers: server.auth('analyst') });
    assert.equal(bad.statusCode, 400);
    const none = await server.app.inject({ method: 'GET', url: '/api/influence/groups/G9999', headers: server.auth('analyst') });
    assert.equal(none.statusCode, 404);
    // vigie report's influence section, in French, for the generated month (April 2025).
    const reports = await moduleReports(server.app.vigie.reader, { from: '2025-04-01', to: '2025-04-30' }, 'fr');
    const influence = reports.find((r) => r.name === 'influence')!;
    assert.equal(influence.sections[0]!.heading, 'Campagnes d’influence coordonnées');
    assert.match(JSON.stringify(influence.sections[0]!.blocks), /comptes ont agi ensemble/);
    assert.equal((await moduleReports(server.app.vigie.reader, { from: '2024-01-01', to: '2024-01-31' }, 'en')).find((r) => r.name === 'influence'), undefined);
  } finally {
    await server.close();
  }
});
