/**
 * The labelled addresses of `npm run eval:geo`, each with its ground-truth source and whether
 * it is held out (see `split.ts`). Labels come from sources other than the two geolocation
 * databases vigie reads:
 * - registry delegations (ipverse, from the five RIRs' statistics): the country of the
 *   *registrant* of a block, drawn uniformly over delegated IPv4 addresses (the headline: a
 *   leased /24 must not weigh like a national ISP's /10), and one address per delegation row
 *   (IPv4 and IPv6: the harder sets);
 * - cloud providers' region files and geofeeds (AWS, Google Cloud, Azure, Oracle, DigitalOcean,
 *   Linode): where the servers are. The region → country maps are vigie's own
 *   (`src/geo/feeds/region-countries.ts`), so the labels and vigie agree on them by construction;
 *   AWS is labelled from EC2 blocks in their region's own border group only, as before;
 * - Tor exits, VPN servers, iCloud Private Relay, CloudFront and Cloudflare: must be `obscured`.
 */
import { readFileSync } from 'node:fs';
import { azureRegionCountry, awsBorderGroupCountry, gcpRegionCountry, oracleRegionCountry } from '../../src/geo/feeds/region-countries.js';
import { parseCidr } from '../../src/geo/ip-words.js';
import { corpus } from '../../src/testing/corpora.js';
import { isHeldOut, type Provider } from './split.js';

/** One labelled address: its set, its ground-truth source, and a country or the expectation `obscured`. */
export interface Labelled {
  ip: string;
  set: string;
  /** For cloud labels: the provider whose file the label came from (left out when measuring "without its own file"). */
  provider?: Provider;
  country?: string;
  obscured?: boolean;
  heldOut: boolean;
}

/** The second address of a block (the first is often a network address), as text. */
export function sample(cidr: string): string | null {
  const c = parseCidr(cidr);
  if (!c) return null;
  if (c.family === 4) return v4Text(c.start === c.end ? c.start : c.start + 1);
  const w = Uint32Array.from(c.start);
  if (w[3] !== c.end[3]) w[3] = w[3]! + 1;
  return [...w].flatMap((x) => [(x >>> 16).toString(16), (x & 0xffff).toString(16)]).join(':');
}

const read = (p: string): string => readFileSync(corpus(p), 'utf8');
const cidrLines = (p: string): string[] => read(p).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const every = <T>(xs: T[], max: number): T[] => xs.filter((_, i) => i % Math.max(1, Math.ceil(xs.length / max)) === 0);
const v4Text = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** mulberry32: a fixed seed, so every run draws the same addresses. */
export function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGISTRY_V4 = 'ip/rir-country-ipverse/rir-country-ipv4.csv';
export const REGISTRY_V6 = 'ip/rir-country-ipverse/rir-country-ipv6.csv';

const registryLabel = (ip: string, country: string, set: string): Labelled => ({ ip, country, set, heldOut: isHeldOut({ registryCountry: country }) });

/**
 * A sampler of delegated IPv4 space: given a number in [0, 1), the address at that point of all
 * delegated addresses laid end to end, with its block's country (uniform over addresses).
 */
export function delegatedV4(): (u: number) => { ip: string; country: string } {
  const blocks = cidrLines(REGISTRY_V4).slice(1).map((row) => {
    const [cidr, country] = row.split(',');
    const c = parseCidr(cidr!) as { start: number; end: number };
    return { start: c.start, size: c.end - c.start + 1, country: country! };
  });
  const ends: number[] = [];
  let total = 0;
  for (const b of blocks) ends.push((total += b.size));
  return (u) => {
    const x = Math.floor(u * total);
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    const b = blocks[lo]!;
    return { ip: v4Text(b.start + x - (ends[lo]! - b.size)), country: b.country };
  };
}

/** `count` addresses drawn uniformly over all delegated IPv4 space, each labelled with its block's country. */
function registryByAddress(count: number): Labelled[] {
  const draw = delegatedV4();
  const rnd = random(2026);
  const out: Labelled[] = [];
  for (let i = 0; i < count; i++) {
    const { ip, country } = draw(rnd());
    out.push(registryLabel(ip, country, 'registry v4, per address'));
  }
  return out;
}

/** One address per delegation row (IPv4 or IPv6), every k-th row. */
function registryByBlock(file: string, count: number, set: string): Labelled[] {
  return every(cidrLines(file).slice(1), count).map((row) => {
    const [cidr, country] = row.split(',');
    return registryLabel(sample(cidr!)!, country!, set);
  });
}

function cloudLabel(prefix: string, country: string, provider: Provider, set: string): Labelled {
  return { ip: sample(prefix)!, country, provider, set, heldOut: isHeldOut({ provider }) };
}

