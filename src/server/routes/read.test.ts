import { strict as assert } from 'node:assert';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import type { LightMyRequestResponse } from 'fastify';
import { corpus } from '../../testing/corpora.js';
import { runCli } from '../../testing/run-cli.js';
import { testServer, type TestServer } from '../test-server.js';

const LOG = corpus('http/scanner-access-logs/w3af.access.log');

describe('read routes: finding pages', () => {
  let s: TestServer;
  before(async () => {
    const db = join(await mkdtemp(join(tmpdir(), 'vigie-read-')), 'read.duckdb');
    const analysed = await runCli(['web', 'analyze', LOG, '--db', db, '--quiet', '--no-geo']);
    assert.equal(analysed.code, 0, analysed.stderr);
    // One read connection, so that who waits for whom is plain to see.
    s = await testServer({ db, readers: 1 });
  });
  after(() => s.close());

  it('name the log file a finding came from, never the directory it sits in on the server', async () => {
    for (const scope of ['request', 'client']) {
      const list = (await s.app.inject({ url: '/api/findings?limit=500', headers: s.auth('viewer') })).json() as { rows: Array<{ id: string; scope: string }> };
      const id = list.rows.find((r) => r.scope === scope)?.id;
      assert.ok(id, `a ${scope} finding`);
      for (const role of ['viewer', 'analyst'] as const) {
        const res: LightMyRequestResponse = await s.app.inject({ url: `/api/findings/${id}`, headers: s.auth(role) });
        assert.equal(res.statusCode, 200);
        const { finding } = res.json() as { finding: { file: string; line: number; evidence: Array<{ file: string; line: number }> | null; reason: string; reason_fr?: string; why: { code: string } | null } };
        assert.equal(finding.file, 'w3af.access.log', `${scope}, ${role}`);
        // Request and behaviour findings alike read in French, rendered from the stored code.
        assert.ok(finding.why !== null && finding.why.code.startsWith('web.'), `${scope}: a reason code`);
        assert.ok(finding.reason_fr && finding.reason_fr !== finding.reason, `${scope}: a French reason (${finding.reason_fr})`);
        if (scope === 'client') assert.match(finding.reason_fr, /requêtes/);
        assert.ok(finding.line > 0);
        if (scope === 'client') {
          assert.ok(finding.evidence && finding.evidence.length > 0, 'a behaviour finding lists its requests');
          for (const e of finding.evidence) assert.equal(e.file, 'w3af.access.log');
        }
        if (role === 'viewer') assert.ok(!res.body.includes(dirname(LOG)), `${scope}: the server's directory is shown to a viewer`);
      }
    }
  });

  it('answers a viewer promptly while another floods the server with queries the cache cannot answer', async () => {
    // Signed in once each, so the token checks are cached.
    for (const role of ['viewer', 'analyst'] as const) assert.equal((await s.app.inject({ url: '/api/me', headers: s.auth(role) })).statusCode, 200);
    const finished: string[] = [];
    const ask = (role: 'viewer' | 'analyst', from: string) => s.app.inject({ url: `/api/findings?from=${from}`, headers: s.auth(role) })
      .then((res) => { assert.equal(res.statusCode, 200); finished.push(`${role} ${from}`); });
    // Eight queries the answer cache has never seen (`from` differs), then another user's one.
    const flood = Array.from({ length: 8 }, (_, i) => ask('viewer', `2016-01-0${i + 1}`));
    await Promise.all([...flood, ask('analyst', '2016-02-01')]);
    const rank = finished.indexOf('analyst 2016-02-01');
    assert.ok(rank <= 1, `the other user's answer came ${rank + 1}th of ${finished.length}: ${finished.join(', ')}`);
  });
});
