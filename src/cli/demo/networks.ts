import { formatIpv6, ipv6ToGroups } from '../../core/index.js';
import type { Prng } from './prng.js';

/** What kind of network a demo address comes from; the origin verdict depends on it. */
export type NetworkKind = 'residential' | 'mobile' | 'hosting' | 'tor' | 'crawler';

/** A public address block the demo draws client addresses from. */
export interface DemoNetwork {
  readonly cidr: string;
  /** ISO 3166 country of the registrant (RIR delegation), upper case. */
  readonly country: string;
  readonly kind: NetworkKind;
  readonly org: string;
}

const net = (cidr: string, country: string, kind: NetworkKind, org: string): DemoNetwork => ({
  cidr,
  country,
  kind,
  org,
});

// Every block below was checked against the RIR delegation files (ipverse country-ip-blocks,
// CC0-1.0) for its country; hosting and crawler blocks come from the providers' published
// ranges (lord-alfred/ipranges, CC0-1.0). Tor exits are single addresses from an Onionoo
// snapshot (alireza-rezaee/tor-nodes, MIT; see data/demo/NOTICE.md).

/** Canadian eyeball networks (Bell, Rogers, Vidéotron, Shaw, Telus, Cogeco, Eastlink, SaskTel, MTS, TekSavvy). */
export const CANADIAN_NETWORKS: readonly DemoNetwork[] = [
  net('142.112.0.0/12', 'CA', 'residential', 'Bell Canada'),
  net('70.24.0.0/13', 'CA', 'residential', 'Bell Canada'),
  net('174.88.0.0/13', 'CA', 'residential', 'Bell Canada'),
  net('184.144.0.0/14', 'CA', 'residential', 'Bell Canada'),
  net('65.92.0.0/14', 'CA', 'residential', 'Bell Canada'),
  net('70.48.0.0/13', 'CA', 'residential', 'Bell Canada'),
  net('74.12.0.0/14', 'CA', 'residential', 'Bell Canada'),
  net('76.64.0.0/13', 'CA', 'residential', 'Bell Canada'),
  net('99.224.0.0/11', 'CA', 'residential', 'Rogers Communications'),
  net('174.112.0.0/13', 'CA', 'residential', 'Rogers Communications'),
  net('24.114.0.0/16', 'CA', 'mobile', 'Rogers Wireless'),
  net('24.200.0.0/14', 'CA', 'residential', 'Vidéotron'),
  net('96.20.0.0/14', 'CA', 'residential', 'Vidéotron'),
  net('173.176.0.0/13', 'CA', 'residential', 'Vidéotron'),
  net('24.64.0.0/13', 'CA', 'residential', 'Shaw Communications'),
  net('68.144.0.0/13', 'CA', 'residential', 'Shaw Communications'),
  net('154.5.0.0/16', 'CA', 'residential', 'Telus'),
  net('75.152.0.0/13', 'CA', 'mobile', 'Telus Mobility'),
  net('207.6.0.0/16', 'CA', 'residential', 'Telus'),
  net('69.165.128.0/17', 'CA', 'residential', 'Cogeco'),
  net('24.222.0.0/16', 'CA', 'residential', 'Eastlink'),
  net('142.165.0.0/16', 'CA', 'residential', 'SaskTel'),
  net('142.161.0.0/16', 'CA', 'residential', 'MTS / Bell MTS'),
  net('2607:fea8::/32', 'CA', 'residential', 'Rogers Communications'),
  net('2605:b100::/32', 'CA', 'residential', 'Bell Canada'),
  net('2607:fa48::/29', 'CA', 'residential', 'Vidéotron'),
  net('2001:56a::/32', 'CA', 'residential', 'Shaw Communications'),
  net('2607:f2c0::/32', 'CA', 'residential', 'TekSavvy'),
];

/** Foreign eyeball networks, by country. */
export const FOREIGN_NETWORKS: Readonly<Record<string, readonly DemoNetwork[]>> = {
  US: [
    net('73.0.0.0/8', 'US', 'residential', 'Comcast'),
    net('98.192.0.0/10', 'US', 'residential', 'Comcast'),
    net('71.160.0.0/11', 'US', 'residential', 'Verizon'),
    net('99.0.0.0/10', 'US', 'residential', 'AT&T'),
    net('2601::/20', 'US', 'residential', 'Comcast'),
    net('2600:1700::/28', 'US', 'residential', 'AT&T'),
  ],
  FR: [
    net('90.0.0.0/9', 'FR', 'residential', 'Orange'),
    net('78.192.0.0/11', 'FR', 'residential', 'Free'),
    net('2a01:cb00::/24', 'FR', 'residential', 'Orange'),
  ],
  DE: [net('79.192.0.0/10', 'DE', 'residential', 'Deutsche Telekom'), net('2003::/19', 'DE', 'residential', 'Deutsche Telekom')],
  GB: [net('86.128.0.0/10', 'GB', 'residential', 'BT')],
  CN: [
    net('116.224.0.0/12', 'CN', 'residential', 'China Telecom'),
    net('222.64.0.0/11', 'CN', 'residential', 'China Telecom'),
    net('61.128.0.0/10', 'CN', 'residential', 'China Telecom'),
    net('112.224.0.0/11', 'CN', 'residential', 'China Unicom'),
    net('36.96.0.0/11', 'CN', 'residential', 'China Telecom'),
    net('240e::/18', 'CN', 'residential', 'China Telecom'),
    net('2408:8000::/20', 'CN', 'residential', 'China Unicom'),
  ],
  RU: [net('95.24.0.0/13', 'RU', 'residential', 'Beeline')],
  IN: [net('117.192.0.0/10', 'IN', 'residential', 'BSNL')],
  IR: [net('2.176.0.0/12', 'IR', 'residential', 'TCI')],
  VN: [net('113.160.0.0/11', 'VN', 'residential', 'VNPT')],
};

