import type { NetworkType } from '../core/index.js';
import type { AsnRecord } from './asn-table.js';
import type { ExtraListType } from './data-files.js';
import type { NetworkLists } from './geo-data.js';
import type { RangeIndex } from './range-index.js';

/** What the lists and the operator's name say about an address's network. */
export interface NetworkFinding {
  network: NetworkType;
  /** How sure the finding is, 0–1, before data age. */
  confidence: number;
  reason: string | null;
  /** Date of the list that decided it, for the age check; null for name heuristics. */
  listDate: string | null;
}

/** An address as the lookup has it: IPv4 number or IPv6 words. */
export type AddressKey = { family: 4; n: number } | { family: 6; words: Uint32Array };

const inList = (index: RangeIndex, key: AddressKey): boolean =>
  (key.family === 4 ? index.lookupV4(key.n) : index.lookupV6(key.words)) >= 0;

/**
 * Decide the network type. Lists first, most specific first: a Tor exit or a Private Relay
 * egress sits inside datacenter ranges too, and Cloudflare's CDN is also in the datacenter list.
 * Then hosting/VPN ASNs, then the operator's name.
 *
 * @example
 * classifyNetwork(lists, { family: 4, n: ipv4ToNumber('104.16.1.1') }, null).network // 'cdn'
 */
export function classifyNetwork(lists: NetworkLists, key: AddressKey, asn: AsnRecord | null): NetworkFinding {
  const hit = (network: NetworkType, confidence: number, what: string, date: string): NetworkFinding =>
    ({ network, confidence, reason: `${what} (list of ${date})`, listDate: date });
  // The shipped list of a type, then the lists installed beside it.
  const listed = (type: ExtraListType, network: NetworkType, confidence: number): NetworkFinding | null => {
    if (inList(lists[type].value, key)) return hit(network, confidence, LISTED[type].shipped, lists[type].date);
    const extra = lists.extra.find((l) => l.type === type && inList(l.value, key));
    return extra ? hit(network, confidence, `${LISTED[type].extra} in ${extra.name}`, extra.date) : null;
  };
  const listedFirst = listed('tor', 'tor', 0.95) ?? listed('relay', 'relay', 0.95) ?? listed('vpn', 'vpn', 0.9) ?? listed('cdn', 'cdn', 0.95);
  if (listedFirst) return listedFirst;
  if (asn) {
    const vpnName = lists.vpnAsn.value.get(asn.asn);
    if (vpnName !== undefined) return hit('vpn', 0.85, `network AS${asn.asn} is a VPN operator${vpnName ? ` (${vpnName})` : ''}`, lists.vpnAsn.date);
  }
  const cdnName = asn ? CDN_ASNS.get(asn.asn) : undefined;
  if (asn && cdnName) return { network: 'cdn', confidence: 0.85, reason: `network AS${asn.asn} is a CDN (${cdnName})`, listDate: null };
  const hosting = listed('hosting', 'hosting', 0.9);
  if (hosting) return hosting;
  if (asn) {
    const hostName = lists.hostingAsn.value.get(asn.asn);
    if (hostName !== undefined) return hit('hosting', 0.85, `network AS${asn.asn} is a hosting provider`, lists.hostingAsn.date);
    const kind = operatorKind(asn.org);
    if (kind === 'residential') {
      return { network: 'residential', confidence: 0.7, reason: `AS${asn.asn} (${asn.org}) looks like a consumer internet provider by its name (a guess)`, listDate: null };
    }
    if (kind === 'business') {
      return { network: 'business', confidence: 0.7, reason: `AS${asn.asn} (${asn.org}) looks like an organisation's own network by its name (a guess)`, listDate: null };
    }
  }
  return { network: 'unknown', confidence: 0.6, reason: null, listDate: null };
}

// What a hit in each list means, for the shipped list and for one a user installed beside it.
const LISTED: Record<ExtraListType, { shipped: string; extra: string }> = {
  tor: { shipped: 'Tor exit relay', extra: 'Tor exit relay' },
  relay: { shipped: 'iCloud Private Relay egress', extra: 'privacy relay egress' },
  vpn: { shipped: 'VPN provider range', extra: 'VPN server' },
  cdn: { shipped: 'CDN range (Cloudflare)', extra: 'CDN range' },
  hosting: { shipped: 'datacenter or cloud range', extra: 'datacenter or cloud range' },
};

// CDN and edge-proxy operators whose published ranges miss some blocks (1.1.1.0/24, WARP).
const CDN_ASNS = new Map<number, string>([
  [13335, 'Cloudflare'], [209242, 'Cloudflare'], [54113, 'Fastly'], [20940, 'Akamai'], [16625, 'Akamai'],
  [32787, 'Akamai'], [15133, 'Edgio'], [60068, 'CDN77'], [30081, 'CacheNetworks'],
]);

// Names of eyeball operators: national ISPs and words only access networks use. Transit words
// ("communications", "networks") are left out: Cogent or Level 3 would read as residential.
const RESIDENTIAL = new RegExp([
  'broadband', 'cable', 'cablevision', 'dsl', 'fib(?:re|er)', 'ftth', 'mobile', 'mobility', 'wireless', 'cellular',
  'telecom', 'telekom', 'telecommunications?', 'telefonica', 'telefónica', 'internet service', 'residential',
  // Canada
  'bell canada', 'bell mts', 'bell aliant', 'rogers', 'videotron', 'vidéotron', 'telus', 'shaw', 'cogeco', 'eastlink',
  'sasktel', 'tbaytel', 'xplornet', 'xplore', 'teksavvy', 'distributel', 'ebox', 'fizz', 'freedom mobile', 'novus',
  // elsewhere
  'comcast', 'charter', 'spectrum', 'verizon', 'at&t', 't-mobile', 'cox', 'frontier', 'centurylink', 'windstream',
  'vodafone', 'orange', 'free sas', 'bouygues', 'sfr', 'kpn', 'swisscom', 'proximus', 'virgin media', 'sky uk',
  'british telecommunications', 'telstra', 'optus', 'jio', 'airtel', 'chinanet', 'china unicom', 'rostelecom',
  'beeline', 'megafon', 'claro', 'vivo', 'movistar', 'viettel', 'vnpt', 'kddi', 'ntt docomo', 'softbank',
].map((w) => `\\b${w}\\b`).join('|'), 'i');

const BUSINESS = new RegExp([
  'universit(?:y|é|e|at|ät)', 'college', 'collège', 'school', 'école', 'academy', 'institute of technology',
  'hospital', 'health', 'santé', 'bank', 'banque', 'insurance', 'assurance', 'government', 'gouvernement',
  'ministry', 'ministère', 'municipality', 'city of', 'ville de', 'county', 'province of', 'state of',
  'department of', 'agency', 'research', 'recherche', 'laboratory', 'library',
].map((w) => `\\b${w}\\b`).join('|'), 'i');

/**
 * Guess from an operator's name whether it runs a consumer access network or its own
 * organisation's network; `unknown` when the name says neither. A heuristic, and reported as one.
 *
 * @example
 * operatorKind('Bell Canada')          // 'residential'
 * operatorKind('University of Toronto') // 'business'
 */
export function operatorKind(org: string): 'residential' | 'business' | 'unknown' {
  if (BUSINESS.test(org)) return 'business';
  if (RESIDENTIAL.test(org)) return 'residential';
  return 'unknown';
}
