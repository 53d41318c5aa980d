import assert from 'node:assert/strict';
import { BlockList, isIP } from 'node:net';
import { describe, it } from 'node:test';
import {
  CANADIAN_NETWORKS,
  CRAWLER_NETWORKS,
  FOREIGN_NETWORKS,
  HOSTING_NETWORKS,
  TOR_EXITS,
  formatV6,
  randomAddress,
} from './networks.js';
import { Prng } from './prng.js';

const ALL = [
  ...CANADIAN_NETWORKS,
  ...Object.values(FOREIGN_NETWORKS).flat(),
  ...HOSTING_NETWORKS,
  ...TOR_EXITS,
  ...Object.values(CRAWLER_NETWORKS),
];

describe('randomAddress', () => {
  it('stays inside its block, in canonical text, for IPv4 and IPv6', () => {
    const rng = new Prng(1);
    for (const network of ALL) {
      const [base = '', len = ''] = network.cidr.split('/');
      const family = isIP(base) === 6 ? 'ipv6' : 'ipv4';
      const block = new BlockList();
      block.addSubnet(base, Number(len), family);
      for (let i = 0; i < 50; i++) {
        const ip = randomAddress(network, rng);
        assert.ok(block.check(ip, family), `${ip} in ${network.cidr}`);
        if (family === 'ipv6') assert.doesNotMatch(ip, /(^|:)0[0-9a-f]|:0:0:|[A-F]/, ip);
      }
    }
  });

  it('compresses the longest run of zero groups', () => {
    assert.equal(formatV6([0x2001, 0xdb8, 0, 0, 1, 0, 0, 0]), '2001:db8:0:0:1::');
    assert.equal(formatV6([0x2001, 0xdb8, 0, 1, 1, 1, 0, 1]), '2001:db8:0:1:1:1:0:1');
  });
});
