import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { testServer, type TestServer } from './test-server.js';

describe('server: authentication, roles, sessions', () => {
  let s: TestServer;
  before(async () => {
    s = await testServer({ maxFailedLogins: 3 });
  });
  after(() => s.close());

  it('refuses every API route without credentials (401, coded error), but not /healthz', async () => {
    for (const url of ['/api/overview', '/api/findings', '/api/campaigns', '/metrics', '/api/docs/json', '/api/nope']) {
      const res = await s.app.inject({ url });
      assert.equal(res.statusCode, 401, url);
      assert.equal(res.json().error.code, 'VIGIE_ERR_HTTP_AUTH');
    }
    const health = await s.app.inject({ url: '/healthz' });
    assert.equal(health.statusCode, 200);
    assert.equal(health.body, 'ok');
  });

  it('accepts a bearer token and says who it is', async () => {
    const res = await s.app.inject({ url: '/api/me', headers: s.auth('analyst') });
    assert.equal(res.statusCode, 200);
    assert.deepEqual(res.json(), { name: 'anna', role: 'analyst' });
  });

  it('forbids a viewer to export (403) and lets an analyst, who is audited', async () => {
    for (const url of ['/api/export/csv', '/api/export/stix', '/api/export/blocklist?format=nginx']) {
      const res = await s.app.inject({ url, headers: s.auth('viewer') });
      assert.equal(res.statusCode, 403, url);
      assert.equal(res.json().error.code, 'VIGIE_ERR_HTTP_FORBIDDEN');
    }
    const ok = await s.app.inject({ url: '/api/export/csv', headers: s.auth('analyst') });
    assert.equal(ok.statusCode, 200);
    assert.match(ok.headers['content-type'] as string, /text\/csv/);
    const rows = await s.app.vigie.reader.query(`SELECT user_name, action, ok FROM audit_log WHERE action = 'export'`);
    assert.deepEqual(rows, [{ user_name: 'anna', action: 'export', ok: true }]);
  });

  it('lets only an admin create users; the new token works at once', async () => {
    const denied = await s.app.inject({ method: 'POST', url: '/api/users', headers: s.auth('analyst'), payload: { name: 'bob', role: 'viewer' } });
    assert.equal(denied.statusCode, 403);
    const created = await s.app.inject({ method: 'POST', url: '/api/users', headers: s.auth('admin'), payload: { name: 'bob', role: 'viewer' } });
    assert.equal(created.statusCode, 201);
    const me = await s.app.inject({ url: '/api/me', headers: { authorization: `Bearer ${created.json().token}` } });
    assert.deepEqual(me.json(), { name: 'bob', role: 'viewer' });
    const users = await s.app.inject({ url: '/api/users', headers: s.auth('admin') });
    assert.deepEqual(users.json().users.map((u: { name: string }) => u.name), ['adam', 'anna', 'bob', 'vera']);
    assert.ok(!JSON.stringify(users.json()).includes('token'), 'no token or hash is listed');
  });

  it('logs the dashboard in with an HttpOnly SameSite=Strict cookie that works, then out', async () => {
    const login = await s.app.inject({ method: 'POST', url: '/api/login', payload: { token: s.tokens.viewer } });
    assert.equal(login.statusCode, 200);
    assert.deepEqual(login.json(), { name: 'vera', role: 'viewer' });
    const setCookie = String(login.headers['set-cookie']);
    assert.match(setCookie, /^vigie_session=/);
    assert.match(setCookie, /HttpOnly/);
    assert.match(setCookie, /SameSite=Strict/);
    assert.ok(!setCookie.includes(s.tokens.viewer), 'the cookie is not the token');
    const cookie = setCookie.split(';')[0]!;
    assert.equal((await s.app.inject({ url: '/api/overview', headers: { cookie } })).statusCode, 200);
    // A page on another origin posting with the cookie is refused.
    const cross = await s.app.inject({ method: 'POST', url: '/api/logout', headers: { cookie, origin: 'https://evil.example', host: 'localhost' } });
    assert.equal(cross.statusCode, 403);
    assert.equal((await s.app.inject({ method: 'POST', url: '/api/logout', headers: { cookie } })).statusCode, 204);
    assert.equal((await s.app.inject({ url: '/api/overview', headers: { cookie } })).statusCode, 401);
  });

  it('rate limits failed logins per address (429 with Retry-After) and audits them', async () => {
    const attempt = (token: string, remoteAddress = '192.0.2.9') => s.app.inject({ method: 'POST', url: '/api/login', payload: { token }, remoteAddress });
    for (let i = 0; i < 3; i++) assert.equal((await attempt(`vigie_wrong${i}`)).statusCode, 401);
    const limited = await attempt(s.tokens.admin); // even the right token waits
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal(limited.json().error.code, 'VIGIE_ERR_HTTP_RATE_LIMITED');
    assert.equal((await attempt(s.tokens.admin, '192.0.2.10')).statusCode, 200, 'another address is not affected');
    const [row] = await s.app.vigie.reader.query(`SELECT count(*) FILTER (WHERE NOT ok) AS failed, count(*) FILTER (WHERE ok) AS ok FROM audit_log WHERE action = 'login'`);
    assert.equal(Number(row!.failed), 3);
    assert.ok(Number(row!.ok) >= 1);
  });

  it('stores only a hash of each token', async () => {
    const rows = await s.app.vigie.reader.query(`SELECT token_hash FROM users`);
    for (const t of Object.values(s.tokens)) assert.ok(!rows.some((r) => r.token_hash === t));
    assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(String(r.token_hash))));
  });
});
