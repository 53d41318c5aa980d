/**
 * `npm run eval:geo` (and the geo section of `npm run eval`): how right `vigie geo` is, on
 * labelled addresses from sources other than the two geolocation databases it reads.
 *
 * Labelled sets and what each label really claims:
 * - registry delegations (ipverse, from the five RIRs' statistics): the country of the
 *   *registrant* of a block. The main ground truth for `domestic`/`foreign`, drawn two ways:
 *   uniformly over delegated IPv4 addresses (the headline: the goal is per address, and
 *   one address per block would weigh a leased /24 like a national ISP's /10), and one address
 *   per delegation row (reported too, it is the harder set). IPv6: one address per row.
 * - cloud regions (AWS, Google Cloud, DigitalOcean and Linode geofeeds): where the servers are.
 *   They are hosting, so `obscured`; their rows measure the reported `country` field.
 * - Tor exits, VPN servers, iCloud Private Relay, CloudFront and Cloudflare: must be `obscured`.
 *
 * "Attributable" means the verdict is `domestic` or `foreign`. Registry labels are set aside,
 * counted, and scored separately (never silently dropped) when the registrant is demonstrably
 * not where the block is used, judged without either geolocation database, from the registry
 * list and the routing table only:
 * - moved: the block is announced by a network whose own blocks are registered (>= 80% of its
 *   addresses) in another country: leased or transferred, and used where that network runs;
 * - multinational: the announcing network has no home country (< 80% in any one): transit
 *   carriers, clouds and address brokers, whose registrations say nothing of one block's use;
 * - unrouted: no network announces the block, so no traffic can come from it.
 * The attributor itself reads the registry list, so on registry labels it is not blind: the
 * rows say so, and the per-database figures beside them are the comparison that is fair.
 */
import { mkdirSync, readFileSync, realpathSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Attribution } from '../src/core/index.js';
import { AS_HOME_MIN_SHARE } from '../src/geo/as-country.js';
import { GeoAttributor } from '../src/geo/index.js';
import { ipv4ToNumber, ipv6ToWords, parseCidr } from '../src/geo/ip-words.js';
import { corpus } from '../src/testing/corpora.js';
import type { EvalRow, EvalSection } from './eval/types.js';

/** One labelled address: its set, and either a country or the expectation `obscured`. */
interface Labelled { ip: string; set: string; country?: string; obscured?: boolean }

// AWS and GCP region → country, from the providers' region pages.
const AWS: Record<string, string> = {
  'af-south-1': 'ZA', 'ap-east-1': 'HK', 'ap-east-2': 'TW', 'ap-northeast-1': 'JP', 'ap-northeast-2': 'KR', 'ap-northeast-3': 'JP',
  'ap-south-1': 'IN', 'ap-south-2': 'IN', 'ap-southeast-1': 'SG', 'ap-southeast-2': 'AU', 'ap-southeast-3': 'ID', 'ap-southeast-4': 'AU',
  'ap-southeast-5': 'MY', 'ap-southeast-6': 'NZ', 'ap-southeast-7': 'TH', 'ca-central-1': 'CA', 'ca-west-1': 'CA', 'cn-north-1': 'CN',
  'cn-northwest-1': 'CN', 'eu-central-1': 'DE', 'eu-central-2': 'CH', 'eu-north-1': 'SE', 'eu-south-1': 'IT', 'eu-south-2': 'ES',
  'eu-west-1': 'IE', 'eu-west-2': 'GB', 'eu-west-3': 'FR', 'eusc-de-east-1': 'DE', 'il-central-1': 'IL', 'me-central-1': 'AE',
  'me-south-1': 'BH', 'mx-central-1': 'MX', 'sa-east-1': 'BR', 'us-east-1': 'US', 'us-east-2': 'US', 'us-gov-east-1': 'US',
  'us-gov-west-1': 'US', 'us-west-1': 'US', 'us-west-2': 'US',
};
const GCP: Record<string, string> = {
  'africa-south1': 'ZA', 'asia-east1': 'TW', 'asia-east2': 'HK', 'asia-northeast1': 'JP', 'asia-northeast2': 'JP', 'asia-northeast3': 'KR',
  'asia-south1': 'IN', 'asia-south2': 'IN', 'asia-southeast1': 'SG', 'asia-southeast2': 'ID', 'australia-southeast1': 'AU',
  'australia-southeast2': 'AU', 'europe-central2': 'PL', 'europe-north1': 'FI', 'europe-north2': 'SE', 'europe-southwest1': 'ES',
  'europe-west1': 'BE', 'europe-west10': 'DE', 'europe-west12': 'IT', 'europe-west2': 'GB', 'europe-west3': 'DE', 'europe-west4': 'NL',
  'europe-west6': 'CH', 'europe-west8': 'IT', 'europe-west9': 'FR', 'me-central1': 'QA', 'me-central2': 'SA', 'me-west1': 'IL',
  'northamerica-northeast1': 'CA', 'northamerica-northeast2': 'CA', 'northamerica-south1': 'MX', 'southamerica-east1': 'BR',
  'southamerica-west1': 'CL', 'us-central1': 'US', 'us-east1': 'US', 'us-east4': 'US', 'us-east5': 'US', 'us-south1': 'US',
  'us-west1': 'US', 'us-west2': 'US', 'us-west3': 'US', 'us-west4': 'US',
};

