import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyEvent, type WebEvent } from '../../core/index.js';
import { createJsonParser } from './json.js';

const parser = createJsonParser();
function parse(line: string): WebEvent {
  const e = emptyEvent();
  assert.equal(parser.parse(line, e), '', line);
  return e;
}
const reasonOf = (line: string): string => parser.parse(line, emptyEvent());

// What nginx writes with `log_format main escape=json '{"remote_addr":"$remote_addr",...}'`
// using the variable names of the nginx documentation (numbers come out as strings).
const NGINX = JSON.stringify({
  remote_addr: '::ffff:203.0.113.9', remote_user: '', time_local: '01/May/2024:12:00:00 +0200',
  request: 'POST /vote/submit?ballot=1 HTTP/1.1', status: '403', body_bytes_sent: '162', http_referer: '-',
  http_user_agent: 'python-requests/2.31', host: 'Elections.example.ca', request_time: '0.012',
  request_body: 'id=1\u0000\u0001', http_x_forwarded_for: '198.51.100.7, 10.0.0.1',
});

// ECS fields with the example values of the Elastic Common Schema reference.
const ECS_NESTED = JSON.stringify({
  '@timestamp': '2016-05-23T08:05:34.853Z',
  source: { ip: '2001:DB8::10' },
  http: { request: { method: 'get', referrer: 'https://blog.example.com/', body: { content: 'Hello world' } },
    response: { status_code: 404, body: { bytes: 887 } }, version: '1.1' },
  url: { original: 'https://www.elastic.co:443/search?q=elasticsearch#top', domain: 'www.elastic.co' },
  user_agent: { original: 'Mozilla/5.0 (iPhone; CPU iPhone OS 12_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.0 Mobile/15E148 Safari/604.1' },
  event: { duration: 2_500_000 },
  host: { name: 'web-01' },
});
const ECS_FLAT = JSON.stringify({
  '@timestamp': '2016-05-23T08:05:34.853Z', 'client.ip': '10.1.2.3', 'http.request.method': 'POST',
  'url.path': '/wp-login.php', 'url.query': 'log=admin', 'http.response.status_code': '200', 'host.name': 'web-01',
});

describe('JSON lines: nginx escape=json', () => {
  it('reads every field, strings as numbers included', () => {
    assert.deepEqual(parse(NGINX), {
      ts: Date.UTC(2024, 4, 1, 10, 0, 0), ip: '203.0.113.9', method: 'POST', path: '/vote/submit', query: 'ballot=1',
      protocol: 'HTTP/1.1', status: 403, bytes: 162, referer: '', userAgent: 'python-requests/2.31',
      host: 'elections.example.ca', requestTimeMs: 12, body: 'id=1\\x00\\x01', forwardedFor: '198.51.100.7, 10.0.0.1', headers: '', user: '',
    });
  });
  it('reads request_method + request_uri, time_iso8601 and msec', () => {
    const e = parse('{"remote_addr":"203.0.113.9","time_iso8601":"2024-05-01T12:00:00+02:00","request_method":"GET","request_uri":"/a?b=1","server_protocol":"HTTP/2.0","status":200}');
    assert.deepEqual([e.ts, e.method, e.path, e.query, e.protocol, e.status], [Date.UTC(2024, 4, 1, 10), 'GET', '/a', 'b=1', 'HTTP/2.0', 200]);
    assert.equal(parse('{"remote_addr":"203.0.113.9","msec":"1714557600.250","request":"GET / HTTP/1.1"}').ts, 1714557600250);
  });
});

describe('JSON lines: Elastic Common Schema', () => {
  it('reads nested ECS objects', () => {
    assert.deepEqual(parse(ECS_NESTED), {
      ts: Date.UTC(2016, 4, 23, 8, 5, 34, 853), ip: '2001:db8::10', method: 'GET', path: '/search',
      query: 'q=elasticsearch#top', protocol: 'HTTP/1.1', status: 404, bytes: 887, referer: 'https://blog.example.com/',
      userAgent: 'Mozilla/5.0 (iPhone; CPU iPhone OS 12_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/12.0 Mobile/15E148 Safari/604.1',
      host: 'www.elastic.co', requestTimeMs: 2.5, body: 'Hello world', forwardedFor: '', headers: '', user: '',
    });
  });
  it('reads flat dotted ECS keys with url.path + url.query', () => {
    const e = parse(ECS_FLAT);
    assert.deepEqual([e.ip, e.method, e.path, e.query, e.status, e.host], ['10.1.2.3', 'POST', '/wp-login.php', 'log=admin', 200, 'web-01']);
  });
});

describe('JSON lines: malformed', () => {
  it('gives a reason for each kind of bad line', () => {
    assert.match(reasonOf('not json'), /not a JSON object/);
    assert.match(reasonOf('{"remote_addr":'), /invalid JSON/);
    assert.match(reasonOf('[1,2]'), /not a JSON object/);
    assert.match(reasonOf('{"time_iso8601":"2024-05-01T10:00:00Z"}'), /no client address/);
    assert.match(reasonOf('{"remote_addr":"nobody","time_iso8601":"2024-05-01T10:00:00Z"}'), /bad client address/);
    assert.match(reasonOf('{"remote_addr":"203.0.113.9"}'), /no readable time/);
    assert.match(reasonOf('{"remote_addr":"203.0.113.9","msec":"1714557600","status":"OK"}'), /bad status `OK`/);
  });
});
