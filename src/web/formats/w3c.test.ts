import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyEvent, type WebEvent } from '../../core/index.js';
import { SKIP } from './types.js';
import { IIS_DEFAULT_FIELDS, createW3cParser } from './w3c.js';

/** Feed lines to one parser (it is stateful) and return the result of each. */
function feed(lines: string[]): Array<{ reason: string; e: WebEvent }> {
  const p = createW3cParser();
  return lines.map((line) => {
    const e = emptyEvent();
    return { reason: p.parse(line, e), e };
  });
}

// The header IIS 10 writes with its default fields, as shown in IIS documentation and logs.
const IIS_HEADER = [
  '#Software: Microsoft Internet Information Services 10.0',
  '#Version: 1.0',
  '#Date: 2023-09-21 02:59:24',
  `#Fields: ${IIS_DEFAULT_FIELDS.join(' ')}`,
];
const IIS_LINE = '2023-09-21 02:59:24 192.168.1.1 GET /index.aspx id=7&x=%27 443 - 2001:DB8::5 ' +
  'Mozilla/5.0+(Windows+NT+10.0;+Win64;+x64) https://www.example.com/ 200 0 0 123';

describe('W3C extended (IIS)', () => {
  it('skips directives and reads a default-field line', () => {
    const results = feed([...IIS_HEADER, IIS_LINE]);
    assert.deepEqual(results.slice(0, 4).map((r) => r.reason), [SKIP, SKIP, SKIP, SKIP]);
    const { reason, e } = results[4]!;
    assert.equal(reason, '');
    assert.deepEqual(e, {
      ts: Date.UTC(2023, 8, 21, 2, 59, 24), ip: '2001:db8::5', method: 'GET', path: '/index.aspx', query: 'id=7&x=%27',
      protocol: '', status: 200, bytes: -1, referer: 'https://www.example.com/',
      userAgent: 'Mozilla/5.0 (Windows NT 10.0; Win64; x64)', host: '', requestTimeMs: 123, body: '',
      forwardedFor: '', headers: '', user: '',
    });
  });

  it('uses the IIS default fields before any #Fields line, and the IIS 7 list for 14 columns', () => {
    assert.equal(feed([IIS_LINE])[0]!.reason, '');
    const iis7 = IIS_LINE.replace(' https://www.example.com/', '');
    const { reason, e } = feed([iis7])[0]!;
    assert.equal(reason, '');
    assert.deepEqual([e.referer, e.status, e.requestTimeMs], ['', 200, 123]);
  });

  it('follows a #Fields change mid-file, with host, bytes, version and X-Forwarded-For', () => {
    const results = feed([
      IIS_LINE,
      '#Fields: date time c-ip cs-username cs-method cs-uri-stem cs-uri-query sc-status sc-bytes time-taken cs-version cs-host cs(User-Agent) cs(Referer) X-Forwarded-For',
      '2024-05-01 10:00:00 10.0.0.5 bob POST /login.aspx - 302 512 15 HTTP/1.1 WWW.Example.org - - 198.51.100.7,+10.0.0.5',
    ]);
    const { reason, e } = results[2]!;
    assert.equal(reason, '');
    assert.deepEqual([e.ip, e.user, e.method, e.path, e.query, e.status, e.bytes, e.protocol, e.host, e.userAgent, e.forwardedFor],
      ['10.0.0.5', 'bob', 'POST', '/login.aspx', '', 302, 512, 'HTTP/1.1', 'www.example.org', '', '198.51.100.7,+10.0.0.5']);
  });

  it('gives reasons for malformed lines', () => {
    const header = '#Fields: date time c-ip cs-method cs-uri-stem sc-status';
    const reasons = feed([header, '2024-05-01 10:00:00 10.0.0.5 GET /', '2024-05-01 10:00:00 - GET / 200',
      '2024-05-01 25:00:00 10.0.0.5 GET / 200', '2024-05-01 10:00:00 10.0.0.5 GET / 2x0', '']).map((r) => r.reason);
    assert.equal(reasons[0], SKIP);
    assert.match(reasons[1]!, /expected 6 space-separated fields, got 5/);
    assert.match(reasons[2]!, /no client address/);
    assert.match(reasons[3]!, /bad date\/time/);
    assert.match(reasons[4]!, /bad status `2x0`/);
    assert.equal(reasons[5], SKIP);
  });
});
