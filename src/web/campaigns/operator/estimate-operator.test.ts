import assert from 'node:assert/strict';
import test from 'node:test';
import { estimateOperator, type OperatorAddress, type OperatorInput } from './estimate-operator.js';
import { countriesKeeping, zoneOffsetHours } from './zone-offsets.js';
import { zonesKeeping } from './zone-offsets.js';

const addr = (country: string | null, network: string, verdict: OperatorAddress['verdict'], confidence = 0.9): OperatorAddress => ({ country, network, verdict, confidence });
const many = (n: number, a: OperatorAddress): OperatorAddress[] => Array.from({ length: n }, () => a);
const base: OperatorInput = {
  home: 'CA', addresses: [], utcOffsetHours: null, utcOffsetConfidence: 0,
  firstSeen: '2025-04-28T01:00:00Z', lastSeen: '2025-05-02T10:00:00Z', userAgents: [], acceptLanguages: null,
};

test('Canadian cloud servers of an operator whose homes and hours point to UTC+8 are relays: likely foreign, CN', () => {
  const o = estimateOperator({
    ...base,
    addresses: [...many(6, addr('CN', 'residential', 'foreign')), ...many(4, addr('CA', 'hosting', 'obscured', 0.95))],
    utcOffsetHours: 8, utcOffsetConfidence: 0.7,
  });
  assert.equal(o.estimate, 'likely_foreign');
  assert.deepEqual(o.countries, ['CN']);
  assert.ok(o.confidence >= 0.8, String(o.confidence));
  const en = o.reasons.join('\n');
  assert.match(o.reasons[0]!, /^operator likely abroad \(CN\), confidence 0\.\d+$/);
  assert.match(en, /6 of 10 addresses do not hide their origin and are abroad \(CN 6\): points abroad, weight 0\.77/);
  assert.match(en, /4 of 10 addresses are relays \(hosting 4; 40%\), in CA 4: a relay's country is not the operator's; not weighed/);
  assert.match(en, /4 of the relays are in CA \(hosting 4\): relays at home used by an operator the other evidence places abroad/);
  assert.match(en, /working day at UTC\+8 from April 28, 2025 to May 2, 2025: no time zone of CA keeps that offset then; \d+ countries do \(.*CN.*\): points abroad, weight 0\.7/);
  assert.match(en, /no Accept-Language header/);
  // The French is its own text, the same figures.
  assert.equal(o.reasons_fr.length, o.reasons.length);
  assert.match(o.reasons_fr[0]!, /^opérateur probablement à l’étranger \(CN\), confiance 0,\d+$/);
  assert.match(o.reasons_fr.join('\n'), /6 adresses sur 10 ne masquent pas leur provenance et sont à l’étranger \(CN 6\)\u00a0: indique l’étranger, poids 0,77/);
  assert.ok(o.evidence.some((e) => e.kind === 'hours' && e.points === 'foreign' && e.countries.includes('CN')));
});

test('a lone Quebec residential address in Eastern evening hours is likely domestic', () => {
  const o = estimateOperator({ ...base, addresses: [addr('CA', 'residential', 'domestic', 0.9)] });
  assert.equal(o.estimate, 'likely_domestic');
  assert.deepEqual(o.countries, ['CA']);
  assert.equal(o.confidence, 0.45);
  assert.match(o.reasons[1]!, /^the address does not hide its origin and is in CA: points home, weight 0\.45$/);
});

test('Tor only, around the clock: undetermined, and it says the evidence is not enough', () => {
  const o = estimateOperator({ ...base, addresses: many(12, addr(null, 'tor', 'obscured', 0.99)) });
  assert.equal(o.estimate, 'undetermined');
  assert.deepEqual(o.countries, []);
  assert.match(o.reasons[0]!, /^operator undetermined: nothing weighed points abroad or home; the evidence is not enough$/);
  assert.match(o.reasons_fr[0]!, /^opérateur indéterminé\u00a0: rien de pondéré n’indique l’étranger ou le pays/);
});

