import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import { after, before, describe, it } from 'node:test';
import { corpus } from '../testing/corpora.js';
import { testServer, type TestServer } from './test-server.js';

// Real scanner traffic (w3af against DVWA) pushed by a shipper, from a client whose address the
// servers in front wrote in different ways, with a user agent that hides its text direction.
const LINES = readFileSync(corpus('http/scanner-access-logs/w3af.access.log'), 'utf8').split('\n').filter((l) => l !== '').slice(0, 300);
const SPELLINGS = ['2001:DB8:0:0:0:0:0:7', '2001:db8::7', '2001:0db8:0000:0000:0000:0000:0000:0007'];
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0080-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/u;

describe('server: hostile spellings pushed to /api/ingest, read back through the API', () => {
  let s: TestServer;
  before(async () => {
    s = await testServer();
  });
  after(() => s.close());

  it('stores one canonical address per client, counts a junk zone id as malformed, and finds the client by any spelling', async () => {
    const lines = LINES.map((l, i) => l.replace(/^192\.168\.4\.163 /, `${SPELLINGS[i % 3]} `).replace(/"[^"]*"$/, '"w3af \u202eexe.tpircs\u202c"'));
    const junk = '::2%25;id - - [22/Dec/2016:22:32:31 +0300] "GET / HTTP/1.1" 200 1 "-" "x"';
    const res = await s.app.inject({
      method: 'POST', url: '/api/ingest?source=w3af&format=combined', headers: { ...s.auth('analyst'), 'content-type': 'text/plain' },
      payload: [...lines, junk].join('\n') + '\n',
    });
    assert.equal(res.statusCode, 200, res.body);
    const body = res.json();
    assert.equal(body.malformed, 1);
    assert.equal(body.stored, lines.length);
    const ips = await s.app.vigie.reader.query(`SELECT DISTINCT ip FROM events WHERE ip LIKE '2001%'`);
    assert.deepEqual(ips, [{ ip: '2001:db8::7' }]);
    for (const spelling of SPELLINGS) {
      const found = await s.app.inject({ url: `/api/findings?ip=${encodeURIComponent(spelling)}&limit=500`, headers: s.auth('viewer') });
      assert.equal(found.statusCode, 200, found.body);
      const rows = found.json().rows as Array<{ ip: string }>;
      assert.ok(rows.length > 10, `${spelling}: ${rows.length} findings`);
      assert.ok(rows.every((r) => r.ip === '2001:db8::7'));
    }
    const bad = await s.app.inject({ url: '/api/findings?ip=2001:db8::7::1', headers: s.auth('viewer') });
    assert.equal(bad.statusCode, 400);
  });

  it('serves findings with bidirectional controls escaped, raw line included', async () => {
    const list = (await s.app.inject({ url: '/api/findings?limit=500', headers: s.auth('analyst') })).json().rows as Array<{ id: string }>;
    assert.ok(list.length > 0);
    const detail = await s.app.inject({ url: `/api/findings/${list[0]!.id}`, headers: s.auth('analyst') });
    assert.equal(detail.statusCode, 200);
    const raw = detail.json().finding.raw as string;
    assert.ok(raw.includes('"w3af \\xe2\\x80\\xaeexe.tpircs\\xe2\\x80\\xac"'), raw);
    assert.doesNotMatch(detail.body, UNSAFE);
  });
});
