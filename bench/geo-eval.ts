/**
 * `npm run eval:geo`: how right `vigie geo` is, on labelled addresses from sources other than
 * the databases it reads: cloud providers' published ranges with their regions (region →
 * country), registry delegations, Tor exits and VPN/relay/CDN ranges. Prints the figures and
 * writes them to bench/out/geo-eval.json.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { GeoAttributor } from '../src/geo/index.js';
import { parseCidr } from '../src/geo/ip-words.js';
import { corpus } from '../src/testing/corpora.js';

interface Labelled { ip: string; country?: string; obscured?: boolean; set: string }

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

const every = <T>(xs: T[], max: number): T[] => xs.filter((_, i) => i % Math.max(1, Math.ceil(xs.length / max)) === 0);
const read = (p: string): string => readFileSync(corpus(p), 'utf8');
const cidrLines = (p: string): string[] => read(p).split('\n').map((l) => l.trim()).filter((l) => l && !l.startsWith('#'));

function labelled(): Labelled[] {
  const out: Labelled[] = [];
  const aws = JSON.parse(read('ip/cloud-regions/aws-ip-ranges.json')) as { prefixes: { ip_prefix: string; region: string; service: string; network_border_group: string }[]; ipv6_prefixes: { ipv6_prefix: string; region: string; service: string; network_border_group: string }[] };
  const awsRows = [...aws.prefixes.map((p) => ({ ...p, cidr: p.ip_prefix })), ...aws.ipv6_prefixes.map((p) => ({ ...p, cidr: p.ipv6_prefix }))]
    .filter((p) => p.service === 'EC2' && AWS[p.region] && p.network_border_group === p.region);
  for (const p of every(awsRows, 4000)) out.push({ ip: sample(p.cidr)!, country: AWS[p.region], obscured: true, set: 'cloud: AWS EC2 regions' });
  const gcp = JSON.parse(read('ip/cloud-regions/google-cloud-ip-ranges.json')) as { prefixes: { ipv4Prefix?: string; ipv6Prefix?: string; scope: string }[] };
  for (const p of gcp.prefixes) if (GCP[p.scope]) out.push({ ip: sample((p.ipv4Prefix ?? p.ipv6Prefix)!)!, country: GCP[p.scope], obscured: true, set: 'cloud: Google Cloud regions' });
  for (const [file, set] of [['ip/cloud-regions/digitalocean.csv', 'cloud: DigitalOcean geofeed'], ['ip/cloud-regions/linode.txt', 'cloud: Linode geofeed']] as const) {
    const rows = cidrLines(file).map((l) => l.split(',').map((x) => x.trim())).filter((r) => /^[A-Z]{2}$/.test(r[1] ?? ''));
    for (const r of every(rows, 2000)) out.push({ ip: sample(r[0]!)!, country: r[1], obscured: true, set });
  }
  const registry = cidrLines('ip/rir-country-ipverse/rir-country-ipv4.csv').slice(1).concat(cidrLines('ip/rir-country-ipverse/rir-country-ipv6.csv').slice(1));
  for (const row of every(registry, 20000)) {
    const [cidr, cc] = row.split(',');
    out.push({ ip: sample(cidr!)!, country: cc, set: 'registry delegations' });
  }
  const tor = read('ip/tor-onionoo/latest.exits.csv').trim().split('\n').slice(1).map((r) => r.split(',')[1]!.trim());
  for (const ip of new Set(tor)) out.push({ ip, obscured: true, set: 'Tor exits' });
  for (const f of ['mullvadvpn', 'pia', 'protonvpn']) for (const c of every(cidrLines(`ip/x4bnet-vpn-datacenter/input/vpn/ips/${f}.txt`), 1000)) out.push({ ip: sample(c)!, obscured: true, set: 'VPN servers' });
  for (const c of every(cidrLines('ip/provider-ranges-lord-alfred/apple-proxy/ipv4_merged.txt'), 1000)) out.push({ ip: sample(c)!, obscured: true, set: 'iCloud Private Relay' });
  const cdn = awsRows.length === 0 ? [] : [...aws.prefixes.map((p) => ({ ...p, cidr: p.ip_prefix }))].filter((p) => p.service === 'CLOUDFRONT');
  for (const p of cdn) out.push({ ip: sample(p.cidr)!, obscured: true, set: 'CDN: CloudFront' });
  for (const c of cidrLines('ip/provider-ranges-lord-alfred/cloudflare/ipv4_merged.txt').concat(cidrLines('ip/provider-ranges-lord-alfred/cloudflare/ipv6_merged.txt'))) out.push({ ip: sample(c)!, obscured: true, set: 'CDN: Cloudflare' });
  return out;
}

const pct = (a: number, b: number): string => (b === 0 ? 'n/a' : `${((100 * a) / b).toFixed(2)}%`);

function main(): void {
  const geo = new GeoAttributor({ dataDir: null, home: 'CA' });
  const set = labelled();
  const bySet = new Map<string, { n: number; withCountry: number; right: number; obscured: number; foreignAsDomestic: number; unknown: number }>();
  let right = 0, attributable = 0, foreign = 0, foreignAsDomestic = 0, hiding = 0, hidingObscured = 0;
  const started = process.hrtime.bigint();
  for (const l of set) {
    const a = geo.attribute(l.ip);
    const s = bySet.get(l.set) ?? { n: 0, withCountry: 0, right: 0, obscured: 0, foreignAsDomestic: 0, unknown: 0 };
    s.n++;
    if (a.verdict === 'unknown') s.unknown++;
    if (a.verdict === 'obscured') s.obscured++;
    if (l.country && a.country) {
      attributable++;
      s.withCountry++;
      if (a.country === l.country) { right++; s.right++; }
    }
    if (l.country && l.country !== 'CA') {
      foreign++;
      if (a.verdict === 'domestic') { foreignAsDomestic++; s.foreignAsDomestic++; }
    }
    if (l.obscured && !l.set.startsWith('cloud')) {
      hiding++;
      if (a.verdict === 'obscured') hidingObscured++;
    }
    bySet.set(l.set, s);
  }
  const coldSecs = Number(process.hrtime.bigint() - started) / 1e9;
  const hot = set.slice(0, 10_000).map((l) => l.ip);
  const rounds = 100;
  const t0 = process.hrtime.bigint();
  for (let r = 0; r < rounds; r++) for (const ip of hot) geo.attribute(ip);
  const cachedPerSec = (rounds * hot.length) / (Number(process.hrtime.bigint() - t0) / 1e9);
  const result = {
    addresses: set.length,
    country_accuracy: { right, attributable, share: pct(right, attributable), goal: '>= 99%' },
    foreign_called_domestic: { count: foreignAsDomestic, of: foreign, goal: 0 },
    tor_vpn_relay_cdn_obscured: { count: hidingObscured, of: hiding, share: pct(hidingObscured, hiding), goal: '>= 98%' },
    lookups_per_sec_cached: Math.round(cachedPerSec),
    lookups_per_sec_uncached: Math.round(set.length / coldSecs),
    by_set: Object.fromEntries([...bySet].map(([k, s]) => [k, { ...s, country_accuracy: pct(s.right, s.withCountry), obscured_share: pct(s.obscured, s.n) }])),
  };
  mkdirSync('bench/out', { recursive: true });
  writeFileSync('bench/out/geo-eval.json', JSON.stringify(result, null, 2) + '\n');
  console.log(`vigie geo evaluation (${set.length} labelled addresses)`);
  console.log(`  country accuracy (attributable):   ${result.country_accuracy.share} (${right}/${attributable}; goal >= 99%)`);
  console.log(`  foreign called domestic:           ${foreignAsDomestic} of ${foreign} (goal 0)`);
  console.log(`  Tor/VPN/relay/CDN obscured:        ${result.tor_vpn_relay_cdn_obscured.share} (${hidingObscured}/${hiding}; goal >= 98%)`);
  console.log(`  lookups/s, cached:                 ${result.lookups_per_sec_cached.toLocaleString('en')} (goal >= 1,000,000)`);
  console.log(`  lookups/s, first sight:            ${result.lookups_per_sec_uncached.toLocaleString('en')}`);
  for (const [k, s] of Object.entries(result.by_set)) {
    console.log(`  ${k.padEnd(30)} n=${String(s.n).padStart(6)}  country ${s.country_accuracy.padStart(7)}  obscured ${s.obscured_share.padStart(7)}  unknown ${s.unknown}  foreign->domestic ${s.foreignAsDomestic}`);
  }
  console.log('IP Geolocation by DB-IP (https://db-ip.com), CC BY 4.0.');
}

main();
