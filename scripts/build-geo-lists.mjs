#!/usr/bin/env node
// Regenerates data/geo/lists/ from the IP corpora (../shared/corpora/ip, or $VIGIE_CORPORA/ip):
// one CIDR per line per network type, sorted and deduplicated, so a rerun on the same snapshot
// gives identical files. Only sources whose licence allows shipping are used (MIT, CC0);
// cloud-regions has no licence and is never copied: users install those files with `vigie geo update`.
// Usage: node scripts/build-geo-lists.mjs
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

const corpora = resolve(process.env.VIGIE_CORPORA ?? resolve(process.cwd(), '../shared/corpora'), 'ip');
const out = resolve(process.cwd(), 'data/geo/lists');

const SOURCES = {
  tor: { repo: 'https://github.com/alireza-rezaee/tor-nodes', commit: '47d10e9b196487735fecfcdb2a77cd85fbfb91ec', date: '2026-08-22', licence: 'MIT (Copyright (c) 2024 Alireza-Rezaee); data from the Tor Project\'s Onionoo', licenceFile: 'tor-onionoo/LICENSE' },
  x4b: { repo: 'https://github.com/X4BNet/lists_vpn', commit: '167937a76d424a1a176eccda7d929e40cedd6b40', date: '2026-08-22', licence: 'MIT (Copyright (c) 2024 X4B (Mathew Heard))', licenceFile: null },
  alfred: { repo: 'https://github.com/lord-alfred/ipranges', commit: '14dd971b18758c856dd47b2fc51c9376d2413c6a', date: '2026-08-22', licence: 'CC0-1.0', licenceFile: null },
  ipverse: { repo: 'https://github.com/ipverse/rir-ip (now ipverse/country-ip-blocks)', commit: '6745bab5f3983019124c8df375c6d5d2b54fed8e', date: '2026-02-01', licence: 'CC0-1.0', licenceFile: null },
};

const alfred = (p) => [`provider-ranges-lord-alfred/${p}/ipv4_merged.txt`, `provider-ranges-lord-alfred/${p}/ipv6_merged.txt`];
const HOSTING_PROVIDERS = ['amazon', 'bing', 'digitalocean', 'duckassistbot', 'duckduckbot', 'facebook', 'github', 'google', 'googlebot', 'linode', 'microsoft', 'openai', 'oracle', 'perplexity', 'pingdom', 'statuscake', 'telegram', 'twitter', 'vultr'];

/** Each list: what it holds, which sources, which files. */
const LISTS = [
  { file: 'tor-exits.txt', what: 'Tor relays with the Exit flag (OR addresses)', sources: ['tor'], read: () => torExits() },
  { file: 'vpn.txt', what: 'VPN provider ranges', sources: ['x4b', 'alfred'], read: () => cidrs(['x4bnet-vpn-datacenter/output/vpn/ipv4.txt', 'x4bnet-vpn-datacenter/output/vpn/ipv6.txt', 'x4bnet-vpn-datacenter/input/vpn/ips/mullvadvpn.txt', 'x4bnet-vpn-datacenter/input/vpn/ips/pia.txt', 'x4bnet-vpn-datacenter/input/vpn/ips/protonvpn.txt', 'x4bnet-vpn-datacenter/input/datacenter/ips/protonvpn.txt', ...alfred('protonvpn')]) },
  { file: 'relay.txt', what: 'iCloud Private Relay egress ranges', sources: ['alfred', 'x4b'], read: () => cidrs([...alfred('apple-proxy'), 'x4bnet-vpn-datacenter/input/vpn/ips/apple.txt']) },
  { file: 'cdn.txt', what: 'CDN ranges (Cloudflare)', sources: ['alfred'], read: () => cidrs(alfred('cloudflare')) },
  { file: 'hosting.txt', what: `datacenter and cloud ranges (X4BNet datacenter list; published ranges of ${HOSTING_PROVIDERS.join(', ')})`, sources: ['x4b', 'alfred'], read: () => cidrs(['x4bnet-vpn-datacenter/output/datacenter/ipv4.txt', 'x4bnet-vpn-datacenter/output/datacenter/ipv6.txt', ...HOSTING_PROVIDERS.flatMap(alfred)]) },
  { file: 'vpn-asn.txt', what: 'VPN autonomous systems (number, tab, name)', sources: ['x4b'], read: () => asns('x4bnet-vpn-datacenter/input/vpn/ASN.txt') },
  { file: 'hosting-asn.txt', what: 'hosting autonomous systems (number, tab, name)', sources: ['x4b'], read: () => asns('x4bnet-vpn-datacenter/input/datacenter/ASN.txt') },
  { file: 'registry-country.csv', what: 'registry (RIR) country of each delegated block, cidr,country; a block absent here is not delegated', sources: ['ipverse'], read: () => registry() },
];

