import assert from 'node:assert/strict';
import test from 'node:test';
import { readServerListJson } from './server-list-json.js';

test('a VPN provider\'s JSON server list gives its server addresses, whatever its shape', () => {
  const mullvad = JSON.stringify([{ hostname: 'se-got-wg-001', country_name: 'Sweden', ipv4_addr_in: '185.213.154.66', ipv6_addr_in: '2A03:1B20:5:F011::A01F', port: 51820 }]);
  assert.deepEqual(readServerListJson(mullvad, 'vpn-mullvad.json')?.blocks, ['185.213.154.66', '2a03:1b20:5:f011::a01f']);
  const proton = JSON.stringify({ Code: 1000, LogicalServers: [{ Name: 'CH#1', Servers: [{ EntryIP: '185.159.157.1', ExitIP: '185.159.157.2', Domain: 'node-ch-01.protonvpn.net' }] }] });
  assert.deepEqual(readServerListJson(proton, 'vpn-proton.json')?.blocks, ['185.159.157.1', '185.159.157.2']);
  // PIA: the document on the first line, then its signature.
  const pia = `${JSON.stringify({ regions: [{ id: 'ca', servers: { wg: [{ ip: '181.41.202.5', cn: 'montreal424' }] } }] })}\n\nc2lnbmF0dXJl==`;
  assert.deepEqual(readServerListJson(pia, 'vpn-pia.json')?.blocks, ['181.41.202.5']);
});

test('text that is not JSON is left to the line reader; broken JSON too', () => {
  assert.equal(readServerListJson('185.213.154.66\n10.0.0.0/8\n', 'vpn-x.txt'), null);
  assert.equal(readServerListJson('{"servers": [', 'vpn-x.json'), null);
  assert.deepEqual(readServerListJson('{"servers": []}', 'vpn-x.json')?.blocks, []);
});