test('residential addresses over many countries are a botnet, not the operator', () => {
  const countries = ['US', 'IN', 'VN', 'RU', 'DE', 'FR', 'GB'];
  const o = estimateOperator({ ...base, addresses: countries.flatMap((c) => many(5, addr(c, 'residential', 'foreign'))) });
  assert.equal(o.estimate, 'undetermined');
  assert.match(o.reasons.join('\n'), /spread over 7 countries .*a botnet or residential proxies, not the operator's own; not weighed/);
});

test('hours alone, relays only: UTC+8 points abroad to the countries that keep it', () => {
  const o = estimateOperator({ ...base, addresses: many(5, addr('US', 'hosting', 'obscured')), utcOffsetHours: 8, utcOffsetConfidence: 0.6 });
  assert.equal(o.estimate, 'likely_foreign');
  assert.ok(o.countries.includes('CN') && o.countries.includes('SG') && !o.countries.includes('CA'), o.countries.join());
  assert.equal(o.confidence, 0.6);
});

test('residential CA addresses against a UTC+8 working day conflict: undetermined', () => {
  const o = estimateOperator({ ...base, addresses: many(2, addr('CA', 'residential', 'domestic', 0.75)), utcOffsetHours: 8, utcOffsetConfidence: 0.5 });
  assert.equal(o.estimate, 'undetermined');
  assert.match(o.reasons[0]!, /the evidence conflicts \(abroad 0\.5, home 0\.5\)/);
});

test('daylight saving: Canada keeps UTC-5 in January (Eastern) and July (Central), UTC-8 in January only', () => {
  assert.equal(zoneOffsetHours('America/Toronto', new Date('2025-01-15T12:00:00Z')), -5);
  assert.equal(zoneOffsetHours('America/Toronto', new Date('2025-07-15T12:00:00Z')), -4);
  assert.equal(zoneOffsetHours('Asia/Kolkata', new Date('2025-07-15T12:00:00Z')), 5.5);
  assert.ok(zonesKeeping('CA', -5, ['2025-01-15']).includes('America/Toronto'));
  assert.ok(!zonesKeeping('CA', -5, ['2025-07-15']).includes('America/Toronto'));
  assert.ok(zonesKeeping('CA', -5, ['2025-07-15']).includes('America/Winnipeg'));
  assert.ok(countriesKeeping(-8, ['2025-01-15']).includes('CA'));
  assert.ok(!countriesKeeping(-8, ['2025-07-15']).includes('CA'), 'Vancouver is at UTC-7 in July');
  // The same US-cloud campaign working 09:00–18:00 at UTC-8: home in January, abroad in July.
  const at = (first: string, last: string) => estimateOperator({ ...base, addresses: many(3, addr('US', 'hosting', 'obscured')), utcOffsetHours: -8, utcOffsetConfidence: 0.8, firstSeen: first, lastSeen: last });
  const winter = at('2025-01-06T17:00:00Z', '2025-01-10T02:00:00Z');
  assert.equal(winter.evidence.find((e) => e.kind === 'hours')!.points, 'domestic');
  assert.match(winter.reasons.join('\n'), /working day at UTC−8 from January 6, 2025 to January 10, 2025: CA keeps that offset then \(America\/Vancouver.*\), as do \d+ other countries: points home, weakly, weight 0\.4/);
  assert.equal(winter.estimate, 'likely_domestic');
  const summer = at('2025-07-07T17:00:00Z', '2025-07-11T02:00:00Z');
  assert.equal(summer.estimate, 'likely_foreign');
  assert.ok(summer.countries.includes('US') && !summer.countries.includes('CA'), summer.countries.join());
  // A span across the change sees both offsets: Vancouver keeps UTC-8 before 9 March.
  assert.ok(countriesKeeping(-8, ['2025-03-03', '2025-03-14']).includes('CA'));
});

test('a home setting other than Canada: UTC-5 in July is not home for France', () => {
  const o = estimateOperator({ ...base, home: 'FR', addresses: [], utcOffsetHours: -5, utcOffsetConfidence: 0.5, firstSeen: '2025-07-07', lastSeen: '2025-07-11' });
  assert.equal(o.estimate, 'likely_foreign');
  assert.ok(o.countries.includes('CA') && o.countries.includes('US'));
});

test('weak evidence says so: one low-confidence foreign address', () => {
  const o = estimateOperator({ ...base, addresses: [addr('DE', 'residential', 'foreign', 0.4)] });
  assert.equal(o.estimate, 'undetermined');
  assert.deepEqual(o.countries, ['DE']);
  assert.match(o.reasons[0]!, /the evidence is too weak \(at most 0\.2, 0\.3 needed\)/);
});

test('locale tokens in user agents are shown and not weighed', () => {
  const o = estimateOperator({ ...base, userAgents: ['Mozilla/5.0 (Windows; U; Windows NT 5.1; zh-CN; rv:1.9.2) Gecko/20100115 Firefox/3.6'] });
  assert.match(o.reasons.join('\n'), /language hints: the locale zh-CN in user agents or Accept-Language; shown, not weighed/);
  assert.equal(o.estimate, 'undetermined');
});
