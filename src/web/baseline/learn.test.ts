import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import type { Finding } from '../../core/index.js';
import { corpus } from '../../testing/corpora.js';
import { requestToEvent, type RequestObject } from '../detect/scan-request.js';
import { createDetectors } from '../detectors.js';
import { createBaselineDetector } from './detector.js';
import { learnBaseline, type LearnItem } from './learn.js';

// Real CSIC requests to the shop's "add to cart" page, given 20 client addresses in turn
// (CSIC has none; 198.51.100.0/24 is documentation space), and two attackers among them.
const anadir = readFileSync(corpus('http/csic2010/normalTrafficTraining.jsonl'), 'utf8').split('\n').filter(Boolean)
  .map((l) => JSON.parse(l) as RequestObject & { uri: string; method: string })
  .filter((r) => r.method === 'GET' && r.uri.startsWith('/tienda1/publico/anadir.jsp?'));
const TAMPERER = '203.0.113.7';
const INJECTOR = '203.0.113.66';

function traffic(): LearnItem[] {
  const out: LearnItem[] = [];
  anadir.forEach((r, i) => {
    const event = requestToEvent(r);
    event.ip = `198.51.100.${i % 20}`;
    event.status = 200;
    out.push({ event, source: { file: 'access.log', line: out.length + 1 } });
    if (i % 2 === 0) {
      // One client, not flagged by any signature, sending a price the shop never uses.
      const tampered = requestToEvent({ ...r, uri: r.uri.replace(/precio=\d+/, 'precio=1') });
      tampered.ip = TAMPERER;
      out.push({ event: tampered, source: { file: 'access.log', line: out.length + 1 } });
    }
  });
  // A client that signatures flag once: its other, innocent-looking requests are set aside too.
  for (const uri of ["/tienda1/publico/anadir.jsp?id=1' union select password from users--", '/tienda1/publico/anadir.jsp?id=1&debug=1']) {
    const event = requestToEvent({ method: 'GET', uri });
    event.ip = INJECTOR;
    out.push({ event, source: { file: 'access.log', line: out.length + 1 } });
  }
  return out;
}

test('learning from logs sets flagged clients aside and needs several clients behind a value', async () => {
  const detectors = await createDetectors({});
  const { model, training } = await learnBaseline(traffic, { clientsKnown: true, detectors });
  assert.equal(training.clients_flagged, 1);
  assert.equal(training.requests_ignored_flagged, 2);
  const endpoint = model.endpoints.find((e) => e.path === '/tienda1/publico/anadir.jsp')!;
  assert.ok(!endpoint.params.some((p) => p.name === 'debug'), 'a flagged client taught nothing');
  const precio = endpoint.params.find((p) => p.name === 'precio')!;
  assert.deepEqual(precio.values, ['100', '39', '85'], 'one client alone cannot add a value, however often it sends it');

  const out: Finding[] = [];
  createBaselineDetector(model).inspect(traffic()[1]!.event, { file: 'access.log', line: 2 }, out);
  assert.deepEqual(out.map((f) => [f.rule, f.ip, f.location, f.fragment]), [['baseline-param-value', TAMPERER, 'query:precio', '1']]);
});

test('without client addresses, only the flagged requests themselves are left out', async () => {
  const detectors = await createDetectors({});
  const { training } = await learnBaseline(traffic, { clientsKnown: false, detectors });
  assert.equal(training.requests_ignored_flagged, 1);
  assert.equal(training.requests_used, training.requests_read - 1);
});