/** The second address of a block (the first is often a network address), as text. */
function sample(cidr: string): string | null {
  const c = parseCidr(cidr);
  if (!c) return null;
  if (c.family === 4) {
    const n = c.start === c.end ? c.start : c.start + 1;
    return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
  }
  const w = Uint32Array.from(c.start);
  if (w[3] !== c.end[3]) w[3] = w[3]! + 1;
  return [...w].flatMap((x) => [(x >>> 16).toString(16), (x & 0xffff).toString(16)]).join(':');
}

const read = (p: string): string => readFileSync(corpus(p), 'utf8');
const cidrLines = (p: string): string[] => read(p).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));
const every = <T>(xs: T[], max: number): T[] => xs.filter((_, i) => i % Math.max(1, Math.ceil(xs.length / max)) === 0);
const v4Text = (n: number): string => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

/** mulberry32: a fixed seed, so every run draws the same addresses. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const REGISTRY_V4 = 'ip/rir-country-ipverse/rir-country-ipv4.csv';
const REGISTRY_V6 = 'ip/rir-country-ipverse/rir-country-ipv6.csv';

/** `count` addresses drawn uniformly over all delegated IPv4 space, each labelled with its block's country. */
function registryByAddress(count: number): Labelled[] {
  const blocks = cidrLines(REGISTRY_V4).slice(1).map((row) => {
    const [cidr, country] = row.split(',');
    const c = parseCidr(cidr!) as { start: number; end: number };
    return { start: c.start, size: c.end - c.start + 1, country: country! };
  });
  const ends: number[] = [];
  let total = 0;
  for (const b of blocks) ends.push((total += b.size));
  const rnd = random(2026);
  const out: Labelled[] = [];
  for (let i = 0; i < count; i++) {
    const x = Math.floor(rnd() * total);
    let lo = 0;
    let hi = ends.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (ends[mid]! > x) hi = mid;
      else lo = mid + 1;
    }
    const b = blocks[lo]!;
    out.push({ ip: v4Text(b.start + x - (ends[lo]! - b.size)), country: b.country, set: 'registry v4, per address' });
  }
  return out;
}

/** One address per delegation row (IPv4 or IPv6), every k-th row. */
function registryByBlock(file: string, count: number, set: string): Labelled[] {
  return every(cidrLines(file).slice(1), count).map((row) => {
    const [cidr, country] = row.split(',');
    return { ip: sample(cidr!)!, country: country!, set };
  });
}

