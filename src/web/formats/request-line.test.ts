import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyEvent, type WebEvent } from '../../core/index.js';
import { parseRequestLine, splitTarget } from './request-line.js';

function parsed(request: string): Pick<WebEvent, 'method' | 'path' | 'query' | 'protocol' | 'host'> {
  const e = emptyEvent();
  parseRequestLine(request, e);
  return { method: e.method, path: e.path, query: e.query, protocol: e.protocol, host: e.host };
}

describe('parseRequestLine', () => {
  it('splits method, path, query and protocol', () => {
    assert.deepEqual(parsed('GET /a/b?x=1&y=?2 HTTP/1.1'),
      { method: 'GET', path: '/a/b', query: 'x=1&y=?2', protocol: 'HTTP/1.1', host: '' });
  });
  it('keeps spaces inside the target (nginx logs them raw)', () => {
    assert.deepEqual(parsed('GET /a b?c d HTTP/1.0'),
      { method: 'GET', path: '/a b', query: 'c d', protocol: 'HTTP/1.0', host: '' });
  });
  it('accepts a request without protocol (HTTP/0.9 style)', () => {
    assert.deepEqual(parsed('GET /'), { method: 'GET', path: '/', query: '', protocol: '', host: '' });
  });
  it('accepts WebDAV and odd upper-case methods', () => {
    assert.equal(parsed('PROPFIND / HTTP/1.1').method, 'PROPFIND');
    assert.equal(parsed('M-SEARCH * HTTP/1.1').method, 'M-SEARCH');
  });
  it('keeps garbage whole in path: TLS bytes, "-", lowercase methods, no target', () => {
    for (const raw of ['%16%03%01%00%F1%01', '-', 'get / HTTP/1.1', 'GET  HTTP/1.1', '\\x16\\x03']) {
      assert.deepEqual(parsed(raw), { method: '', path: raw, query: '', protocol: '', host: '' }, raw);
    }
  });
  it('moves the authority of an absolute-form target to host (proxy probes)', () => {
    assert.deepEqual(parsed('GET http://www.Google.com/search?q=1 HTTP/1.1'),
      { method: 'GET', path: '/search', query: 'q=1', protocol: 'HTTP/1.1', host: 'www.google.com' });
  });
  it('keeps CONNECT authority-form in path', () => {
    assert.deepEqual(parsed('CONNECT example.org:443 HTTP/1.1'),
      { method: 'CONNECT', path: 'example.org:443', query: '', protocol: 'HTTP/1.1', host: '' });
  });
});

describe('splitTarget', () => {
  it('drops default ports and user-info, keeps other ports', () => {
    const e = emptyEvent();
    splitTarget('https://user:pw@Example.org:443', e);
    assert.deepEqual([e.host, e.path, e.query], ['example.org', '/', '']);
    splitTarget('http://10.0.0.1:8080?x', e);
    assert.deepEqual([e.host, e.path, e.query], ['10.0.0.1:8080', '/', 'x']);
  });
});
