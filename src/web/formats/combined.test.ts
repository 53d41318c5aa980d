import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { emptyEvent, type WebEvent } from '../../core/index.js';
import { corpus } from '../../testing/corpora.js';
import { createCombinedParser, createCommonParser } from './combined.js';

const combined = createCombinedParser();
const common = createCommonParser();

function parse(line: string, parser = combined): WebEvent {
  const e = emptyEvent();
  const reason = parser.parse(line, e);
  assert.equal(reason, '', `should parse: ${line}`);
  return e;
}

function reasonOf(line: string, parser = combined): string {
  return parser.parse(line, emptyEvent());
}

const SCANNERS = ['acunetix', 'netsparker', 'w3af'] as const;
const scannerLines = (name: string): string[] =>
  readFileSync(corpus(`http/scanner-access-logs/${name}.access.log`), 'utf8').split('\n').filter((l) => l !== '');
const findLine = (name: string, fragment: string): string => {
  const line = scannerLines(name).find((l) => l.includes(fragment));
  assert.ok(line, `corpus line with ${fragment}`);
  return line;
};

describe('combined parser on the scanner access logs (real Apache logs)', () => {
  it('parses all 17,849 lines with zero malformed', () => {
    const e = emptyEvent();
    let total = 0;
    const malformed: string[] = [];
    for (const name of SCANNERS) {
      for (const line of scannerLines(name)) {
        total++;
        const reason = combined.parse(line, e);
        if (reason !== '') malformed.push(`${reason}: ${line}`);
      }
    }
    assert.equal(total, 17_849);
    assert.deepEqual(malformed.slice(0, 5), []);
  });

  it('unescapes \\" \\\\ and \\xHH in the request target (acunetix injection probe)', () => {
    const e = parse(findLine('acunetix', '16:34:00 +0300] "GET /index.php/component/search/?ordering=popular&searchphrase=12345'));
    assert.equal(e.ip, '192.168.4.25');
    assert.equal(e.ts, Date.UTC(2016, 11, 22, 13, 34, 0));
    assert.equal(e.method, 'GET');
    assert.equal(e.path, '/index.php/component/search/');
    assert.equal(e.query,
      String.raw`ordering=popular&searchphrase=12345'"\'\");|]*%00{%0d%0a<%00>%bf%27'%F0%9F%92%A9&searchword=`);
    assert.equal(e.protocol, 'HTTP/1.1');
    assert.equal(e.status, 200);
    assert.equal(e.bytes, 3104);
    assert.equal(e.referer, 'http://192.168.4.161/DVWA');
    assert.match(e.userAgent, /^Mozilla\/5\.0 \(Windows NT 6\.1; WOW64\)/);
  });

  it('unescapes the referer of a DOM-XSS probe', () => {
    const e = parse(findLine('acunetix', 'acunetix-referrer.com/javascript:domxssExecutionSink(0,'));
    assert.equal(e.referer, String.raw`http://www.acunetix-referrer.com/javascript:domxssExecutionSink(0,"'\"><xsstag>()refdxss")`);
  });

  it('unescapes a Shellshock referer', () => {
    const e = parse(findLine('netsparker', '"() { :;}; echo'));
    assert.equal(e.referer, '() { :;}; echo "NS:" $(/bin/sh -c "expr 268409241 - 2")');
    assert.equal(e.path, '/DVWA/');
  });

  it('keeps odd methods and empty targets as probe signals', () => {
    assert.equal(parse(findLine('netsparker', '"NETSPARKER /DVWA/')).method, 'NETSPARKER');
    const empty = parse(findLine('acunetix', '"GET  HTTP/1.1" 400'));
    assert.deepEqual([empty.method, empty.path, empty.status], ['', 'GET  HTTP/1.1', 400]);
  });

  it('puts the authority of an absolute-form target in host', () => {
    const e = parse(findLine('acunetix', '"GET http://192.168.4.161/index.php HTTP/1.1"'));
    assert.deepEqual([e.host, e.path, e.query], ['192.168.4.161', '/index.php', '']);
  });
});

// The Apache documentation's own examples (httpd.apache.org/docs/current/logs.html).
const APACHE_COMMON = '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326';
const APACHE_COMBINED = `${APACHE_COMMON} "http://www.example.com/start.html" "Mozilla/4.08 [en] (Win98; I ;Nav)"`;