/** Hosting and cloud providers (their published ranges). */
export const HOSTING_NETWORKS: readonly DemoNetwork[] = [
  net('138.68.0.0/19', 'US', 'hosting', 'DigitalOcean'),
  net('146.190.176.0/22', 'US', 'hosting', 'DigitalOcean'),
  net('45.32.0.0/16', 'US', 'hosting', 'Vultr'),
  net('139.162.4.0/22', 'US', 'hosting', 'Linode (Akamai)'),
  net('3.96.0.0/14', 'US', 'hosting', 'Amazon Web Services'),
  net('18.100.0.0/15', 'US', 'hosting', 'Amazon Web Services'),
  net('5.9.0.0/16', 'DE', 'hosting', 'Hetzner'),
  net('88.198.0.0/16', 'DE', 'hosting', 'Hetzner'),
  net('51.68.0.0/16', 'FR', 'hosting', 'OVHcloud'),
];

/** Tor relays with the Exit flag (Onionoo snapshot 2026-08-22), as /32 and /128 blocks. */
export const TOR_EXITS: readonly DemoNetwork[] = [
  '185.220.101.20', '171.25.193.46', '193.189.100.200', '212.21.66.6', '5.255.125.196',
  '103.109.187.71', '23.191.200.48', '109.70.100.1', '109.70.100.4', '109.70.100.11',
  '2001:1620:51a1::101', '2001:1b60:2:1:3935:104:0:1',
].map((ip) => net(ip.includes(':') ? `${ip}/128` : `${ip}/32`, 'ZZ', 'tor', 'Tor exit'));

/** Search-engine crawler ranges (Googlebot, bingbot). */
export const CRAWLER_NETWORKS: Readonly<Record<'google' | 'bing', DemoNetwork>> = {
  google: net('66.249.64.0/19', 'US', 'crawler', 'Google (Googlebot)'),
  bing: net('157.55.39.0/24', 'US', 'crawler', 'Microsoft (bingbot)'),
};

/**
 * A random address inside a CIDR block (IPv4 avoids .0 and .255 host bytes).
 *
 * @example
 * randomAddress(CANADIAN_NETWORKS[0], new Prng(1)); // e.g. '142.118.37.201'
 */
export function randomAddress(network: DemoNetwork, rng: Prng): string {
  const [base = '', lenText = '32'] = network.cidr.split('/');
  const len = Number(lenText);
  return base.includes(':') ? randomV6(base, len, rng) : randomV4(base, len, rng);
}

function randomV4(base: string, len: number, rng: Prng): string {
  const start = base.split('.').reduce((acc, part) => acc * 256 + Number(part), 0);
  if (len >= 32) return base;
  const size = 2 ** (32 - len);
  for (;;) {
    const n = start + rng.int(size);
    const last = n % 256;
    if (len >= 31 || (last !== 0 && last !== 255)) {
      return `${Math.floor(n / 16777216) % 256}.${Math.floor(n / 65536) % 256}.${Math.floor(n / 256) % 256}.${last}`;
    }
  }
}

function randomV6(base: string, len: number, rng: Prng): string {
  if (len >= 128) return base;
  const groups = new Uint16Array(8);
  if (!ipv6ToGroups(base, 0, base.length, groups)) throw new Error(`demo network ${base} is not IPv6`);
  for (let g = 0; g < 8; g++) {
    const fixedBits = Math.max(0, Math.min(16, len - g * 16));
    if (fixedBits === 16) continue;
    const mask = fixedBits === 0 ? 0 : (0xffff << (16 - fixedBits)) & 0xffff;
    // The interface half is often SLAAC-random and the subnet part small, as on real ISPs.
    const random = g >= 4 ? rng.int(0x10000) : g === 3 ? rng.int(0x100) : rng.int(0x10000);
    groups[g] = (groups[g]! & mask) | (random & ~mask & 0xffff);
  }
  // Canonical, as servers log addresses.
  return formatIpv6(groups);
}
