import { strict as assert } from 'node:assert';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { corpus } from '../testing/corpora.js';
import { runCli } from '../testing/run-cli.js';
import { createUser } from './auth/users.js';
import { buildServer } from './build-server.js';

// The dashboard must say what the CLI says: analyse a real scanner log with the CLI, then ask
// the API about the same database.
describe('server: /api/overview equals `vigie web analyze --json`', () => {
  let dir: string;
  let summary: Record<string, unknown>;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigie-overview-'));
    const res = await runCli(['web', 'analyze', corpus('http/scanner-access-logs/acunetix.access.log'), '--db', join(dir, 'v.duckdb'), '--json', '-', '--quiet']);
    assert.equal(res.code, 0, res.stderr);
    summary = JSON.parse(res.stdout) as Record<string, unknown>;
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('has the same requests, attacks, clients, flagged clients and classes', async () => {
    const app = await buildServer({ db: join(dir, 'v.duckdb'), logger: false, webDir: null });
    try {
      const token = await createUser(app.vigie.store, 'vera', 'viewer');
      const res = await app.inject({ url: '/api/overview', headers: { authorization: `Bearer ${token}` } });
      assert.equal(res.statusCode, 200);
      const o = res.json();
      assert.ok(Number(summary.requests_flagged) > 0);
      assert.equal(o.requests, summary.parsed);
      assert.equal(o.attacks, summary.requests_flagged);
      assert.equal(o.clients, summary.clients);
      assert.equal(o.flagged_clients, summary.clients_flagged);
      assert.deepEqual(o.findings_by_class, summary.findings_by_class);
      const verdictSum = ['foreign', 'domestic', 'obscured', 'unknown'].reduce((n, v) => n + o.origins[v].flagged_requests, 0);
      assert.equal(verdictSum, o.attacks, 'the origin split adds up to the attacks');
      assert.ok(o.geo_data.attribution.text.includes('DB-IP'));
      const series = (await app.inject({ url: '/api/timeseries?bucket=hour', headers: { authorization: `Bearer ${token}` } })).json();
      assert.equal(series.points.reduce((n: number, p: { attacks: number }) => n + p.attacks, 0), summary.requests_flagged);
    } finally {
      await app.close();
    }
  });
});
