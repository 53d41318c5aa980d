import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyEvent, type WebEvent } from '../../core/index.js';
import { createAlbParser } from './alb.js';

// Example entries from the Elastic Load Balancing User Guide ("Access log entries", Examples),
// joined onto one line as the log files hold them.
const ALB_DOC_EXAMPLES = {
  http: 'http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" 10.0.0.1:80 200 "-" "-"',
  https: 'https 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.086 0.048 0.037 200 200 0 57 "GET https://www.example.com:443/ HTTP/1.1" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337281-1d84f3d73c47ec4e58577259" "www.example.com" "arn:aws:acm:us-east-2:123456789012:certificate/12345678-1234-1234-1234-123456789012" 1 2018-07-02T22:22:48.364000Z "authenticate,forward" "-" "-" 10.0.0.1:80 200 "-" "-"',
  h2: 'h2 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.1.252:48160 10.0.0.66:9000 0.000 0.002 0.000 200 200 5 257 "GET https://10.0.2.105:773/ HTTP/2.0" "curl/7.46.0" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337327-72bd00b0343d75b906739c42" "-" "-" 1 2018-07-02T22:22:48.364000Z "redirect" "https://example.com:80/" "-" 10.0.0.66:9000 200 "-" "-"',
  ws: 'ws 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.0.140:40914 10.0.1.192:8010 0.001 0.003 0.000 101 101 218 587 "GET http://10.0.0.30:80/ HTTP/1.1" "-" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 1 2018-07-02T22:22:48.364000Z "forward" "-" "-" 10.0.1.192:8010 101 "-" "-"',
  wss: 'wss 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 10.0.0.140:44244 10.0.0.171:8010 0.000 0.001 0.000 101 101 218 786 "GET https://10.0.0.30:443/ HTTP/1.1" "-" ECDHE-RSA-AES128-GCM-SHA256 TLSv1.2 arn:aws:elasticloadbalancing:us-west-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 1 2018-07-02T22:22:48.364000Z "forward" "-" "-" 10.0.0.171:8010 101 "-" "-"',
  lambdaFailed: 'http 2018-11-30T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 - 0.000 0.001 0.000 502 - 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337364-23a8c76965a2ef7629b185e3" "-" "-" 0 2018-11-30T22:22:48.364000Z "forward" "-" "LambdaInvalidResponse" "-" "-" "-" "-"',
};

function parse(line: string): WebEvent {
  const e = emptyEvent();
  assert.equal(createAlbParser().parse(line, e), '', line);
  return e;
}

describe('ALB access logs (AWS documentation examples)', () => {
  it('reads the HTTP example field by field', () => {
    assert.deepEqual(parse(ALB_DOC_EXAMPLES.http), {
      ts: Date.UTC(2018, 6, 2, 22, 23, 0, 186), ip: '192.168.131.39', method: 'GET', path: '/', query: '',
      protocol: 'HTTP/1.1', status: 200, bytes: 366, referer: '', userAgent: 'curl/7.46.0', host: 'www.example.com',
      requestTimeMs: 1, body: '', forwardedFor: '', headers: '', user: '',
    });
  });
  it('sums the three processing times and keeps non-default ports in host', () => {
    const https = parse(ALB_DOC_EXAMPLES.https);
    assert.ok(Math.abs(https.requestTimeMs - 171) < 1e-9);
    assert.equal(https.host, 'www.example.com');
    const h2 = parse(ALB_DOC_EXAMPLES.h2);
    assert.deepEqual([h2.ip, h2.host, h2.protocol], ['10.0.1.252', '10.0.2.105:773', 'HTTP/2.0']);
  });
  it('reads WebSocket entries with an absent user agent', () => {
    for (const line of [ALB_DOC_EXAMPLES.ws, ALB_DOC_EXAMPLES.wss]) {
      const e = parse(line);
      assert.deepEqual([e.status, e.userAgent, e.host], [101, '', '10.0.0.30']);
    }
  });
  it('reads a failed Lambda entry', () => {
    assert.equal(parse(ALB_DOC_EXAMPLES.lambdaFailed).status, 502);
  });
  it('reads the query of an attack and IPv6 clients', () => {
    const line = ALB_DOC_EXAMPLES.http
      .replace('192.168.131.39:2817', '2001:DB8::7:51000')
      .replace('http://www.example.com:80/', "http://www.example.com:80/search?q=1'+OR+1=1--");
    const e = parse(line);
    assert.deepEqual([e.ip, e.path, e.query], ['2001:db8::7', '/search', "q=1'+OR+1=1--"]);
  });
  it('gives reasons for malformed entries', () => {
    const p = createAlbParser();
    const reason = (line: string): string => p.parse(line, emptyEvent());
    assert.match(reason('http 2018-07-02T22:23:00Z app/x'), /expected at least 12 fields/);
    assert.match(reason(ALB_DOC_EXAMPLES.http.replace('2018-07-02T22:23:00.186641Z', 'yesterday')), /bad time/);
    assert.match(reason(ALB_DOC_EXAMPLES.http.replace('192.168.131.39:2817', '-')), /bad client address/);
    assert.match(reason(ALB_DOC_EXAMPLES.http.replace(' 200 200 ', ' 2000 200 ')), /bad status/);
    assert.match(reason(ALB_DOC_EXAMPLES.http.replace('"GET http', 'GET http')), /missing quoted request/);
    assert.match(reason(ALB_DOC_EXAMPLES.http.replace(/^http/, 'HTTP!')), /unknown entry type/);
  });
});
