import type { AsnTable } from './asn-table.js';
import type { RegistryIndex } from './network-lists.js';

/** Where an autonomous system is based, as its own registrations say. */
export interface AsHome {
  /** The registry country holding most of the IPv4 addresses the AS announces. */
  country: string;
  /** That country's share of the AS's announced addresses, 0–1. */
  share: number;
}

/**
 * Below this share an AS has no single home: it is multinational (a transit carrier, a cloud)
 * or an address broker leasing blocks registered all over the world.
 */
export const AS_HOME_MIN_SHARE = 0.8;

/**
 * Each AS's home country: the registry country of most of the IPv4 addresses it announces.
 * A third opinion on disagreements that uses neither geolocation database: a block registered
 * in one country but announced by a network whose other blocks are all in another has usually
 * been leased or moved, and is used where that network operates.
 *
 * Built in one pass over the announced ranges, on first need (about 0.5 s of CPU for every AS;
 * `only` builds one AS's entry, a pass that looks up no registry country but its own).
 *
 * @example
 * asHomeCountries(asnTable, registry).get(577) // { country: 'CA', share: 0.99 }
 */
export function asHomeCountries(asn: AsnTable, registry: RegistryIndex, only?: number): Map<number, AsHome> {
  const counts = new Map<number, Map<string, number>>();
  asn.forEachV4((start, end, as) => {
    if (only !== undefined && as !== only) return;
    // The country at the range's first address stands for the range: announced ranges rarely
    // straddle two registry blocks of different countries.
    const cc = registry.countryV4(start);
    if (!cc) return;
    let byCountry = counts.get(as);
    if (!byCountry) counts.set(as, (byCountry = new Map()));
    byCountry.set(cc, (byCountry.get(cc) ?? 0) + (end - start + 1));
  });
  const out = new Map<number, AsHome>();
  for (const [as, byCountry] of counts) {
    let best = '';
    let bestCount = 0;
    let total = 0;
    for (const [cc, n] of byCountry) {
      total += n;
      if (n > bestCount) [best, bestCount] = [cc, n];
    }
    out.set(as, { country: best, share: bestCount / total });
  }
  return out;
}
