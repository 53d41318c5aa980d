import { strict as assert } from 'node:assert';
import { after, before, describe, it } from 'node:test';
import type { InjectOptions } from 'fastify';
import { testServer, type TestServer } from './test-server.js';

describe('server: headers, limits, validation, metrics, docs', () => {
  let s: TestServer;
  before(async () => {
    s = await testServer({ ingestMaxBytes: 4096 });
  });
  after(() => s.close());

  it('sends a strict CSP and the other security headers on pages and API answers', async () => {
    for (const url of ['/healthz', '/', '/api/overview']) {
      const res = await s.app.inject({ url, headers: s.auth('viewer') });
      const csp = String(res.headers['content-security-policy']);
      for (const d of ["default-src 'self'", "script-src 'self'", "frame-ancestors 'none'", "object-src 'none'", "base-uri 'none'"]) assert.ok(csp.includes(d), `${url}: ${d}`);
      assert.ok(!csp.includes('unsafe-inline'));
      assert.equal(res.headers['x-content-type-options'], 'nosniff');
      assert.equal(res.headers['x-frame-options'], 'DENY');
    }
    const api = await s.app.inject({ url: '/api/overview', headers: s.auth('viewer') });
    assert.equal(api.headers['cache-control'], 'no-store');
  });

  it('rejects oversized bodies with 413, for JSON routes and for ingest', async () => {
    const big = await s.app.inject({ method: 'POST', url: '/api/login', payload: { token: 'x'.repeat(100_000) } });
    assert.equal(big.statusCode, 413);
    assert.equal(big.json().error.code, 'VIGIE_ERR_HTTP_TOO_LARGE');
    const lines = '203.0.113.5 - - [28/Apr/2025:10:00:00 +0000] "GET / HTTP/1.1" 200 10 "-" "x"\n'.repeat(100);
    const ingest = await s.app.inject({ method: 'POST', url: '/api/ingest', headers: { ...s.auth('analyst'), 'content-type': 'text/plain' }, payload: lines });
    assert.equal(ingest.statusCode, 413);
  });

  it('rejects malformed bodies, unknown keys and bad parameters with a clear 400', async () => {
    const cases: Array<[string, InjectOptions, RegExp]> = [
      ['broken JSON', { method: 'POST', url: '/api/login', headers: { 'content-type': 'application/json' }, payload: '{"token":' }, /JSON/i],
      ['unknown body key', { method: 'POST', url: '/api/login', payload: { token: 'a', admin: true } }, /body/],
      ['unknown query key', { url: '/api/overview?foo=1', headers: s.auth('viewer') }, /querystring/],
      ['bad date', { url: '/api/overview?from=yesterday', headers: s.auth('viewer') }, /querystring\.from/],
      ['limit too large', { url: '/api/findings?limit=100000', headers: s.auth('viewer') }, /querystring\.limit/],
      ['bad verdict', { url: '/api/findings?verdict=alien', headers: s.auth('viewer') }, /querystring\.verdict/],
      ['bad bucket', { url: '/api/timeseries?bucket=week', headers: s.auth('viewer') }, /querystring\.bucket/],
      ['bad campaign id', { url: '/api/campaigns/%3Cscript%3E', headers: s.auth('viewer') }, /params\.id/],
      ['bad role', { method: 'POST', url: '/api/users', headers: s.auth('admin'), payload: { name: 'x', role: 'root' } }, /body\.role/],
      ['export to year 9999', { url: '/api/export/csv?to=9999-12-31', headers: s.auth('analyst') }, /--to 9999-12-31 is more than a year ahead/],
      ['stix from year 1', { url: '/api/export/stix?from=0001-01-01', headers: s.auth('analyst') }, /--from 0001-01-01 is before 1970-01-01/],
      ['blocklist to year 9999', { url: '/api/export/blocklist?to=9999-12-31', headers: s.auth('analyst') }, /more than a year ahead/],
      ['report to year 9999', { method: 'POST', url: '/api/reports', headers: s.auth('analyst'), payload: { to: '9999-12-31', format: 'json' } }, /more than a year ahead/],
    ];
    for (const [what, request, message] of cases) {
      const res = await s.app.inject(request);
      assert.equal(res.statusCode, 400, what);
      assert.match(res.json().error.message, message, what);
    }
    const missing = await s.app.inject({ url: '/api/findings/bm9wZS8xLzEvMQ', headers: s.auth('viewer') });
    assert.equal(missing.statusCode, 404);
  });

  it('serves Prometheus metrics with pipeline and HTTP counters (authenticated)', async () => {
    const res = await s.app.inject({ url: '/metrics', headers: s.auth('viewer') });
    assert.equal(res.statusCode, 200);
    for (const name of ['vigie_pipeline_received_total', 'vigie_pipeline_emitted_total', 'vigie_pipeline_dropped_total', 'vigie_pipeline_errors_total', 'vigie_http_requests_total', 'vigie_http_request_duration_seconds_bucket']) {
      assert.ok(res.body.includes(name), name);
    }
    assert.match(res.body, /vigie_http_requests_total\{method="GET",route="\/api\/overview",status="200"\} \d+/);
  });

  it('describes the API in OpenAPI 3 (JSON) and an HTML page without scripts', async () => {
    const json = await s.app.inject({ url: '/api/docs/json', headers: s.auth('viewer') });
    const spec = json.json();
    assert.match(spec.openapi, /^3\./);
    for (const path of ['/api/overview', '/api/findings', '/api/findings/{id}', '/api/ingest', '/api/login', '/api/export/stix']) assert.ok(spec.paths[path], path);
    assert.ok(spec.paths['/api/findings'].get.parameters.some((p: { name: string }) => p.name === 'verdict'));
    const html = await s.app.inject({ url: '/api/docs', headers: s.auth('viewer') });
    assert.match(html.headers['content-type'] as string, /text\/html/);
    assert.match(html.body, /\/api\/campaigns\/\{id\}/);
    assert.ok(!/<script/i.test(html.body));
  });
});
