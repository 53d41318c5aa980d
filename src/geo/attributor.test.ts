import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { geoText } from './text.js';
import { corpus } from '../testing/corpora.js';
import { GeoAttributor } from './attributor.js';
import { MMDB_FILES, shippedPath } from './data-files.js';
import { openMmdb } from './geo-data.js';

// Shipped data only (never the developer's ~/.local/share), and a fixed "now" a month after
// the newest data so the answers do not drift with the calendar.
const geo = new GeoAttributor({ dataDir: null, now: new Date('2026-07-01T00:00:00Z') });
const KEYS = ['ip', 'country', 'region', 'city', 'asn', 'org', 'network', 'verdict', 'confidence', 'reasons', 'source'];

test('a Canadian consumer address is domestic, with region, city, ASN and reasons', () => {
  const a = geo.attribute('24.48.0.1');
  assert.deepEqual(Object.keys(a), KEYS);
  assert.equal(a.country, 'CA');
  assert.equal(a.region, 'Quebec');
  assert.equal(a.asn, 5769);
  assert.equal(a.network, 'residential');
  assert.equal(a.verdict, 'domestic');
  assert.ok(a.confidence >= 0.9, String(a.confidence));
  assert.match(a.reasons[0]!, /^both geolocation databases place it in CA; the registry and its network AS5769's home country agree$/);
  assert.deepEqual(a.source, { code: 'geo.source.databases_agree' });
  const full = new GeoAttributor({ dataDir: null, home: 'CA', sourceParams: true }).attribute('24.48.0.1');
  assert.deepEqual(full.source, { code: 'geo.source.databases_agree', params: { country: 'CA', support: ['registry', 'network'], asn: 5769, registry: 'CA' } });
  assert.equal(geoText(full.source, 'fr'), 'les deux bases de géolocalisation la situent en CA\u202f; le registre et le pays d\'attache de son réseau AS5769 concordent');
  assert.equal(new GeoAttributor({ dataDir: null, home: 'US' }).attribute('24.48.0.1').verdict, 'foreign');
});

test('a foreign-registered block is domestic only when a network based at home runs it', () => {
  // Both databases say Toronto, but the block is registered in GB to Forcepoint UK (AS44444, GB).
  const uk = geo.attribute('85.115.32.1');
  assert.equal(uk.country, 'CA');
  assert.equal(uk.verdict, 'unknown');
  assert.match(uk.reasons.at(-1)!, /not called domestic: the block is registered in GB and its network AS44444 is based in GB/);
  // A RIPE block (registered NL) announced by TELUS, whose own blocks are Canadian: used in Canada.
  const telus = geo.attribute('45.132.3.1');
  assert.equal(telus.asn, 852);
  assert.equal(telus.verdict, 'domestic');
});

test('trap: an IPv6 address asked of an IPv4-only file gets a wrong record, so lookups route by family', () => {
  const v4only = openMmdb(shippedPath(MMDB_FILES.dbipV4), 4)!;
  const wrong = v4only.value.get('2607:f8b0:4005::1') as { city?: string } | null;
  assert.ok(wrong !== null, 'the IPv4 file answers an IPv6 question (the trap)');
  assert.equal(openMmdb(shippedPath(MMDB_FILES.dbipV4), 6), null, 'a file of the wrong family is refused');
  const right = openMmdb(shippedPath(MMDB_FILES.dbipV6), 6)!.value.get('2607:f8b0:4005::1') as { city?: string };
  assert.notDeepEqual(wrong, right);
  const a = geo.attribute('2607:f8b0:4005::1');
  assert.equal(a.country, 'US');
  assert.equal(a.asn, 15169);
  assert.equal(a.city, right.city);
});

test('trap: ::ffff:a.b.c.d is unwrapped, else no IPv4 database finds it', () => {
  const plain = geo.attribute('24.48.0.1');
  const mapped = geo.attribute('::ffff:24.48.0.1');
  assert.equal(mapped.ip, '24.48.0.1');
  assert.equal(mapped.country, plain.country);
  assert.equal(mapped.verdict, 'domestic');
  assert.equal(geo.attribute('[::FFFF:24.48.0.1]:443').verdict, 'domestic');
});

test('trap: DB-IP answers Canada for unallocated 2e00::/7; the registry list makes it unknown', () => {
  const dbipV6 = openMmdb(shippedPath(MMDB_FILES.dbipV6), 6)!;
  assert.equal((dbipV6.value.get('2e00::1') as { country_code?: string }).country_code, 'CA');
  const a = geo.attribute('2e00::1');
  assert.equal(a.verdict, 'unknown');
  assert.equal(a.country, null);
  assert.match(a.reasons[0]!, /not delegated by any regional internet registry/);
  assert.equal(geo.attribute('2f12:3456::1').verdict, 'unknown');
});

test('trap: every database gives Tor, VPN, relay and CDN addresses a country; the verdict is obscured anyway', () => {
  const exits = readFileSync(corpus('ip/tor-onionoo/latest.exits.csv'), 'utf8').trim().split('\n').slice(1, 200).map((r) => r.split(',')[1]!.trim());
  for (const ip of exits) {
    const a = geo.attribute(ip);
    assert.equal(a.verdict, 'obscured', ip);
    assert.equal(a.network, 'tor', ip);
  }
  const tor = geo.attribute(exits[0]!);
  assert.ok(tor.country, 'the address country is still reported');
  assert.ok(tor.reasons.includes('Tor exit relay (list of 2026-08-22)'));
  const cases: Array<[string, string, string]> = [
    ['104.16.1.1', 'cdn', 'Cloudflare CDN'],
    ['1.1.1.1', 'cdn', 'Cloudflare resolver, outside the published CDN list'],
    ['2a06:98c0::1', 'cdn', 'Cloudflare IPv6'],
    ['3.5.140.1', 'hosting', 'AWS Seoul'],
  ];
  for (const [ip, network, what] of cases) {
    const a = geo.attribute(ip);
    assert.equal(a.network, network, what);
    assert.equal(a.verdict, 'obscured', what);
    assert.ok(a.country, what);
  }
  const vpn = readFileSync(corpus('ip/x4bnet-vpn-datacenter/input/vpn/ips/mullvadvpn.txt'), 'utf8').split('\n')[0]!.split('/')[0]!;
  assert.equal(geo.attribute(vpn).verdict, 'obscured');
  const relay = readFileSync(corpus('ip/provider-ranges-lord-alfred/apple-proxy/ipv4_merged.txt'), 'utf8').split('\n')[0]!.split('/')[0]!;
  assert.equal(geo.attribute(relay).network, 'relay');
});

test('private, loopback, link-local, CGNAT, documentation, multicast and garbage are unknown with a reason', () => {
  for (const [ip, reason] of [['10.0.0.1', /private/], ['127.0.0.1', /loopback/], ['fe80::1', /link-local/], ['100.64.1.1', /carrier-grade NAT/],
    ['192.0.2.1', /documentation/], ['2001:db8::1', /documentation/], ['224.0.0.1', /multicast/], ['not an ip', /not an IP address/], ['', /not an IP address/]] as const) {
    const a = geo.attribute(ip);
    assert.equal(a.verdict, 'unknown', ip);
    assert.equal(a.country, null, ip);
    assert.match(a.reasons[0]!, reason, ip);
  }
});

test('data older than 60 days lowers confidence and says so', () => {
  const late = new GeoAttributor({ dataDir: null, now: new Date('2027-01-01T00:00:00Z') });
  const fresh = geo.attribute('24.48.0.1');
  const old = late.attribute('24.48.0.1');
  assert.ok(old.confidence < fresh.confidence);
  assert.ok(old.reasons.some((r) => /older than 60 days lowers confidence: DB-IP \d+ days old/.test(r)), old.reasons.join(' | '));
});

test('the cache serves repeated addresses at over a million lookups a second', () => {
  const ips = Array.from({ length: 1000 }, (_, i) => `24.48.${i >> 8}.${i & 255}`);
  for (const ip of ips) geo.attribute(ip);
  // The best of five batches: on a shared machine another process can take the core mid-batch.
  let perSec = 0;
  for (let batch = 0; batch < 5; batch++) {
    const started = process.hrtime.bigint();
    for (let r = 0; r < 100; r++) for (const ip of ips) geo.attribute(ip);
    perSec = Math.max(perSec, (100 * ips.length) / (Number(process.hrtime.bigint() - started) / 1e9));
  }
  // Measured ~5M/s on the 2-core CI machine; the bar is the requirement, with no margin taken.
  assert.ok(perSec >= 1_000_000, `${Math.round(perSec)} lookups/s`);
});
