import assert from 'node:assert/strict';
import { BlockList, isIP } from 'node:net';
import { describe, it } from 'node:test';
import {
  CANADIAN_NETWORKS,
  CRAWLER_NETWORKS,
  FOREIGN_NETWORKS,
  HOSTING_NETWORKS,
  TOR_EXITS,
  randomAddress,
} from './networks.js';
import { Prng } from './prng.js';
import { normaliseIp } from '../../core/index.js';

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
        assert.equal(normaliseIp(ip), ip, 'canonical, as servers write it');
      }
    }
  });
});
