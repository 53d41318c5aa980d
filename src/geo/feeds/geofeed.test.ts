import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { corpus } from '../../testing/corpora.js';
import { csvFields, looksLikeGeofeedRow, parseGeofeed } from './geofeed.js';

test('DigitalOcean\'s published geofeed reads whole: every row located, none malformed', () => {
  const text = readFileSync(corpus('ip/cloud-regions/digitalocean.csv'), 'utf8');
  const feed = parseGeofeed(text, 'digitalocean.csv');
  assert.equal(feed.malformed.count, 0);
  assert.ok(feed.rows.length > 1000, `${feed.rows.length} rows`);
  assert.deepEqual(feed.rows[0], { prefix: '5.101.96.0/21', country: 'NL', subdivision: 'NL-NH', city: 'Amsterdam', zone: '' });
  assert.ok(looksLikeGeofeedRow(text.split('\n')[0]!));
});

test('Linode\'s geofeed, with its comment header and IPv6 blocks, reads too', () => {
  const feed = parseGeofeed(readFileSync(corpus('ip/cloud-regions/linode.txt'), 'utf8'), 'linode.txt');
  assert.equal(feed.malformed.count, 0);
  assert.ok(feed.rows.some((r) => r.prefix === '2600:3c00::/32' && r.country === 'US' && r.city === 'Richardson'));
});

test('bad rows are counted with their line and skipped; the good ones are kept', () => {
  const text = [
    '# a geofeed', 'ip_prefix,alpha2code,region,city,postal_code', '192.0.2.0/24,ca,CA-QC,Montréal,',
    'hello,CA,,,', '198.51.100.7/24,CA,,,', '203.0.113.0/24,Canada,,,', '2001:db8::/32,,,,', '100.64.0.0/10,FR,US-CA,"Paris, centre",',
  ].join('\n');
  const feed = parseGeofeed(text, 'isp.csv');
  assert.deepEqual(feed.rows.map((r) => [r.prefix, r.country, r.subdivision, r.city]), [
    ['192.0.2.0/24', 'CA', 'CA-QC', 'Montréal'],
    // A region of another country is dropped, the row kept; a quoted city keeps its comma.
    ['100.64.0.0/10', 'FR', '', 'Paris, centre'],
  ]);
  assert.equal(feed.withoutCountry, 1);
  assert.equal(feed.malformed.count, 3);
  assert.deepEqual(feed.malformed.samples.map((s) => s.line), [4, 5, 6]);
  assert.match(feed.malformed.describe(), /^3 malformed lines skipped \(isp\.csv:4: not an address block: 'hello,CA,,,'; isp\.csv:5: host bits set in '198\.51\.100\.7\/24'; isp\.csv:6: not a two-letter country code: 'Canada'\)$/);
  assert.deepEqual(csvFields('a,"b ""c"", d",e'), ['a', 'b "c", d', 'e']);
});
