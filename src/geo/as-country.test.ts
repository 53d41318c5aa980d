import assert from 'node:assert/strict';
import test from 'node:test';
import { AS_HOME_MIN_SHARE, asHomeCountries } from './as-country.js';
import { AsnTable, compileAsn } from './asn-table.js';
import { GeoDataPaths } from './data-files.js';
import { GeoData } from './geo-data.js';
import { ipv4ToNumber } from './ip-words.js';
import { parseRegistry } from './network-lists.js';

test('an AS is based where most of the addresses it announces are registered', () => {
  const n = (ip: string): number => ipv4ToNumber(ip);
  const csv = [
    [n('24.48.0.0'), n('24.49.255.255'), 5769, 'Videotron'],
    [n('45.132.3.0'), n('45.132.3.255'), 5769, 'Videotron'],
    [n('80.0.0.0'), n('80.0.255.255'), 64500, 'Broker'],
    [n('81.0.0.0'), n('81.0.255.255'), 64500, 'Broker'],
  ].map((r) => r.join(',')).join('\n');
  const table = AsnTable.fromBuffer(compileAsn(csv, '', { date: '2026-06-17', source: 'test' }));
  const registry = parseRegistry('24.48.0.0/15,CA\n45.132.3.0/24,NL\n80.0.0.0/16,SC\n81.0.0.0/16,AE\n');
  const homes = asHomeCountries(table, registry);
  assert.equal(homes.get(5769)!.country, 'CA');
  assert.ok(homes.get(5769)!.share > 0.99, 'the leased NL /24 is a sliver of a /15');
  assert.equal(homes.get(64500)!.share, 0.5);
  assert.ok(homes.get(64500)!.share < AS_HOME_MIN_SHARE, 'a network split between countries has no home');
});

test('on the shipped data, Bell Canada is based in CA and a transit carrier has no single home', () => {
  const data = new GeoData(new GeoDataPaths(null));
  const bell = data.asHome(577)!;
  assert.equal(bell.country, 'CA');
  assert.ok(bell.share >= AS_HOME_MIN_SHARE);
  assert.ok(data.asHome(15830)!.share < AS_HOME_MIN_SHARE, 'Equinix (EMEA) announces blocks registered all over');
});

test('on the shipped data, an AS worked out alone has the home the pass over all gives it', () => {
  const data = new GeoData(new GeoDataPaths(null));
  const full = asHomeCountries(data.asn()!.value, data.lists().registry.value);
  // The first 16 are worked out one by one, the rest after the switch to one pass for all.
  const ases = [577, 15830, 13335, 16509, 5769, 812, 3320, 4134, 7922, 24940, 16276, 14061, 8075, 15169, 174, 3356, 1299, 9009, 60068, 64500];
  for (const as of ases) assert.deepEqual(data.asHome(as), full.get(as) ?? null, `AS${as}`);
  assert.equal(data.asHome(64500), null, 'a documentation AS announces nothing');
});
