import { copyFileSync, mkdirSync, mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { updateGeoData } from '../../src/geo/index.js';
import { corpus } from '../../src/testing/corpora.js';
import { PROVIDER_FILES, type Provider } from './split.js';

// The publication dates cloud-regions/SOURCE.md gives for files that carry none inside them.
const DATES: Partial<Record<Provider, string>> = { digitalocean: '2025-07-22', azure: '2025-07-22' };

/**
 * A user data directory holding the corpora's cloud region files and geofeeds, installed by
 * `geo update` itself (what a user gets after downloading them), except the providers in `leaveOut`.
 *
 * @example
 * const dataDir = installProviders(['linode']); // every provider's file but Linode's
 */
export function installProviders(leaveOut: readonly Provider[], root = mkdtempSync(join(tmpdir(), 'vigie-geo-eval-'))): string {
  const from = join(root, `download-${leaveOut.join('-') || 'all'}`);
  const dataDir = join(root, `data-${leaveOut.join('-') || 'all'}`);
  mkdirSync(from, { recursive: true });
  for (const [provider, file] of Object.entries(PROVIDER_FILES) as Array<[Provider, string]>) {
    if (leaveOut.includes(provider)) continue;
    copyFileSync(corpus(`ip/cloud-regions/${file}`), join(from, file));
    const date = DATES[provider];
    if (date) utimesSync(join(from, file), new Date(date), new Date(date));
  }
  updateGeoData({ from, dataDir, now: new Date() });
  return dataDir;
}
