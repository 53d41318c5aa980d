import assert from 'node:assert/strict';
import test from 'node:test';
import { createDetectors } from '../detectors.js';
import { webText } from '../text/index.js';
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

test('signature findings explain themselves in French from their code: the fragment, then where it was found', async () => {
  const detectors = await createDetectors({});
  for (const [request, where] of REQUESTS) {
    const signatures = detectors.flatMap((d) => scanRequest(d, request)).filter((f) => f.why.code === 'web.signature');
    assert.ok(signatures.length > 0, `${request.uri}: a signature finding`);
    const french = signatures.map((f) => webText(f.why, 'fr'));
    assert.ok(french.some((r) => where.test(r.replaceAll(NBSP, ' '))), `${request.uri}: ${french.join(' | ')}`);
    for (const [i, f] of signatures.entries()) {
      // The English stored is the code rendered; the fragment quoted in French is the one quoted in English.
      assert.equal(f.reason, webText(f.why, 'en'));
      const quoted = /^`(.*)` /.exec(f.reason)![1]!;
      assert.ok(french[i]!.startsWith(`«${NBSP}${quoted}${NBSP}» dans `), french[i]);
    }
  }
});

test('tokenizer and protocol-check findings have their French too, with the same evidence', async () => {
  const detectors = await createDetectors({});
  const findings = [
    ...detectors.flatMap((d) => scanRequest(d, { method: 'GET', uri: "/q?v=1'%20or%20'1'='1" })),
    ...detectors.flatMap((d) => scanRequest(d, { method: 'GET', uri: '/q?c=%3Csvg/onload=alert(1)%3E' })),
    ...detectors.flatMap((d) => scanRequest(d, { method: 'GET', uri: '/', headers: { Host: 'example.org', 'User-Agent': '' } })),
  ];
  const byRule = new Map(findings.map((f) => [f.rule, f]));
  const sqli = byRule.get('sqli-tokenizer');
  assert.ok(sqli, [...byRule.keys()].join(', '));
  assert.match(webText(sqli.why, 'fr').replaceAll(NBSP, ' '), /^suite de jetons SQL \S+ \(chaîne, .*, lue à l’intérieur d’une chaîne délimitée par « ' » : la valeur ferme .* dans le paramètre de requête « v » : « ' or '1'='1 »$/u);
  const xss = byRule.get('xss-tokenizer');
  assert.ok(xss, [...byRule.keys()].join(', '));
  assert.match(webText(xss.why, 'fr').replaceAll(NBSP, ' '), /balise <svg> avec le gestionnaire d’événement onload dans le paramètre de requête « c »/);
  const empty = byRule.get('protocol-empty-user-agent');
  assert.ok(empty, [...byRule.keys()].join(', '));
  assert.match(webText(empty.why, 'fr').replaceAll(NBSP, ' '), /^«  » dans l’en-tête « user-agent » : Un en-tête User-Agent envoyé vide/);
  for (const f of findings) assert.equal(f.reason, webText(f.why, 'en'), f.rule);
});
