import assert from 'node:assert/strict';
import test from 'node:test';
import { createDetectors } from '../detectors.js';
import { reasonInFrench } from './evidence.js';
import { scanRequest, type RequestObject } from './scan-request.js';

const NBSP = '\u00a0';

// Real detectors on requests whose payloads sit in each place a finding can point to.
const REQUESTS: Array<[RequestObject, RegExp]> = [
  [{ method: 'GET', uri: '/wp-login.php' }, /dans le chemin$/],
  [{ method: 'GET', uri: '/search?id=1%20union%20select%20password%20from%20users' }, /dans le paramètre de requête « id »$/],
  [{ method: 'GET', uri: '/', headers: { 'User-Agent': '() { :; }; /bin/bash -c id' } }, /dans l’en-tête User-Agent$/],
  [{ method: 'POST', uri: '/login', headers: { 'Content-Type': 'application/x-www-form-urlencoded' }, body: 'user=../../../../etc/passwd' }, /dans le paramètre du corps « user »$/],
  [{ method: 'GET', uri: '/page?%3Cscript%3Ealert(1)%3C/script%3E=1' }, /dans le nom du paramètre de requête « <script>alert\(1\)<\/script> »$/],
];

test('signature findings explain themselves in French: the fragment, then where it was found', async () => {
  const detectors = await createDetectors({});
  for (const [request, where] of REQUESTS) {
    const findings = detectors.flatMap((d) => scanRequest(d, request));
    const signatures = findings.filter((f) => f.reason.startsWith('`'));
    assert.ok(signatures.length > 0, `${request.uri}: a signature finding`);
    const french = signatures.map((f) => reasonInFrench(f.reason, f.location));
    assert.ok(french.some((r) => r !== undefined && where.test(r.replaceAll(NBSP, ' '))), `${request.uri}: ${french.join(' | ')}`);
    for (const [i, r] of french.entries()) {
      if (r === undefined) continue;
      // The fragment quoted in French is the one quoted in English.
      const quoted = /^`(.*)` /.exec(signatures[i]!.reason)![1]!;
      assert.ok(r.startsWith(`«${NBSP}${quoted}${NBSP}» dans `), r);
    }
  }
});

test('reasons of another shape stay English only (no half-translated sentence)', async () => {
  const detectors = await createDetectors({});
  const findings = detectors.flatMap((d) => scanRequest(d, { method: 'GET', uri: "/q?v=1'%20or%20'1'='1" }));
  const tokenizer = findings.find((f) => f.rule === 'sqli-tokenizer');
  assert.ok(tokenizer, findings.map((f) => f.rule).join(', '));
  assert.equal(reasonInFrench(tokenizer.reason, tokenizer.location), undefined);
  assert.equal(reasonInFrench('login-brute-force: 40 failed logins in 5 min', 'client'), undefined);
  // A reason that names another place than its location is not translated either.
  assert.equal(reasonInFrench('`x` in the path', 'query:id'), undefined);
});
