import { strict as assert } from 'node:assert';
import { test } from 'node:test';
import { isPrivateAddress } from './private-address.js';

test('isPrivateAddress: RFC 1918, CGNAT, loopback, link-local and unique local are private; public addresses are not', () => {
  for (const ip of ['10.0.0.1', '172.16.0.1', '172.31.255.255', '192.168.4.163', '100.64.1.1', '127.0.0.1', '169.254.1.1', 'fd00::1', 'fc12:3456::1', 'fe80::1', '::1']) {
    assert.equal(isPrivateAddress(ip), true, ip);
  }
  for (const ip of ['8.8.8.8', '172.32.0.1', '192.169.0.1', '100.128.0.1', '2001:db8::1', '2a00:1450::3', 'fe00::1', 'fec0::1', 'fc::1', '', 'not an address']) {
    assert.equal(isPrivateAddress(ip), false, ip);
  }
});