function cloudLabelled(): Labelled[] {
  const out: Labelled[] = [];
  type AwsPrefix = { ip_prefix?: string; ipv6_prefix?: string; region: string; service: string; network_border_group: string };
  const aws = JSON.parse(read('ip/cloud-regions/aws-ip-ranges.json')) as { prefixes: AwsPrefix[]; ipv6_prefixes: AwsPrefix[] };
  // Only EC2 in its region's own border group: Local Zones (us-east-1-lim-1 is Lima) and anycast are out.
  const ec2 = [...aws.prefixes, ...aws.ipv6_prefixes].filter((p) => p.service === 'EC2' && AWS[p.region] && p.network_border_group === p.region);
  for (const p of every(ec2, 4000)) out.push({ ip: sample((p.ip_prefix ?? p.ipv6_prefix)!)!, country: AWS[p.region], set: 'cloud: AWS EC2 regions' });
  const gcp = JSON.parse(read('ip/cloud-regions/google-cloud-ip-ranges.json')) as { prefixes: { ipv4Prefix?: string; ipv6Prefix?: string; scope: string }[] };
  for (const p of gcp.prefixes) if (GCP[p.scope]) out.push({ ip: sample((p.ipv4Prefix ?? p.ipv6Prefix)!)!, country: GCP[p.scope], set: 'cloud: Google Cloud regions' });
  for (const [file, set] of [['ip/cloud-regions/digitalocean.csv', 'cloud: DigitalOcean geofeed'], ['ip/cloud-regions/linode.txt', 'cloud: Linode geofeed']] as const) {
    const rows = cidrLines(file).map((l) => l.split(',').map((x) => x.trim())).filter((r) => /^[A-Z]{2}$/.test(r[1] ?? ''));
    for (const r of every(rows, 2000)) out.push({ ip: sample(r[0]!)!, country: r[1], set });
  }
  const cloudfront = aws.prefixes.filter((p) => p.service === 'CLOUDFRONT');
  for (const p of cloudfront) out.push({ ip: sample(p.ip_prefix!)!, obscured: true, set: 'CDN: CloudFront' });
  return out;
}

