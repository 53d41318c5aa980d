import assert from 'node:assert/strict';
import test from 'node:test';
import type { NetworkFinding } from './network-type.js';
import { judge, type Evidence } from './verdict.js';

const residential: NetworkFinding = { network: 'residential', confidence: 0.7, reason: 'AS577 (Bell Canada) looks like a consumer internet provider by its name (a guess)', listDate: null };
const tor: NetworkFinding = { network: 'tor', confidence: 0.95, reason: 'Tor exit relay (list of 2026-08-22)', listDate: '2026-08-22' };
const evidence = (over: Partial<Evidence>): Evidence => ({ home: 'CA', whois: 'CA', dbip: 'CA', registry: 'CA', routed: true, network: residential, stale: null, ...over });

test('two agreeing databases on a consumer ISP at home: domestic, high confidence, plain reasons', () => {
  const j = judge(evidence({}));
  assert.equal(j.verdict, 'domestic');
  assert.equal(j.country, 'CA');
  assert.equal(j.confidence, 0.95);
  assert.match(j.reasons[0]!, /both geolocation databases place it in CA/);
});

test('another country is foreign; disagreement and stale data lower confidence and say so', () => {
  assert.equal(judge(evidence({ whois: 'FR', dbip: 'FR', registry: 'FR' })).verdict, 'foreign');
  const split = judge(evidence({ whois: 'US', dbip: 'CA', registry: 'US' }));
  assert.equal(split.country, 'US');
  assert.equal(split.confidence, 0.55);
  assert.match(split.reasons[0]!, /disagree: DB-IP says CA/);
  const stale = judge(evidence({ stale: 'data older than 60 days lowers confidence: DB-IP 172 days old' }));
  assert.equal(stale.confidence, 0.86);
  assert.ok(stale.reasons.some((r) => /172 days/.test(r)));
});

test('a Tor exit is obscured whatever country the databases give, and the country is still reported', () => {
  const j = judge(evidence({ network: tor }));
  assert.equal(j.verdict, 'obscured');
  assert.equal(j.country, 'CA');
  assert.ok(j.reasons.includes('Tor exit relay (list of 2026-08-22)'));
});

test('space no registry delegated and nobody routes is unknown, whatever a database answers', () => {
  const j = judge(evidence({ dbip: 'CA', whois: null, registry: null, routed: false }));
  assert.equal(j.verdict, 'unknown');
  assert.equal(j.country, null);
  assert.match(j.reasons[0]!, /unallocated/);
});

test('no country from any source is unknown', () => {
  assert.equal(judge(evidence({ dbip: null, whois: null, registry: null })).verdict, 'unknown');
});
