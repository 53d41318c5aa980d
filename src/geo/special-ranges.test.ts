import assert from 'node:assert/strict';
import test from 'node:test';
import { ipv4ToNumber, ipv6ToWords } from './ip-words.js';
import { specialReasonV4, specialReasonV6 } from './special-ranges.js';

const v6 = (s: string): string | null => {
  const w = new Uint32Array(4);
  assert.ok(ipv6ToWords(s, w));
  return specialReasonV6(w);
};

test('special-purpose IPv4 space has a reason; public space has none', () => {
  assert.match(specialReasonV4(ipv4ToNumber('10.1.2.3'))!, /private/);
  assert.match(specialReasonV4(ipv4ToNumber('172.31.255.255'))!, /private/);
  assert.match(specialReasonV4(ipv4ToNumber('100.64.0.1'))!, /carrier-grade NAT/);
  assert.match(specialReasonV4(ipv4ToNumber('127.0.0.1'))!, /loopback/);
  assert.match(specialReasonV4(ipv4ToNumber('169.254.169.254'))!, /link-local/);
  assert.match(specialReasonV4(ipv4ToNumber('203.0.113.9'))!, /documentation/);
  assert.match(specialReasonV4(ipv4ToNumber('239.255.255.250'))!, /multicast/);
  assert.match(specialReasonV4(ipv4ToNumber('255.255.255.255'))!, /reserved/);
  for (const ip of ['8.8.8.8', '24.48.0.1', '172.32.0.1', '100.128.0.1']) assert.equal(specialReasonV4(ipv4ToNumber(ip)), null, ip);
});

test('special-purpose IPv6 space has a reason, including everything outside 2000::/3', () => {
  assert.match(v6('::1')!, /loopback/);
  assert.match(v6('fe80::1')!, /link-local/);
  assert.match(v6('fd12:3456::1')!, /unique local/);
  assert.match(v6('2001:db8::1')!, /documentation/);
  assert.match(v6('ff02::1')!, /multicast/);
  assert.match(v6('4000::1')!, /reserved/);
  assert.equal(v6('2607:f8b0::1'), null);
  // 2e00::/7 is global unicast by format: only the registry list can tell it is unallocated.
  assert.equal(v6('2e00::1'), null);
});
