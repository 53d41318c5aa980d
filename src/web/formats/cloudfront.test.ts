import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { emptyEvent, type WebEvent } from '../../core/index.js';
import { CLOUDFRONT_DEFAULT_FIELDS, createCloudFrontParser } from './cloudfront.js';
import { SKIP } from './types.js';

// The example log file of the CloudFront Developer Guide ("Standard log file fields"),
// first, third (it ends with a stray tab) and fourth entries.
const DOC_FILE = [
  '#Version: 1.0',
  '#Fields: date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len sc-range-start sc-range-end',
  '2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/index.html\t200\t-\tMozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)%20AppleWebKit/537.36%20(KHTML,%20like%20Gecko)%20Chrome/78.0.3904.108%20Safari/537.36\t-\t-\tHit\tSOX4xwn4XV6Q4rgb7XiVGOHms_BGlTAC4KyHmureZmBNrjGdRLiNIQ==\td111111abcdef8.cloudfront.net\thttps\t23\t0.001\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tHit\tHTTP/2.0\t-\t-\t11040\t0.001\tHit\ttext/html\t78\t-\t-',
  '2019-12-04\t21:02:31\tLAX1\t392\t192.0.2.100\tGET\td111111abcdef8.cloudfront.net\t/index.html\t200\t-\tMozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)%20AppleWebKit/537.36%20(KHTML,%20like%20Gecko)%20Chrome/78.0.3904.108%20Safari/537.36\t-\t-\tHit\tf37nTMVvnKvV2ZSvEsivup_c2kZ7VXzYdjC-GUQZ5qNs-89BlWazbw==\td111111abcdef8.cloudfront.net\thttps\t23\t0.001\t-\tTLSv1.2\tECDHE-RSA-AES128-GCM-SHA256\tHit\tHTTP/2.0\t-\t-\t11040\t0.001\tHit\ttext/html\t78\t-\t-\t',
  '2019-12-13\t22:36:27\tSEA19-C1\t900\t192.0.2.200\tGET\td111111abcdef8.cloudfront.net\t/favicon.ico\t502\thttp://www.example.com/\tMozilla/5.0%20(Windows%20NT%2010.0;%20Win64;%20x64)%20AppleWebKit/537.36%20(KHTML,%20like%20Gecko)%20Chrome/78.0.3904.108%20Safari/537.36\t-\t-\tError\t1pkpNfBQ39sYMnjjUQjmH2w1wdJnbHYTbag21o_3OfcQgPzdL2RSSQ==\twww.example.com\thttp\t675\t0.102\t-\t-\t-\tError\tHTTP/1.1\t-\t-\t25260\t0.102\tOriginDnsError\ttext/html\t507\t-\t-',
];
const CHROME_78 = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/78.0.3904.108 Safari/537.36';

function feed(lines: string[]): Array<{ reason: string; e: WebEvent }> {
  const p = createCloudFrontParser();
  return lines.map((line) => {
    const e = emptyEvent();
    return { reason: p.parse(line, e), e };
  });
}

describe('CloudFront standard logs (AWS documentation example)', () => {
  it('skips directives and reads every entry', () => {
    assert.deepEqual(feed(DOC_FILE).map((r) => r.reason), [SKIP, SKIP, '', '', '']);
  });
  it('reads the first entry field by field, decoding the user agent', () => {
    assert.deepEqual(feed(DOC_FILE)[2]!.e, {
      ts: Date.UTC(2019, 11, 4, 21, 2, 31), ip: '192.0.2.100', method: 'GET', path: '/index.html', query: '',
      protocol: 'HTTP/2.0', status: 200, bytes: 392, referer: '', userAgent: CHROME_78,
      host: 'd111111abcdef8.cloudfront.net', requestTimeMs: 1, body: '', forwardedFor: '', headers: '', user: '',
    });
  });
  it('prefers x-host-header (what the viewer asked for) and keeps the referer', () => {
    const { e } = feed(DOC_FILE)[4]!;
    assert.deepEqual([e.host, e.referer, e.status, e.requestTimeMs], ['www.example.com', 'http://www.example.com/', 502, 102]);
  });
  it('uses the documented 33-field order when the #Fields line is missing', () => {
    assert.equal(CLOUDFRONT_DEFAULT_FIELDS.length, 33);
    assert.equal(feed([DOC_FILE[4]!])[0]!.reason, '');
  });
  it('follows a shorter #Fields line, with query, x-forwarded-for and IPv6', () => {
    const [, { reason, e }] = feed([
      '#Fields: date time c-ip cs-method cs-uri-stem cs-uri-query sc-status cs(User-Agent) x-forwarded-for',
      '2024-05-01\t10:00:00\t2001:DB8::1\tGET\t/wp-login.php\tuser=admin%27--\t404\tsqlmap/1.8%0A\t198.51.100.7',
    ]);
    assert.equal(reason, '');
    assert.deepEqual([e.ip, e.path, e.query, e.userAgent, e.forwardedFor, e.bytes],
      ['2001:db8::1', '/wp-login.php', 'user=admin%27--', 'sqlmap/1.8\\x0a', '198.51.100.7', -1]);
  });
  it('gives reasons for malformed lines', () => {
    const reasons = feed([
      '203.0.113.9 - - [10/Oct/2000:13:55:36 -0700] "GET / HTTP/1.0" 200 2326',
      '2019-12-04\t21:02:31\tLAX1',
      DOC_FILE[2]!.replace('192.0.2.100', 'nobody'),
      DOC_FILE[2]!.replace('21:02:31', '21:62:31'),
    ]).map((r) => r.reason);
    assert.match(reasons[0]!, /no tab-separated fields/);
    assert.match(reasons[1]!, /expected at least 24 tab-separated fields, got 3/);
    assert.match(reasons[2]!, /bad client address/);
    assert.match(reasons[3]!, /bad date\/time/);
  });
});
