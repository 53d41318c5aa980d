import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyEvent, type WebEvent } from '../../core/index.js';
import { createParser } from './index.js';
import { SKIP, type LogFormat } from './types.js';

// What every format must do with the two fields that identify a request, the client address and
// the time: one spelling per address, and no line stored with a time that cannot be true.

interface Instant { y: number; mo: number; d: number; h: number; mi: number; s: number }
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number): string => String(n).padStart(2, '0');
const date = (t: Instant): string => `${String(t.y).padStart(4, '0')}-${p2(t.mo)}-${p2(t.d)}`;
const clock = (t: Instant): string => `${p2(t.h)}:${p2(t.mi)}:${p2(t.s)}`;
const clf = (t: Instant): string => `${p2(t.d)}/${MONTHS[t.mo - 1]}/${String(t.y).padStart(4, '0')}:${clock(t)} +0000`;
const iso = (t: Instant): string => `${date(t)}T${clock(t)}.000000Z`;

/** One line per format with this address and time; W3C and CloudFront first get their `#Fields:` line. */
const LINES: Record<string, (ip: string, t: Instant) => string> = {
  combined: (ip, t) => `${ip} - - [${clf(t)}] "GET /index.html HTTP/1.1" 200 512 "-" "Mozilla/5.0"`,
  common: (ip, t) => `${ip} - - [${clf(t)}] "GET /index.html HTTP/1.1" 200 512`,
  'json time_iso8601': (ip, t) => JSON.stringify({ remote_addr: ip, time_iso8601: iso(t).replace('.000000Z', '+00:00'), request: 'GET / HTTP/1.1', status: 200 }),
  'json time_local': (ip, t) => JSON.stringify({ remote_addr: ip, time_local: clf(t), request: 'GET / HTTP/1.1', status: 200 }),
  'json @timestamp (ECS)': (ip, t) => JSON.stringify({ '@timestamp': iso(t), source: { ip }, http: { request: { method: 'GET' }, response: { status_code: 200 } }, url: { path: '/' } }),
  w3c: (ip, t) => `${date(t)} ${clock(t)} ${ip} GET /index.aspx 200`,
  cloudfront: (ip, t) => [date(t), clock(t), ip, 'GET', '/index.html', '200'].join('\t'),
  alb: (ip, t) => `http ${iso(t)} app/my-loadbalancer/50dc6c495c0c9188 ${ip}:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - -`,
};
const DIRECTIVES: Record<string, string> = {
  w3c: '#Fields: date time c-ip cs-method cs-uri-stem sc-status',
  cloudfront: '#Fields: date time c-ip cs-method cs-uri-stem sc-status',
};
const formatOf = (name: string): LogFormat => name.split(' ')[0] as LogFormat;

function parse(name: string, line: string): { reason: string; e: WebEvent } {
  const parser = createParser(formatOf(name));
  if (DIRECTIVES[name]) assert.equal(parser.parse(DIRECTIVES[name], emptyEvent()), SKIP);
  const e = emptyEvent();
  return { reason: parser.parse(line, e), e };
}

const NOON: Instant = { y: 2024, mo: 2, d: 29, h: 12, mi: 34, s: 56 };

describe('every log format: client addresses', () => {
  for (const name of Object.keys(LINES)) {
    it(`${name}: stores the RFC 5952 form, IPv4-mapped as IPv4, and rejects a junk zone id with its reason`, () => {
      for (const [raw, stored] of [['2A00:1450:0:0:0:0:0:3', '2a00:1450::3'], ['2a00:1450::3', '2a00:1450::3'],
        ['::ffff:203.0.113.7', '203.0.113.7'], ['fe80::1%eth0', 'fe80::1'], ['203.0.113.7', '203.0.113.7']] as const) {
        const { reason, e } = parse(name, LINES[name]!(raw, NOON));
        assert.equal(reason, '', `${name} ${raw}`);
        assert.equal(e.ip, stored, `${name} ${raw}`);
        assert.equal(e.ts, Date.UTC(2024, 1, 29, 12, 34, 56));
      }
      assert.equal(parse(name, LINES[name]!('::2%25;id', NOON)).reason, 'bad client address `::2%25;id`: zone id `25;id` is not an interface name');
      assert.match(parse(name, LINES[name]!('2001:db8::1%eth0', NOON)).reason, /not link-local/);
    });
  }
});

