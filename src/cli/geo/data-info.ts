import { dataStatus, defaultUserDataDir, GeoDataPaths, LIST_FILES, staleWarning, type DataFileStatus } from '../../geo/index.js';
import type { GeoDataInfo } from '../../report/index.js';

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
