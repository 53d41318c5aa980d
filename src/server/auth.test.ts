import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import { hashToken } from './auth/users.js';
import { testServer, type TestServer } from './test-server.js';

describe('server: authentication, roles, sessions', () => {
  let s: TestServer;
  before(async () => {
    s = await testServer({ maxFailedLogins: 3 });
  });
  after(() => s.close());

  it('refuses every API route without credentials (401, coded error), but not /healthz', async () => {
    for (const url of ['/api/overview', '/api/findings', '/api/campaigns', '/metrics', '/api/docs/json']) {
      const res = await s.app.inject({ url });
      assert.equal(res.statusCode, 401, url);
      assert.equal(res.json().error.code, 'VIGIE_ERR_HTTP_AUTH');
    }
    // A path no route has is not found, for everyone: there is nothing behind it to protect.
    assert.equal((await s.app.inject({ url: '/api/nope' })).statusCode, 404);
    const health = await s.app.inject({ url: '/healthz' });
    assert.equal(health.statusCode, 200);
    assert.equal(health.body, 'ok');
  });

  it('decides access per route: every route is protected but /healthz, POST /api/login, the dashboard files and the tips report form', async () => {
    const open = s.app.vigie.routes.filter((r) => r.access !== 'protected').map((r) => `${r.method} ${r.url} ${r.access}`).sort();
    const reportForm = ['GET /report', 'GET /report/follow-up', 'GET /report/pow.js', 'GET /report/report.css', 'HEAD /report', 'HEAD /report/follow-up', 'HEAD /report/pow.js', 'HEAD /report/report.css',
      'POST /report', 'POST /report/answer', 'POST /report/follow-up'].map((r) => `${r} public`);
    assert.deepEqual(open, ['GET / public', 'GET /healthz public', 'HEAD / public', 'HEAD /healthz public', 'POST /api/login public', ...reportForm].sort());
    assert.ok(s.app.vigie.routes.filter((r) => r.access === 'protected').length >= 20);
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

  it('rate limits failed logins per address and token bucket (429 with Retry-After) and audits them', async () => {
    const attempt = (token: string, remoteAddress = '192.0.2.9') => s.app.inject({ method: 'POST', url: '/api/login', payload: { token }, remoteAddress });
    // The same wrong token three times: one key (address and token-hash bucket).
    for (let i = 0; i < 3; i++) assert.equal((await attempt('vigie_wrong')).statusCode, 401);
    const limited = await attempt('vigie_wrong');
    assert.equal(limited.statusCode, 429);
    assert.ok(Number(limited.headers['retry-after']) > 0);
    assert.equal(limited.json().error.code, 'VIGIE_ERR_HTTP_RATE_LIMITED');
    assert.equal((await attempt('vigie_wrong', '192.0.2.10')).statusCode, 401, 'another address is not affected');
    // The bearer route counts in the same limiter.
    const bearer = await s.app.inject({ url: '/api/overview', headers: { authorization: 'Bearer vigie_wrong' }, remoteAddress: '192.0.2.9' });
    assert.equal(bearer.statusCode, 429);
    assert.equal(bearer.headers['cache-control'], 'no-store');
    const [row] = await s.app.vigie.reader.query(`SELECT count(*) FILTER (WHERE NOT ok) AS failed FROM audit_log WHERE action = 'login'`);
    assert.equal(Number(row!.failed), 4, 'counted failures are audited, refusals while locked out are not');
  });

  it('never locks out a valid token, whatever failed before from its address', async () => {
    const proxy = '192.0.2.50'; // behind a proxy, every user is this one address
    for (const role of ['viewer', 'analyst', 'admin'] as const) {
      // A wrong token that falls in the same lockout bucket as this user's token, guessed until locked out.
      let wrong = '';
      for (let i = 0; hashToken(wrong).slice(0, 4) !== hashToken(s.tokens[role]).slice(0, 4) || wrong === ''; i++) wrong = `vigie_guess_${role}_${i}`;
      for (let i = 0; i < 3; i++) await s.app.inject({ url: '/api/overview', headers: { authorization: `Bearer ${wrong}` }, remoteAddress: proxy });
      const locked = await s.app.inject({ method: 'POST', url: '/api/login', payload: { token: wrong }, remoteAddress: proxy });
      assert.equal(locked.statusCode, 429, `${role}: the guesses are locked out`);
      const login = await s.app.inject({ method: 'POST', url: '/api/login', payload: { token: s.tokens[role] }, remoteAddress: proxy });
      assert.equal(login.statusCode, 200, `${role}: login`);
      assert.equal((await s.app.inject({ url: '/api/me', headers: s.auth(role), remoteAddress: proxy })).statusCode, 200, `${role}: bearer`);
    }
  });

  it('stores only a hash of each token', async () => {
    const rows = await s.app.vigie.reader.query(`SELECT token_hash FROM users`);
    for (const t of Object.values(s.tokens)) assert.ok(!rows.some((r) => r.token_hash === t));
    assert.ok(rows.every((r) => /^[0-9a-f]{64}$/.test(String(r.token_hash))));
  });
});

describe('server: the client address behind a proxy (trustProxyHops)', () => {
  const wrong = 'vigie_not_a_token';
  const login = (s: TestServer, forwardedFor: string) => s.app.inject({
    method: 'POST', url: '/api/login', payload: { token: wrong }, remoteAddress: '10.0.0.1', headers: { 'x-forwarded-for': forwardedFor },
  });

  it('with trustProxyHops 1, takes the client from X-Forwarded-For: one client locked out leaves the others alone, and the audit names it', async () => {
    const s = await testServer({ maxFailedLogins: 3, trustProxyHops: 1 });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await login(s, '203.0.113.9, 198.51.100.1')).statusCode, 401);
      assert.equal((await login(s, '198.51.100.1')).statusCode, 429);
      assert.equal((await login(s, '198.51.100.2')).statusCode, 401, 'another client behind the same proxy');
      const rows = await s.app.vigie.reader.query(`SELECT DISTINCT json_extract_string(detail, '$.address') AS address FROM audit_log WHERE action = 'login' ORDER BY 1`);
      assert.deepEqual(rows.map((r) => r.address), ['198.51.100.1', '198.51.100.2']);
    } finally {
      await s.close();
    }
  });

  it('without it, ignores X-Forwarded-For, which any client can write: a forged header does not escape the lockout', async () => {
    const s = await testServer({ maxFailedLogins: 3 });
    try {
      for (let i = 0; i < 3; i++) assert.equal((await login(s, `198.51.100.${i}`)).statusCode, 401);
      assert.equal((await login(s, '198.51.100.77')).statusCode, 429);
    } finally {
      await s.close();
    }
  });
});
