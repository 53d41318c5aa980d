import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import test from 'node:test';
import { corpus } from '../testing/corpora.js';
import { LIST_FILES, shippedPath } from './data-files.js';
import { ipv4ToNumber } from './ip-words.js';
import { listDate, parseAsnList, parseCidrList, parseRegistry } from './network-lists.js';

test('a list parses, gives its date, and names the line that is not a block', () => {
  const text = '# date: 2026-08-22\n10.0.0.0/8\n2001:db8::/32\n';
  assert.equal(listDate(text), '2026-08-22');
  assert.equal(parseCidrList(text).lookupV4(ipv4ToNumber('10.9.9.9')), 0);
  assert.throws(() => parseCidrList('10.0.0.0/8\nhello\n', 'vpn.txt'), /vpn\.txt:2: not an address block/);
  assert.deepEqual([...parseAsnList('9009\tM247, GB (NordVPN)\nAS60729 # Tor Servers\n')], [[9009, 'M247, GB (NordVPN)'], [60729, 'Tor Servers']]);
  assert.throws(() => parseRegistry('1.0.0.0/24,Canada\n'), /expected 'cidr,CC'/);
});

test('the shipped lists hold every Tor exit of the corpus snapshot, and the registry knows 24.48.0.1', () => {
  const tor = parseCidrList(readFileSync(shippedPath(LIST_FILES.tor), 'utf8'));
  const rows = readFileSync(corpus('ip/tor-onionoo/latest.exits.csv'), 'utf8').trim().split('\n').slice(1);
  const v4 = rows.map((r) => r.split(',')[1]!.trim()).filter((ip) => ipv4ToNumber(ip) >= 0);
  assert.ok(v4.length > 1000);
  assert.ok(v4.every((ip) => tor.lookupV4(ipv4ToNumber(ip)) === 0));
  const registry = parseRegistry(readFileSync(shippedPath(LIST_FILES.registry), 'utf8'));
  assert.equal(registry.countryV4(ipv4ToNumber('24.48.0.1')), 'CA');
});
