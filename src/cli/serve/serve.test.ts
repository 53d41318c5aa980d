import { strict as assert } from 'node:assert';
import { appendFileSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type AddressInfo } from 'node:net';
import { after, before, describe, it } from 'node:test';
import { DuckDbStore } from '../../store/index.js';
import { corpus } from '../../testing/corpora.js';
import { finished, runCli, startCli } from '../../testing/run-cli.js';
import { until as waitUntil } from '../../testing/until.js';

const LINES = readFileSync(corpus('http/scanner-access-logs/w3af.access.log'), 'utf8').split('\n').filter((l) => l !== '');

// Generous: under `stress-ng --cpu 4` the follow and the stream took minutes.
const until = <T>(what: string, probe: () => Promise<T | undefined>): Promise<T> => waitUntil(what, probe, 600_000);

describe('vigie serve', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'vigie-serve-'));
  });
  after(() => rm(dir, { recursive: true, force: true }));

  it('serves /healthz and the authenticated API on loopback, follows a log, streams new findings and finds the scanner while it runs', async () => {
    const db = join(dir, 's.duckdb');
    const log = join(dir, 'access.log');
    writeFileSync(log, LINES.slice(0, 50).join('\n') + '\n');
    const add = await runCli(['user', 'add', 'vera', '--role', 'viewer', '--db', db]);
    const token = add.stdout.trim().split('\n').at(-1)!;
    const child = startCli(['serve', '--db', db, '--port', '0', '--follow', log, '--behaviour-every', '1']);
    const done = finished(child);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const url = await until('the listening line', async () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]);
      const health = await fetch(`${url}/healthz`);
      assert.equal(await health.text(), 'ok');
      assert.equal((await fetch(`${url}/api/overview`)).status, 401);
      const auth = { authorization: `Bearer ${token}` };
      assert.deepEqual(await (await fetch(`${url}/api/me`, { headers: auth })).json(), { name: 'vera', role: 'viewer' });
      await until('the followed lines', async () => {
        const o = await (await fetch(`${url}/api/overview`, { headers: auth })).json() as { requests: number };
        return o.requests === 50 ? o : undefined;
      });

      // Live: open the stream, then let the log grow with attack lines.
      const stream = await fetch(`${url}/api/stream`, { headers: auth });
      assert.match(stream.headers.get('content-type')!, /text\/event-stream/);
      const reader = stream.body!.getReader();
      await reader.read(); // the retry line: the stream is open and subscribed
      const attacks = LINES.filter((l) => /union|select|script|\.\.\/|etc\/passwd/i.test(l)).slice(0, 20);
      assert.ok(attacks.length > 0);
      appendFileSync(log, attacks.join('\n') + '\n');
      let text = '';
      const decoder = new TextDecoder();
      const timeout = setTimeout(() => void reader.cancel(), 600_000); // a read must not hang the test
      await until('a finding event', async () => {
        const { value, done } = await reader.read();
        if (done) throw new Error('the stream ended without a finding event');
        text += decoder.decode(value);
        return /event: finding\ndata: \{/.test(text) ? true : undefined;
      });
      const row = JSON.parse(/event: finding\ndata: (\{.*\})/.exec(text)![1]!) as { ip: string; class: string; id: string };
      assert.equal(row.ip, '192.168.4.163');
      assert.ok(row.class.length > 0);
      clearTimeout(timeout);
      await reader.cancel();

      // Behaviour while serving: the scanner session becomes a client-level finding without
      // the server being stopped.
      const client = await until('a client-level finding', async () => {
        const page = await (await fetch(`${url}/api/findings?ip=192.168.4.163`, { headers: auth })).json() as { rows: Array<{ scope: string; rule: string; reason: string }> };
        return page.rows.find((f) => f.scope === 'client' && f.rule === 'scanner-user-agent');
      });
      assert.match(client.reason, /with a scanner or attack-tool user agent/);
      // And the clients, origins and campaigns behind the dashboard follow: the scanner's
      // session is a campaign, as `web analyze` makes of the same lines.
      const campaign = await until('a campaign', async () => {
        const body = await (await fetch(`${url}/api/campaigns`, { headers: auth })).json() as { campaigns: Array<{ clients: number; requests: number }> };
        return body.campaigns[0];
      });
      assert.equal(campaign.clients, 1);
      assert.ok(campaign.requests >= 50);
    } finally {
      child.kill('SIGINT');
    }
    const result = await done;
    assert.equal(result.code, 0, result.stderr);
  });

  it('says in one line, with exit code 6 and no stack trace, that the port is taken', async () => {
    const blocker = createServer();
    await new Promise<void>((done) => blocker.listen(0, '127.0.0.1', done));
    try {
      const port = (blocker.address() as AddressInfo).port;
      const res = await runCli(['serve', '--db', join(dir, 'taken.duckdb'), '--port', String(port), '--quiet']);
      assert.equal(res.code, 6, res.stderr);
      assert.equal(res.stderr, `vigie: serve: cannot listen on 127.0.0.1:${port}: the port is in use by another program (another vigie serve?); stop it or choose another port with --port\n`);
    } finally {
      blocker.close();
    }
  });

  it('with --trust-proxy (one hop when no number follows), takes the client of a request from X-Forwarded-For', async () => {
    const db = join(dir, 'proxy.duckdb');
    const child = startCli(['serve', '--db', db, '--port', '0', '--trust-proxy', '--quiet']);
    const done = finished(child);
    let out = '';
    child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
    try {
      const url = await until('the listening line', async () => /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(out)?.[1]);
      const login = await fetch(`${url}/api/login`, {
        method: 'POST', headers: { 'content-type': 'application/json', 'x-forwarded-for': '203.0.113.250, 198.51.100.7' }, body: JSON.stringify({ token: 'vigie_not_a_token' }),
      });
      assert.equal(login.status, 401);
      assert.equal(login.headers.get('cache-control'), 'no-store');
    } finally {
      child.kill('SIGINT');
    }
    const result = await done;
    assert.equal(result.code, 0, result.stderr);
    // The failed sign-in is audited under the client the proxy saw, not the proxy's address.
    const store = await DuckDbStore.open(db);
    try {
      const rows = await store.query(`SELECT json_extract_string(detail, '$.address') AS address FROM audit_log WHERE action = 'login'`);
      assert.deepEqual(rows.map((r) => r.address), ['198.51.100.7']);
    } finally {
      await store.close();
    }
  });

  it('refuses an unknown option with a usage line', async () => {
    const res = await runCli(['serve', '--bogus']);
    assert.equal(res.code, 2);
    assert.match(res.stderr, /^vigie: serve: /);
  });
});
