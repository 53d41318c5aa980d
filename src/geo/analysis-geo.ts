import { DBIP_ATTRIBUTION, type OriginsSource } from '../core/index.js';
import { GeoAttributor } from './attributor.js';
import { defaultUserDataDir } from './data-files.js';
import { dataStatus, staleWarning, type DataFileStatus } from './data-status.js';

/**
 * The attributor an analysis uses, loaded and warmed up (the first lookup opens the files), with
 * the home country it judges against.
 *
 * @example
 * const { geo } = loadGeo('CA'); geo.attribute('8.8.8.8').verdict // 'foreign'
 */
export function loadGeo(home: string, options: { warm?: boolean } = {}): { geo: GeoAttributor; home: string } {
  // Each client is attributed once per analysis, so a large result cache would only hold memory.
  const geo = new GeoAttributor({ home, dataDir: defaultUserDataDir(), cacheEntries: 4096 });
  if (options.warm !== false) geo.attribute('8.8.8.8');
  return { geo, home };
}

/**
 * What stored attributions depend on: the home country and each data file's date. A client
 * attributed under another version is attributed again.
 *
 * @example
 * originsDataVersion('CA', [{ name: 'asn.bin', date: '2026-11-01', ... }]) // 'CA|asn.bin:2026-11-01'
 */
export function originsDataVersion(home: string, files: readonly DataFileStatus[]): string {
  return [home, ...files.map((f) => `${f.name}:${f.date ?? '-'}`)].join('|');
}

/**
 * The origins an analysis attributes with, for `home`: the attributor loaded now (an entry point
 * calls this when attribution starts, not before: the data's memory is not needed earlier).
 *
 * @example
 * const source = originsSource('CA'); source.attributor.attribute('24.48.0.1').verdict // 'domestic'
 */
export function originsSource(home: string, now = new Date()): OriginsSource {
  // Not warmed up: the data loads on the first public address, so a log of private (lab,
  // internal) addresses never pays for it (about 1.8 s of CPU for the network lists and the
  // AS home countries).
  const { geo } = loadGeo(home, { warm: false });
  const files = dataStatus(geo.data.paths, now);
  return {
    attributor: geo,
    dataVersion: originsDataVersion(home, files),
    data: {
      home,
      files: files.map((f) => ({ name: f.name, date: f.date, age_days: f.ageDays, source: f.source })),
      warning: staleWarning(files),
      attribution: `${DBIP_ATTRIBUTION.text} (${DBIP_ATTRIBUTION.url}), ${DBIP_ATTRIBUTION.licence}`,
    },
  };
}
