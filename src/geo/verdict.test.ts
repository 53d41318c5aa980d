import assert from 'node:assert/strict';
import test from 'node:test';
import type { NetworkFinding } from './network-type.js';
import { judge, type Evidence } from './verdict.js';

const residential: NetworkFinding = { network: 'residential', confidence: 0.7, reason: 'AS577 (Bell Canada) looks like a consumer internet provider by its name (a guess)', listDate: null };
const hosting: NetworkFinding = { network: 'hosting', confidence: 0.9, reason: 'datacenter or cloud range (list of 2026-08-22)', listDate: '2026-08-22' };
const tor: NetworkFinding = { network: 'tor', confidence: 0.95, reason: 'Tor exit relay (list of 2026-08-22)', listDate: '2026-08-22' };
const evidence = (over: Partial<Evidence>): Evidence => ({ home: 'CA', whois: 'CA', dbip: 'CA', registry: 'CA', routed: true, asHome: null, network: residential, feed: null, stale: null, ...over });

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

test('home from both databases is not enough for domestic when the block is registered abroad to a foreign network', () => {
  const j = judge(evidence({ registry: 'GB', asHome: { asn: 44444, country: 'GB', share: 0.86 } }));
  assert.equal(j.verdict, 'unknown');
  assert.equal(j.country, 'CA');
  assert.match(j.reasons.at(-1)!, /not called domestic: the block is registered in GB and its network AS44444 is based in GB/);
  const carrier = judge(evidence({ registry: 'FR', asHome: { asn: 15830, country: 'NL', share: 0.28 } }));
  assert.equal(carrier.verdict, 'unknown');
  assert.match(carrier.reasons.at(-1)!, /has no single home country/);
});

test('a block registered abroad but run by a network based at home is domestic', () => {
  const j = judge(evidence({ registry: 'NL', asHome: { asn: 852, country: 'CA', share: 0.98 } }));
  assert.equal(j.verdict, 'domestic');
  assert.match(j.reasons[0]!, /its network AS852's home country agrees/);
});

test('domestic needs DB-IP to say home too: a split between the databases is never domestic', () => {
  const j = judge(evidence({ dbip: 'US', whois: 'CA', registry: 'CA' }));
  assert.equal(j.country, 'CA', 'the registry sides with the registry-based database');
  assert.equal(j.verdict, 'unknown');
  assert.match(j.reasons.at(-1)!, /DB-IP, which measures where addresses are used, places it in US/);
  assert.equal(judge(evidence({ dbip: null, whois: 'CA' })).verdict, 'unknown');
  assert.equal(judge(evidence({ dbip: 'CA', whois: 'US', registry: 'US' })).verdict, 'foreign');
});

test('for a hosting network the registry does not break a tie: the geofeed-based country is reported', () => {
  const j = judge(evidence({ network: hosting, whois: 'NL', dbip: 'US', registry: 'US', asHome: { asn: 14061, country: 'US', share: 0.9 } }));
  assert.equal(j.verdict, 'obscured');
  assert.equal(j.country, 'NL');
});

test('a provider\'s own file answers first, and at home needs no second opinion', () => {
  const feed = { country: 'CA', subdivision: 'CA-QC', city: 'Montréal', zone: '', prefix: '192.0.2.0/24', feed: { label: 'geofeed isp.csv', kind: 'geofeed' as const, date: '2026-08-01' } };
  // The databases say the United States (a block moved last month); the operator says Montréal.
  const j = judge(evidence({ whois: 'US', dbip: 'US', registry: 'US', feed }));
  assert.equal(j.country, 'CA');
  assert.equal(j.verdict, 'domestic');
  assert.equal(j.confidence, 0.85);
  assert.match(j.reasons[0]!, /^geofeed isp\.csv \(data of 2026-08-01\) places 192\.0\.2\.0\/24 in CA \(Montréal, CA-QC\): the operator's own statement, taken first; DB-IP says US, the registry-based database says US$/);
  const cloud = judge(evidence({ whois: 'US', dbip: 'IE', registry: 'US', network: hosting, feed: { ...feed, country: 'IE', subdivision: '', city: '', zone: 'eu-west-1', feed: { label: 'AWS ip-ranges.json', kind: 'cloud' as const, date: '2026-08-22' } } }));
  assert.equal(cloud.country, 'IE');
  assert.equal(cloud.verdict, 'obscured');
  assert.match(cloud.reasons[0]!, /AWS ip-ranges\.json .* in IE \(region eu-west-1\).*the registry-based database says US/);
});
