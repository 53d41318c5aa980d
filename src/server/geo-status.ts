import type { GeoDataInfo } from '../core/index.js';
import { geoDataInfo } from '../geo/index.js';

/** The attribution data's dates (as `vigie report` states them) and whom to credit. */
export interface GeoDataStatus extends GeoDataInfo {
  attribution: { text: string; url: string; licence: string };
}

/**
 * The geo data's dates, read at most once per `cacheMs` (reading them opens several files),
 * with the credit DB-IP's licence asks for beside every origin figure.
 *
 * @example
 * const status = cachedGeoDataStatus(); status().stale
 */
export function cachedGeoDataStatus(cacheMs = 3_600_000): () => GeoDataStatus {
  let cached: { status: GeoDataStatus; until: number } | undefined;
  return () => {
    if (cached && cached.until > Date.now()) return cached.status;
    const status: GeoDataStatus = { ...geoDataInfo(), attribution: { text: 'IP geolocation by DB-IP', url: 'https://db-ip.com', licence: 'CC BY 4.0' } };
    cached = { status, until: Date.now() + cacheMs };
    return status;
  };
}