describe('combined and common shapes', () => {
  it('reads the Apache combined example', () => {
    const e = parse(APACHE_COMBINED);
    assert.deepEqual(e, {
      ts: Date.UTC(2000, 9, 10, 20, 55, 36), ip: '127.0.0.1', method: 'GET', path: '/apache_pb.gif', query: '',
      protocol: 'HTTP/1.0', status: 200, bytes: 2326, referer: 'http://www.example.com/start.html',
      userAgent: 'Mozilla/4.08 [en] (Win98; I ;Nav)', host: '', requestTimeMs: -1, body: '', forwardedFor: '', headers: '', user: 'frank',
    });
  });
  it('reads common lines with both parsers; the common parser refuses combined lines', () => {
    assert.equal(parse(APACHE_COMMON).userAgent, '');
    assert.equal(parse(APACHE_COMMON, common).bytes, 2326);
    assert.match(reasonOf(APACHE_COMBINED, common), /unexpected fields after the bytes/);
  });
  it('reads a vhost_combined prefix, dropping the port', () => {
    const e = parse(`www.Example.org:443 ${APACHE_COMBINED}`);
    assert.deepEqual([e.host, e.ip, e.user], ['www.example.org', '127.0.0.1', 'frank']);
  });
  it('normalises IPv6 and IPv4-mapped clients', () => {
    assert.equal(parse(APACHE_COMBINED.replace('127.0.0.1', '2001:DB8::1')).ip, '2001:db8::1');
    assert.equal(parse(APACHE_COMBINED.replace('127.0.0.1', '::ffff:198.51.100.7')).ip, '198.51.100.7');
  });
  it('reads bytes "-" as -1', () => {
    assert.equal(parse(APACHE_COMMON.replace(' 2326', ' -')).bytes, -1);
  });
});

describe('trailing extra fields', () => {
  it('reads nginx $request_time seconds and Apache %D microseconds', () => {
    assert.equal(parse(`${APACHE_COMBINED} 0.123`).requestTimeMs, 123);
    assert.equal(parse(`${APACHE_COMBINED} 1500`).requestTimeMs, 1.5);
    assert.equal(parse(`${APACHE_COMMON} 0.004`).requestTimeMs, 4);
  });
  it('reads a quoted X-Forwarded-For list and a $host field', () => {
    const e = parse(`${APACHE_COMBINED} "198.51.100.7, 10.0.0.1" www.example.org 0.050`);
    assert.deepEqual([e.forwardedFor, e.host, e.requestTimeMs], ['198.51.100.7, 10.0.0.1', 'www.example.org', 50]);
  });
  it('ignores the nginx documentation\'s "$gzip_ratio" extra and a "-" forwarded-for', () => {
    const e = parse(`${APACHE_COMBINED} "2.75" "-"`);
    assert.deepEqual([e.forwardedFor, e.requestTimeMs], ['', -1]);
  });
});

describe('escaped and garbage requests still parse', () => {
  const base = (request: string, ua = 'curl/8.5'): string =>
    `203.0.113.9 - - [01/May/2024:10:00:00 +0000] "${request}" 400 150 "-" "${ua}"`;
  it('TLS handshake bytes sent to port 80', () => {
    const e = parse(base(String.raw`\x16\x03\x01\x02\x00\x01\x00\x01\xfc\x03\x03`));
    assert.deepEqual([e.method, e.path], ['', '%16%03%01%02%00%01%00%01%FC%03%03']);
  });
  it('nginx "-" for a request it could not read', () => {
    assert.deepEqual([parse(base('-')).method, parse(base('-')).path], ['', '-']);
  });
  it('nginx \\x22 quote escapes in target and user agent', () => {
    const e = parse(base(String.raw`GET /?q=\x22><script> HTTP/1.1`, String.raw`x\x22y\x00`));
    assert.deepEqual([e.query, e.userAgent], ['q="><script>', String.raw`x"y\x00`]);
  });
  it('lowercase method', () => {
    assert.deepEqual([parse(base('get / HTTP/1.1')).method, parse(base('get / HTTP/1.1')).path], ['', 'get / HTTP/1.1']);
  });
});

describe('malformed lines get a reason, never a throw', () => {
  const cases: Array<[string, RegExp]> = [
    ['', /no \[time\]/],
    ['hello world', /no \[time\]/],
    ['- - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1', /bad client address/],
    ['127.0.0.1 - - [10/Oct/2000:13:55:36] "GET / HTTP/1.0" 200 1', /bad time/],
    ['127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] GET / HTTP/1.0 200 1', /missing quoted request/],
    ['127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0 200 1', /missing closing quote/],
    ['127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 2x0 1', /bad status `2x0`/],
    ['127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200', /missing bytes/],
    ['127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 12k', /bad bytes/],
    ['127.0.0.1 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1 "ref', /missing closing quote in referer/],
    ['127.0.0.1 [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 1', /expected `address ident user/],
  ];
  for (const [line, reason] of cases) {
    it(line || '(empty line)', () => assert.match(reasonOf(line), reason));
  }
});
