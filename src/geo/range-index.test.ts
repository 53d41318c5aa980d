import assert from 'node:assert/strict';
import test from 'node:test';
import { ipv4ToNumber, ipv6ToWords } from './ip-words.js';
import { RangeIndex, RangeIndexBuilder } from './range-index.js';

const v6 = (s: string): Uint32Array => {
  const w = new Uint32Array(4);
  assert.ok(ipv6ToWords(s, w), s);
  return w;
};

test('membership: inside, outside, edges and gaps, for both families', () => {
  const index = RangeIndex.fromCidrs(['# comment', '10.0.0.0/8', '10.1.0.0/16', '192.168.1.0/24', '', '2001:db8::/32', '2001:db8:1::/48']);
  assert.equal(index.lookupV4(ipv4ToNumber('10.0.0.0')), 0);
  assert.equal(index.lookupV4(ipv4ToNumber('10.255.255.255')), 0);
  assert.equal(index.lookupV4(ipv4ToNumber('11.0.0.0')), -1);
  assert.equal(index.lookupV4(ipv4ToNumber('9.255.255.255')), -1);
  assert.equal(index.lookupV4(ipv4ToNumber('192.168.1.77')), 0);
  assert.equal(index.lookupV4(ipv4ToNumber('192.168.2.0')), -1);
  assert.equal(index.lookupV6(v6('2001:db8:ffff::1')), 0);
  assert.equal(index.lookupV6(v6('2001:db9::')), -1);
  assert.equal(index.lookupV6(v6('::1')), -1);
  // Nested blocks merge: one range, one gap after it, per family.
  assert.deepEqual(index.entries, { v4: 4, v6: 2 });
});

test('values: distinct ranges keep their values; the end of the space needs no gap', () => {
  const b = new RangeIndexBuilder();
  b.addCidr('1.0.0.0/8', 1);
  b.addCidr('2.0.0.0/8', 2);
  b.addCidr('255.0.0.0/8', 3);
  b.addCidr('ffff::/16', 4);
  const index = b.build();
  assert.equal(index.lookupV4(ipv4ToNumber('1.9.9.9')), 1);
  assert.equal(index.lookupV4(ipv4ToNumber('2.0.0.0')), 2);
  assert.equal(index.lookupV4(ipv4ToNumber('255.255.255.255')), 3);
  assert.equal(index.lookupV6(v6('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')), 4);
  assert.equal(index.lookupV6(v6('fffe::')), -1);
});

test('a range overlapping another value keeps only its part past the earlier one', () => {
  const b = new RangeIndexBuilder();
  b.addV4(100, 200, 1);
  b.addV4(150, 300, 2);
  const index = b.build();
  assert.equal(index.lookupV4(160), 1);
  assert.equal(index.lookupV4(250), 2);
  assert.equal(index.lookupV4(301), -1);
});
