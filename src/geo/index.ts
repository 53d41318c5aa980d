export { GeoAttributor, type GeoAttributorOptions } from './attributor.js';
export { LruCache } from './cache.js';
export { ASN_CSV_FILES, ASN_FILE, defaultUserDataDir, GeoDataPaths, LIST_FILES, MMDB_FILES, STALE_AFTER_DAYS } from './data-files.js';
export { dataStatus, staleWarning, type DataFileStatus } from './data-status.js';
export { updateGeoData, type InstalledFile, type UpdateResult } from './update.js';
export { operatorKind } from './network-type.js';
export { geoDataInfo, isBlockable } from './data-info.js';
export { loadGeo, originsDataVersion, originsSource } from './analysis-geo.js';
export { geoModule } from './module.js';