function cloudLabelled(): Labelled[] {
  const out: Labelled[] = [];
  type AwsPrefix = { ip_prefix?: string; ipv6_prefix?: string; region: string; service: string; network_border_group: string };
  const aws = JSON.parse(read('ip/cloud-regions/aws-ip-ranges.json')) as { prefixes: AwsPrefix[]; ipv6_prefixes: AwsPrefix[] };
  const ec2 = [...aws.prefixes, ...aws.ipv6_prefixes].filter((p) => p.service === 'EC2' && p.network_border_group === p.region && awsBorderGroupCountry(p.region));
  for (const p of every(ec2, 4000)) out.push(cloudLabel((p.ip_prefix ?? p.ipv6_prefix)!, awsBorderGroupCountry(p.region)!, 'aws', 'cloud: AWS EC2 regions'));
  const gcp = JSON.parse(read('ip/cloud-regions/google-cloud-ip-ranges.json')) as { prefixes: { ipv4Prefix?: string; ipv6Prefix?: string; scope: string }[] };
  for (const p of gcp.prefixes) {
    const cc = gcpRegionCountry(p.scope);
    if (cc) out.push(cloudLabel((p.ipv4Prefix ?? p.ipv6Prefix)!, cc, 'google-cloud', 'cloud: Google Cloud regions'));
  }
  type AzureTag = { name: string; properties: { region: string; addressPrefixes: string[] } };
  const azure = (JSON.parse(read('ip/cloud-regions/microsoft-azure-ip-ranges.json')) as { values: AzureTag[] }).values
    .filter((t) => t.name.startsWith('AzureCloud.') && azureRegionCountry(t.properties.region))
    .flatMap((t) => t.properties.addressPrefixes.map((p) => [p, azureRegionCountry(t.properties.region)!] as const));
  for (const [p, cc] of every(azure, 3000)) out.push(cloudLabel(p, cc, 'azure', 'cloud: Azure regions'));
  type OracleRegion = { region: string; cidrs: { cidr: string }[] };
  const oracle = (JSON.parse(read('ip/cloud-regions/oracle-cloud-ip-ranges.json')) as { regions: OracleRegion[] }).regions
    .filter((r) => oracleRegionCountry(r.region)).flatMap((r) => r.cidrs.map((c) => [c.cidr, oracleRegionCountry(r.region)!] as const));
  for (const [p, cc] of oracle) out.push(cloudLabel(p, cc, 'oracle-cloud', 'cloud: Oracle Cloud regions'));
  for (const [file, provider, set] of [['ip/cloud-regions/digitalocean.csv', 'digitalocean', 'cloud: DigitalOcean geofeed'], ['ip/cloud-regions/linode.txt', 'linode', 'cloud: Linode geofeed']] as const) {
    const rows = cidrLines(file).map((l) => l.split(',').map((x) => x.trim())).filter((r) => /^[A-Z]{2}$/.test(r[1] ?? ''));
    for (const r of every(rows, 2000)) out.push(cloudLabel(r[0]!, r[1]!, provider, set));
  }
  const cloudfront = aws.prefixes.filter((p) => p.service === 'CLOUDFRONT');
  for (const p of cloudfront) out.push(hiding(p.ip_prefix!, 'CDN: CloudFront'));
  return out;
}

function hiding(cidrOrIp: string, set: string): Labelled {
  return { ip: sample(cidrOrIp)!, obscured: true, set, heldOut: isHeldOut({ hidingSet: set }) };
}

function hidingLabelled(): Labelled[] {
  const out: Labelled[] = [];
  const tor = read('ip/tor-onionoo/latest.exits.csv').trim().split('\n').slice(1).map((r) => r.split(',')[1]!.trim());
  for (const ip of new Set(tor)) out.push(hiding(ip, 'Tor exits'));
  for (const [f, name] of [['mullvadvpn', 'Mullvad'], ['pia', 'PIA'], ['protonvpn', 'ProtonVPN']]) {
    for (const c of every(cidrLines(`ip/x4bnet-vpn-datacenter/input/vpn/ips/${f}.txt`), 1000)) out.push(hiding(c, `VPN servers: ${name}`));
  }
  for (const c of every(cidrLines('ip/provider-ranges-lord-alfred/apple-proxy/ipv4_merged.txt'), 1000)) out.push(hiding(c, 'iCloud Private Relay'));
  for (const c of cidrLines('ip/provider-ranges-lord-alfred/cloudflare/ipv4_merged.txt').concat(cidrLines('ip/provider-ranges-lord-alfred/cloudflare/ipv6_merged.txt'))) out.push(hiding(c, 'CDN: Cloudflare'));
  return out;
}

/** Every labelled address of the evaluation, in a fixed order. */
export function labelled(): Labelled[] {
  return [
    ...registryByAddress(20_000),
    ...registryByBlock(REGISTRY_V4, 15_000, 'registry v4, per block'),
    ...registryByBlock(REGISTRY_V6, 4_000, 'registry v6, per block'),
    ...cloudLabelled(),
    ...hidingLabelled(),
  ];
}