function hidingLabelled(): Labelled[] {
  const out: Labelled[] = [];
  const tor = read('ip/tor-onionoo/latest.exits.csv').trim().split('\n').slice(1).map((r) => r.split(',')[1]!.trim());
  for (const ip of new Set(tor)) out.push({ ip, obscured: true, set: 'Tor exits' });
  for (const f of ['mullvadvpn', 'pia', 'protonvpn']) for (const c of every(cidrLines(`ip/x4bnet-vpn-datacenter/input/vpn/ips/${f}.txt`), 1000)) out.push({ ip: sample(c)!, obscured: true, set: 'VPN servers' });
  for (const c of every(cidrLines('ip/provider-ranges-lord-alfred/apple-proxy/ipv4_merged.txt'), 1000)) out.push({ ip: sample(c)!, obscured: true, set: 'iCloud Private Relay' });
  for (const c of cidrLines('ip/provider-ranges-lord-alfred/cloudflare/ipv4_merged.txt').concat(cidrLines('ip/provider-ranges-lord-alfred/cloudflare/ipv6_merged.txt'))) out.push({ ip: sample(c)!, obscured: true, set: 'CDN: Cloudflare' });
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

type Doubt = 'moved' | 'multinational' | 'unrouted';

/** Why a registry label does not say where the address is used, from the registry and routing table only; null when it stands. */
function labelDoubt(geo: GeoAttributor, ip: string, country: string): Doubt | null {
  const table = geo.data.asn()?.value;
  const words = new Uint32Array(4);
  const asn = !table ? null : ip.includes(':') ? (ipv6ToWords(ip, words) ? table.lookupV6(words) : null) : table.lookupV4(ipv4ToNumber(ip));
  if (!asn) return 'unrouted';
  const home = geo.data.asHome(asn.asn);
  // An IPv6-only network has no IPv4 home to compare with: its label stands.
  if (!home) return null;
  if (home.share < AS_HOME_MIN_SHARE) return 'multinational';
  return home.country === country ? null : 'moved';
}

/** Counts for one group of labelled addresses. */
class Tally {
  n = 0; attributable = 0; right = 0; whoisN = 0; whoisRight = 0; dbipN = 0; dbipRight = 0; obscured = 0; foreign = 0; foreignAsDomestic = 0;

  add(l: Labelled, a: Attribution, whois: string | null, dbip: string | null, countReported: boolean): void {
    this.n++;
    if (a.verdict === 'obscured') this.obscured++;
    if (!l.country) return;
    if (l.country !== HOME) {
      this.foreign++;
      if (a.verdict === 'domestic') this.foreignAsDomestic++;
    }
    const scored = countReported ? a.country !== null : a.verdict === 'domestic' || a.verdict === 'foreign';
    if (!scored) return;
    this.attributable++;
    if (a.country === l.country) this.right++;
    if (whois) { this.whoisN++; if (whois === l.country) this.whoisRight++; }
    if (dbip) { this.dbipN++; if (dbip === l.country) this.dbipRight++; }
  }
}

const HOME = 'CA';
const pct = (hits: number, total: number): number => (total === 0 ? 0 : Math.round((10_000 * hits) / total) / 100);

function row(dataset: string, metric: string, total: number, hits: number, goal: string, met: boolean, extra: Partial<EvalRow> = {}): EvalRow {
  return { dataset: `ip-labelled/${dataset}`, metric, total, hits, value_pct: pct(hits, total), goal, met, ...extra };
}

function accuracyRow(set: string, metric: string, t: Tally, goalPct: number | null, detail?: string): EvalRow {
  const value = pct(t.right, t.attributable);
  return row(set, metric, t.attributable, t.right, goalPct === null ? 'report' : `>= ${goalPct}%`, goalPct === null || value >= goalPct, {
    peer: `same addresses, one database alone: geo-whois-asn ${pct(t.whoisRight, t.whoisN)}%, DB-IP ${pct(t.dbipRight, t.dbipN)}%`,
    ...(detail ? { detail } : {}),
  });
}

/** Lookups per second on `ips` through a fresh attributor: first sight (no cache), then cached. */
function speed(ips: string[]): { uncached: number; cached: number } {
  // The pipeline's cache at its default size (100,000 addresses), as `web analyze` uses it.
  const geo = new GeoAttributor({ dataDir: null, home: HOME });
  geo.attribute('24.48.0.1');
  geo.attribute('2607:f8b0:4005::1');
  geo.data.asHome(577);
  const rate = (rounds: number): number => {
    const t0 = process.hrtime.bigint();
    for (let r = 0; r < rounds; r++) for (const ip of ips) geo.attribute(ip);
    return (rounds * ips.length) / (Number(process.hrtime.bigint() - t0) / 1e9);
  };
  return { uncached: rate(1), cached: rate(50) };
}

/**
 * The geo section of `npm run eval`: country accuracy, foreign addresses called domestic,
 * obscured share of hiding networks, and lookup speed, per labelled set.
 */
export async function evalGeo(): Promise<EvalSection> {
  const geo = new GeoAttributor({ dataDir: null, home: HOME });
  const sets = new Map<string, { all: Tally; kept: Tally; doubts: Map<Doubt, Tally> }>();
  const all = labelled();
  for (const l of all) {
    const a = geo.attribute(l.ip);
    const family = l.ip.includes(':') ? 6 : 4;
    const whois = geo.data.whois(family)?.value.get(l.ip)?.country_code || null;
    const dbip = geo.data.dbip(family)?.value.get(l.ip)?.country_code || null;
    const s = sets.get(l.set) ?? { all: new Tally(), kept: new Tally(), doubts: new Map() };
    sets.set(l.set, s);
    const isCloud = l.set.startsWith('cloud');
    s.all.add(l, a, whois, dbip, isCloud);
    const doubt = l.set.startsWith('registry') && l.country ? labelDoubt(geo, l.ip, l.country) : null;
    if (doubt) {
      const t = s.doubts.get(doubt) ?? new Tally();
      s.doubts.set(doubt, t);
      t.add(l, a, whois, dbip, false);
    } else {
      s.kept.add(l, a, whois, dbip, isCloud);
      // GEO_EVAL_MISSES=1 lists each wrong attributable answer on an undisputed label, to read one by one.
      if (process.env.GEO_EVAL_MISSES && l.country && a.country !== l.country && (a.verdict === 'domestic' || a.verdict === 'foreign')) {
        console.log([l.set, l.ip, l.country, whois, dbip, a.country, a.verdict, a.network, a.asn, a.org].join('\t'));
      }
    }
  }
  return { name: 'geo', rows: rowsOf(sets, speed(all.slice(0, 20_000).map((l) => l.ip))) };
}

type SetTallies = Map<string, { all: Tally; kept: Tally; doubts: Map<Doubt, Tally> }>;

const DOUBT_WORDS: Record<Doubt, string> = {
  moved: 'block announced by a network based in another country (leased or moved)',
  multinational: 'block announced by a network with no home country (carrier, cloud, broker)',
  unrouted: 'block announced by no network (nothing can come from it)',
};

function registryRows(set: string, s: { all: Tally; kept: Tally; doubts: Map<Doubt, Tally> }): EvalRow[] {
  const aside = [...s.doubts].map(([d, t]) => `${d} ${t.n}`).join(', ');
  const rows = [
    accuracyRow(set, 'country accuracy, attributable, undisputed labels', s.kept, 99,
      `${s.kept.n} of ${s.all.n} labels stand; set aside: ${aside || 'none'}; the attributor reads the same registry list (see peer for the databases alone)`),
    accuracyRow(set, 'country accuracy, attributable, all labels', s.all, null),
  ];
  for (const [d, t] of s.doubts) rows.push(accuracyRow(set, `country accuracy, attributable, set aside: ${d}`, t, null, DOUBT_WORDS[d]));
  return rows;
}

function rowsOf(sets: SetTallies, rates: { uncached: number; cached: number }): EvalRow[] {
  const rows: EvalRow[] = [];
  const fAll = new Tally();
  const fKept = new Tally();
  const hiding = new Tally();
  for (const [set, s] of sets) {
    if (set.startsWith('registry')) rows.push(...registryRows(set, s));
    else if (set.startsWith('cloud')) rows.push(accuracyRow(set, 'reported country (hosting, so obscured)', s.all, null));
    else {
      rows.push(row(set, 'obscured', s.all.n, s.all.obscured, '>= 98%', pct(s.all.obscured, s.all.n) >= 98));
      hiding.n += s.all.n;
      hiding.obscured += s.all.obscured;
    }
    fAll.foreign += s.all.foreign;
    fAll.foreignAsDomestic += s.all.foreignAsDomestic;
    fKept.foreign += s.kept.foreign;
    fKept.foreignAsDomestic += s.kept.foreignAsDomestic;
  }
  rows.push(
    row('all', 'obscured: Tor, VPN, relay, CDN', hiding.n, hiding.obscured, '>= 98%', pct(hiding.obscured, hiding.n) >= 98),
    row('all', 'foreign called domestic, undisputed labels', fKept.foreign, fKept.foreignAsDomestic, '0', fKept.foreignAsDomestic === 0),
    row('all', 'foreign called domestic, all labels', fAll.foreign, fAll.foreignAsDomestic, 'report', true,
      { detail: 'includes registry labels set aside as moved/multinational/unrouted: there the databases and the announcing network may rightly say home' }),
    row('speed', 'lookups/s, cached (hits = lookups/s, total = goal)', 1_000_000, Math.round(rates.cached), '>= 100%', rates.cached >= 1_000_000),
    row('speed', 'lookups/s, first sight (hits = lookups/s)', 1_000_000, Math.round(rates.uncached), 'report', true),
  );
  return rows;
}

async function main(): Promise<void> {
  const { evalTable } = await import('./eval/table.js');
  const section = await evalGeo();
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/geo-eval.json', JSON.stringify(section, null, 2) + '\n');
  console.log(evalTable([section]));
  console.log('\nIP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0.');
}

if (process.argv[1] && fileURLToPath(import.meta.url) === realpathSync(process.argv[1])) {
  main().catch((err: unknown) => {
    console.error(err);
    process.exitCode = 1;
  });
}
