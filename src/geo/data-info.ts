import { ipv4ToNumber, isIPv4Fast, normaliseIp, type GeoDataInfo } from '../core/index.js';
import { defaultUserDataDir, GeoDataPaths, LIST_FILES } from './data-files.js';
import { dataStatus, staleWarning, type DataFileStatus } from './data-status.js';
import { ipv6ToWords } from './ip-words.js';
import { specialReasonV4, specialReasonV6 } from './special-ranges.js';

/** Data sets as a reader knows them, and the files each is made of. */
const DATA_SETS: Array<[string, (name: string) => boolean]> = [
  ['DB-IP city', (n) => n.startsWith('dbip-city')],
  ['geo-whois-asn-country', (n) => n.startsWith('geo-whois-asn-country')],
  ['ASN', (n) => n === 'asn.bin'],
  ['network lists', (n) => n.endsWith('.txt')],
  ['registry delegations', (n) => n === LIST_FILES.registry],
  ['provider locations', (n) => n.startsWith('feed-')],
];

/**
 * The dates of the attribution data installed on this machine, for reports and summaries: one
 * date per data set (its oldest file), the age of the oldest geolocation data (registry
 * delegations change slowly and have their own limit), and stale as `vigie geo lookup` warns.
 */
export function geoDataInfo(dataDir: string = defaultUserDataDir(), now = new Date()): GeoDataInfo {
  const files = dataStatus(new GeoDataPaths(dataDir), now);
  const dates: Record<string, string> = {};
  for (const [label, member] of DATA_SETS) {
    const oldest = files.filter((f) => member(f.name) && f.date).map((f) => f.date!).sort()[0];
    if (oldest) dates[label] = oldest;
  }
  const ages = files.filter((f: DataFileStatus) => f.name !== LIST_FILES.registry).map((f) => f.ageDays ?? Number.POSITIVE_INFINITY);
  const age = Math.max(0, ...ages);
  return { dates, age_days: Number.isFinite(age) ? age : -1, stale: staleWarning(files) !== null };
}

/**
 * Whether an address may go on a blocklist: never private, loopback, link-local, reserved or
 * documentation space (blocking those breaks sites).
 *
 * @example
 * isBlockable('10.0.0.1') // false
 */
export function isBlockable(raw: string): boolean {
  const ip = normaliseIp(raw);
  if (isIPv4Fast(ip)) return specialReasonV4(ipv4ToNumber(ip)) === null;
  const words = new Uint32Array(4);
  return ipv6ToWords(ip, words) && specialReasonV6(words) === null;
}