describe('every log format: times', () => {
  const accepted: Instant[] = [
    { y: 1995, mo: 7, d: 1, h: 0, mi: 0, s: 1 }, // the NASA-HTTP archive's first second
    { y: 1990, mo: 1, d: 1, h: 0, mi: 0, s: 0 },
    { y: 2000, mo: 2, d: 29, h: 23, mi: 59, s: 59 }, // divisible by 400: a leap year
    { y: 2099, mo: 12, d: 31, h: 23, mi: 59, s: 59 },
  ];
  const rejected: Array<[Instant, RegExp]> = [
    [{ y: 2025, mo: 2, d: 29, h: 0, mi: 0, s: 0 }, /: 2025-02-29 is not a calendar date$/],
    [{ y: 2100, mo: 2, d: 29, h: 0, mi: 0, s: 0 }, /: 2100-02-29 is not a calendar date$/], // divisible by 100: not a leap year
    [{ y: 2023, mo: 4, d: 31, h: 0, mi: 0, s: 0 }, /: 2023-04-31 is not a calendar date$/],
    [{ y: 1970, mo: 1, d: 1, h: 0, mi: 0, s: 0 }, /: the Unix epoch \(1970-01-01 00:00:00 UTC\), the time of a clock that was never set$/],
    [{ y: 0, mo: 1, d: 1, h: 0, mi: 0, s: 0 }, /: before 1990, older than the web/],
    [{ y: 1989, mo: 12, d: 31, h: 23, mi: 59, s: 59 }, /: before 1990, older than the web/],
    [{ y: 2100, mo: 1, d: 1, h: 0, mi: 0, s: 0 }, /: after 2099/],
    [{ y: 9999, mo: 12, d: 31, h: 23, mi: 59, s: 59 }, /: after 2099/],
  ];
  for (const name of Object.keys(LINES)) {
    it(`${name}: keeps every real date from 1990 to 2099, and makes impossible or out-of-range dates malformed with the reason`, () => {
      for (const t of accepted) {
        const { reason, e } = parse(name, LINES[name]!('203.0.113.7', t));
        assert.equal(reason, '', `${name} ${date(t)}`);
        assert.equal(e.ts, Date.UTC(t.y, t.mo - 1, t.d, t.h, t.mi, t.s), `${name} ${date(t)}`);
      }
      for (const [t, why] of rejected) {
        const { reason } = parse(name, LINES[name]!('203.0.113.7', t));
        assert.match(reason, /^bad (date\/)?time `/, `${name} ${date(t)}: ${reason}`);
        assert.match(reason, why, `${name} ${date(t)}`);
      }
    });
  }

  it('json msec (nginx $msec): epoch 0 and out-of-range seconds are malformed with the reason', () => {
    const line = (msec: string): string => JSON.stringify({ remote_addr: '203.0.113.7', msec, request: 'GET / HTTP/1.1', status: 200 });
    assert.equal(parse('json', line('1709210096.250')).e.ts, 1709210096250);
    assert.match(parse('json', line('0')).reason, /^bad time `0`: the Unix epoch/);
    assert.match(parse('json', line('0.000')).reason, /^bad time `0.000`: the Unix epoch/);
    assert.match(parse('json', line('86400')).reason, /^bad time `86400`: before 1990/);
    assert.match(parse('json', line('4102444800')).reason, /^bad time `4102444800`: after 2099/);
  });
});