function lines(path) {
  try {
    return readFileSync(join(corpora, path), 'utf8').split(/\r?\n/).map((l) => l.trim()).filter((l) => l !== '' && !l.startsWith('#'));
  } catch (err) {
    if (err.code === 'ENOENT' && path.startsWith('provider-ranges-lord-alfred/') && path.endsWith('ipv6_merged.txt')) return [];
    throw err;
  }
}

const CIDR = /^(?:\d{1,3}(?:\.\d{1,3}){3}|[0-9a-fA-F:.]*:[0-9a-fA-F:.]*)(?:\/\d{1,3})?$/;

function cidrs(paths) {
  return paths.flatMap(lines).map((l) => {
    if (!CIDR.test(l)) throw new Error(`not a CIDR: '${l}'`);
    return l.toLowerCase();
  });
}

function torExits() {
  return lines('tor-onionoo/latest.exits.csv').slice(1).map((l) => l.split(',')[1].trim().toLowerCase());
}

function asns(path) {
  return lines(path).map((l) => {
    const m = /^AS(\d+)\s*(?:#\s*(.*))?$/i.exec(l);
    if (!m) throw new Error(`${path}: not an ASN line: '${l}'`);
    return `${m[1]}\t${(m[2] ?? '').trim()}`;
  });
}

function registry() {
  return ['rir-country-ipverse/rir-country-ipv4.csv', 'rir-country-ipverse/rir-country-ipv6.csv'].flatMap((p) => lines(p).slice(1)).map((l) => {
    if (!/^[0-9a-fA-F:.]+\/\d{1,3},[A-Z]{2}$/.test(l)) throw new Error(`registry: bad row '${l}'`);
    return l.toLowerCase().replace(/,(..)$/, (_, cc) => `,${cc.toUpperCase()}`);
  });
}

// A byte-order sort: locale-independent, so every machine writes the same file.
const byBytes = (a, b) => (a < b ? -1 : a > b ? 1 : 0);

mkdirSync(out, { recursive: true });
for (const list of LISTS) {
  const rows = [...new Set(list.read())].sort(byBytes);
  const dates = list.sources.map((s) => SOURCES[s].date).sort(byBytes);
  const header = [`# vigie geo list ${list.file}: ${list.what}`, `# date: ${dates[0]}`, `# source: ${list.sources.map((s) => `${SOURCES[s].repo}@${SOURCES[s].commit.slice(0, 12)}`).join(', ')}`];
  writeFileSync(join(out, list.file), header.join('\n') + '\n' + rows.join('\n') + '\n');
  console.log(`${list.file}: ${rows.length} rows`);
}

const mit = readFileSync(join(corpora, 'tor-onionoo/LICENSE'), 'utf8').replace(/^Copyright.*$/m, '').trim();
const notice = [
  '# Network lists: sources and licences',
  '',
  'Generated by `scripts/build-geo-lists.mjs` from snapshots of the repositories below. Each list file starts',
  'with `# date:` (the oldest source date), which `vigie geo` uses for its freshness warning.',
  '',
  '| list | source repository | commit | licence | data date |',
  '|---|---|---|---|---|',
  ...LISTS.flatMap((l) => l.sources.map((s) => `| ${l.file} | ${SOURCES[s].repo} | ${SOURCES[s].commit} | ${SOURCES[s].licence} | ${SOURCES[s].date} |`)),
  '',
  'Not shipped: the cloud providers\' region files and RFC 8805 geofeeds (AWS ip-ranges.json, Google Cloud cloud.json,',
  'Azure ServiceTags_Public_*.json, Oracle public_ip_ranges.json, DigitalOcean\'s and Linode\'s geofeeds), which their',
  'publishers give no licence for. vigie reads them first for the blocks they cover once a user has downloaded them from',
  'the providers and run `vigie geo update --from DIR` (see README.md).',
  '',
  '## MIT licence (tor-nodes: Copyright (c) 2024 Alireza-Rezaee; lists_vpn: Copyright (c) 2024 X4B (Mathew Heard))',
  '',
  mit,
  '',
  '## CC0-1.0 (lord-alfred/ipranges, ipverse)',
  '',
  'Dedicated to the public domain under Creative Commons CC0 1.0 Universal; no attribution required.',
  '',
];
writeFileSync(join(out, 'NOTICE.md'), notice.join('\n'));
