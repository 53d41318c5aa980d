import assert from 'node:assert/strict';
import test from 'node:test';
import { compareWords, ipv4ToNumber, ipv6ToWords, parseCidr } from './ip-words.js';

const words = (s: string): number[] | null => {
  const w = new Uint32Array(4);
  return ipv6ToWords(s, w) ? [...w] : null;
};

test('IPv4 becomes an unsigned number; anything else is -1', () => {
  assert.equal(ipv4ToNumber('0.0.0.0'), 0);
  assert.equal(ipv4ToNumber('255.255.255.255'), 0xffffffff);
  assert.equal(ipv4ToNumber('24.48.0.1'), 24 * 2 ** 24 + 48 * 2 ** 16 + 1);
  for (const bad of ['1.2.3', '1.2.3.4.5', '256.1.1.1', '01.2.3.4', '1.2.3.4 ', '::1', '']) assert.equal(ipv4ToNumber(bad), -1, bad);
});

test('IPv6 becomes four words, with :: and a dotted tail', () => {
  assert.deepEqual(words('2001:db8::1'), [0x20010db8, 0, 0, 1]);
  assert.deepEqual(words('::'), [0, 0, 0, 0]);
  assert.deepEqual(words('::ffff:1.2.3.4'), [0, 0, 0xffff, 0x01020304]);
  assert.deepEqual(words('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff'), [0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff]);
  assert.deepEqual(words('2607:F8B0::'), [0x2607f8b0, 0, 0, 0]);
  for (const bad of ['1::2::3', ':1::', '12345::', '1:2:3:4:5:6:7:8:9', '1:2:3:4:5:6:7', 'g::1', '1.2.3.4']) assert.equal(words(bad), null, bad);
});

test('a CIDR gives its first and last address, for both families', () => {
  assert.deepEqual(parseCidr('10.0.0.0/8'), { family: 4, start: 0x0a000000, end: 0x0affffff });
  assert.deepEqual(parseCidr('1.2.3.4'), { family: 4, start: 0x01020304, end: 0x01020304 });
  const v6 = parseCidr('2e00::/7');
  assert.ok(v6 && v6.family === 6);
  assert.deepEqual([...v6.start], [0x2e000000, 0, 0, 0]);
  assert.deepEqual([...v6.end], [0x2fffffff, 0xffffffff, 0xffffffff, 0xffffffff]);
  assert.equal(parseCidr('10.0.0.0/33'), null);
  assert.equal(parseCidr('nonsense/8'), null);
  assert.equal(compareWords(Uint32Array.of(1, 2, 3, 4), 0, Uint32Array.of(1, 2, 3, 5), 0), -1);
});
