import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import type { Finding } from '../../core/index.js';
import { requestToEvent, type RequestObject } from '../detect/scan-request.js';
import { corpus } from '../../testing/corpora.js';
import { createBaselineDetector } from './detector.js';
import { learnBaseline } from './learn.js';

// The first 12,000 CSIC requests (all 36 endpoints, ~330 requests each), split in two by a
// hash of the line (the file alternates patterns that a split by position would follow).
const requests = readFileSync(corpus('http/csic2010/normalTrafficTraining.jsonl'), 'utf8')
  .split('\n').slice(0, 12_000).map((l) => JSON.parse(l) as RequestObject & { uri: string; method: string });
const items = requests.map((r, i) => ({ event: requestToEvent(r), source: { file: 'csic', line: i + 1 } }));
const half = (i: number): number => (Math.imul(i ^ 0x9e3779b9, 0x85ebca6b) >>> 16) & 1;
const learnHalf = items.filter((_, i) => half(i) === 0);
const heldHalf = items.filter((_, i) => half(i) === 1);
const { model } = await learnBaseline(() => learnHalf, { clientsKnown: false });
const detector = createBaselineDetector(model);

function check(method: string, uri: string, body = ''): Finding[] {
  const out: Finding[] = [];
  detector.inspect(requestToEvent({ method, uri, body }), { file: 'test', line: 1 }, out);
  return out;
}

const anadir = requests.find((r) => r.method === 'GET' && r.uri.startsWith('/tienda1/publico/anadir.jsp?'))!.uri;

test('normal CSIC requests held back from learning stay under 1% false positives', () => {
  let flagged = 0;
  for (const { event, source } of heldHalf) {
    const out: Finding[] = [];
    detector.inspect(event, source, out);
    if (out.length > 0) flagged++;
  }
  assert.equal(model.endpoints.length, 36);
  assert.ok(flagged / heldHalf.length <= 0.01, `${flagged} of ${heldHalf.length} normal requests flagged`);
});

test('a type change says which parameter, how sure the model is, and what came', () => {
  const [f, ...rest] = check('GET', anadir.replace(/precio=\d+/, "precio=85'%3B+DROP+TABLE"));
  assert.equal(rest.length, 0);
  assert.equal(f!.class, 'anomaly');
  assert.equal(f!.rule, 'baseline-param-type');
  assert.equal(f!.location, 'query:precio');
  assert.equal(f!.fragment, "85'%3B+DROP+TABLE");
  assert.match(f!.reason, /^parameter `precio` is numeric in 100% of [\d,]+ requests; got `85'; DROP TABLE`$/);
});

test('parameter tampering: a price outside the three the shop uses is caught with the known values', () => {
  const [f] = check('GET', anadir.replace(/precio=\d+/, 'precio=1'));
  assert.equal(f?.rule, 'baseline-param-value');
  assert.match(f!.reason, /^parameter `precio` takes 3 values \(`100`, `39`, `85`\) in [\d,]+ requests; got `1`$/);
});

test('illegal characters, overlong values and a form body are checked too', () => {
  const registro = requests.find((r) => r.method === 'POST' && r.uri === '/tienda1/publico/registro.jsp')!;
  const charset = check('POST', registro.uri, String(registro.body).replace(/direccion=[^&]*/, 'direccion=%3Cscript%3E'));
  assert.deepEqual(charset.map((f) => [f.rule, f.location]), [['baseline-param-charset', 'body:direccion']]);
  assert.match(charset[0]!.reason, /got `<>` in `<script>`$/);
  const long = check('POST', registro.uri, String(registro.body).replace(/cp=\d+/, 'cp=' + '1'.repeat(300)));
  assert.deepEqual(long.map((f) => [f.rule, f.location]), [['baseline-param-length', 'body:cp']]);
  assert.match(long[0]!.reason, /^parameter `cp` is 5 characters long in [\d,]+ requests; got 300 characters$/);
});

test('unknown parameters, endpoints and methods are reported where the site model is closed', () => {
  const param = check('GET', anadir + '&debug=true');
  assert.deepEqual(param.map((f) => [f.rule, f.location, f.fragment]), [['baseline-unknown-param', 'query:debug', 'true']]);
  assert.match(param[0]!.reason, /^parameter `debug` was never seen on GET \/tienda1\/publico\/anadir\.jsp in [\d,]+ requests \(known: B1, cantidad, id, nombre, precio\)$/);
  const endpoint = check('GET', '/tienda1/publico/admin.jsp');
  assert.deepEqual(endpoint.map((f) => [f.rule, f.location]), [['baseline-unknown-endpoint', 'path']]);
  const method = check('PUT', '/tienda1/index.jsp');
  assert.deepEqual(method.map((f) => [f.rule, f.location]), [['baseline-method', 'method']]);
  assert.match(method[0]!.reason, /^`PUT` was never used on \/tienda1\/index\.jsp in [\d,]+ requests \(seen: GET\)$/);
});
