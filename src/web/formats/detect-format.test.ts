import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { describe, it } from 'node:test';
import { corpus } from '../../testing/corpora.js';
import { detectFormat } from './detect-format.js';
import { IIS_DEFAULT_FIELDS } from './w3c.js';

const scannerHead = readFileSync(corpus('http/scanner-access-logs/w3af.access.log'), 'utf8').split('\n').slice(0, 30);
const COMMON = [
  '127.0.0.1 - frank [10/Oct/2000:13:55:36 -0700] "GET /apache_pb.gif HTTP/1.0" 200 2326',
  '203.0.113.9 - - [10/Oct/2000:13:55:37 -0700] "GET /wp-login.php HTTP/1.0" 404 -',
];
// First entries of the AWS documentation examples (see alb.test.ts and cloudfront.test.ts).
const ALB = [
  'http 2018-07-02T22:23:00.186641Z app/my-loadbalancer/50dc6c495c0c9188 192.168.131.39:2817 10.0.0.1:80 0.000 0.001 0.000 200 200 34 366 "GET http://www.example.com:80/ HTTP/1.1" "curl/7.46.0" - - arn:aws:elasticloadbalancing:us-east-2:123456789012:targetgroup/my-targets/73e2d6bc24d8a067 "Root=1-58337262-36d228ad5d99923122bbe354" "-" "-" 0 2018-07-02T22:22:48.364000Z "forward" "-" "-" 10.0.0.1:80 200 "-" "-"',
];
const CLOUDFRONT = [
  '#Version: 1.0',
  '#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end',
  '2019-12-13\t22:37:02\tSEA19-C2\t900\t192.0.2.200\tGET\td111111abcdef8.cloudfront.net\t/\t502\t-\tcurl/7.55.1\t-\t-\tError\tkBkDzGnceVtWHqSCqBUqtA_cEs2T3tFUBbnBNkB9El_uVRhHgcZfcw==\twww.example.com\thttp\t387\t0.103\t-\t-\t-\tError\tHTTP/1.1\t-\t-\t12644\t0.103\tOriginDnsError\ttext/html\t507\t-\t-',
];
const W3C = [
  '#Software: Microsoft Internet Information Services 10.0',
  `#Fields: ${IIS_DEFAULT_FIELDS.join(' ')}`,
  '2023-09-21 02:59:24 192.168.1.1 GET /index.html - 443 - 203.0.113.9 curl/8.5 - 301 0 0 123',
];
const JSON_LINES = [
  '{"remote_addr":"203.0.113.9","time_iso8601":"2024-05-01T10:00:00+00:00","request":"GET / HTTP/1.1","status":"200"}',
  '{"@timestamp":"2016-05-23T08:05:34.853Z","source":{"ip":"10.1.2.3"},"http":{"response":{"status_code":404}}}',
];

describe('detectFormat', () => {
  it('recognises each format from its sample', () => {
    assert.equal(detectFormat(scannerHead), 'combined');
    assert.equal(detectFormat(COMMON), 'common');
    assert.equal(detectFormat(ALB), 'alb');
    assert.equal(detectFormat(CLOUDFRONT), 'cloudfront');
    assert.equal(detectFormat(W3C), 'w3c');
    assert.equal(detectFormat(JSON_LINES), 'json');
  });
  it('calls a file combined as soon as its lines carry referer and user agent', () => {
    assert.equal(detectFormat([...COMMON, scannerHead[0]!, scannerHead[1]!, scannerHead[2]!]), 'combined');
    assert.equal(detectFormat([`www.example.org:443 ${COMMON[0]}`]), 'common');
  });
  it('recognises a format by its shape when the values in it are wrong (a device whose clock was never set)', () => {
    const unset = (line: string): string => line.replace(/\[\d\d\/\w{3}\/\d{4}:[\d:]+ [+-]\d{4}\]/, '[01/Jan/1970:00:00:00 +0000]');
    assert.equal(detectFormat(scannerHead.map(unset)), 'combined');
    assert.equal(detectFormat(COMMON.map(unset)), 'common');
    assert.equal(detectFormat(JSON_LINES.map((l) => l.replace(/"20\d\d-/, '"0000-'))), 'json');
    assert.equal(detectFormat(W3C.map((l) => l.replace('2023-09-21', '2023-02-30'))), 'w3c');
    assert.equal(detectFormat(ALB.map((l) => l.replace('192.168.131.39:2817', '::2%25;id:2817'))), 'alb');
  });
  it('ignores blank lines and returns undefined for text no parser reads', () => {
    assert.equal(detectFormat(['', ...ALB, '']), 'alb');
    assert.equal(detectFormat(['hello', 'world']), undefined);
    assert.equal(detectFormat([]), undefined);
    assert.equal(detectFormat(['#Version: 1.0']), undefined);
  });
});
