import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { extname, join } from 'node:path';
import { VigieError } from '../core/index.js';
import { AsnTable, compileAsn } from './asn-table.js';
import { compileMmdb } from './compile-mmdb.js';
import { ageInDays, ASN_CSV_FILES, ASN_FILE, compiledName, GeoDataPaths, MMDB_FILES, readManifest, STALE_AFTER_DAYS, type Manifest } from './data-files.js';
import { GeoData, openMmdb } from './geo-data.js';
import { GeoTable } from './geo-table.js';
import { ipv4ToNumber } from './ip-words.js';
import type { MalformedLine } from './malformed-lines.js';
import { sourceKind, stageSource, type Staged } from './update-sources.js';

/** A file `geo update` installed. */
export interface InstalledFile {
  /** The file as the user gave it. */
  name: string;
  /** What it was installed as (`digitalocean.csv` → `feed-digitalocean.csv`). */
  installedAs: string;
  date: string;
  ageDays: number;
  /** Lines skipped as malformed (the rest was installed), with the first few. */
  malformed: number;
  malformedSamples: MalformedLine[];
  /** The skipped lines in one phrase (`2 malformed lines skipped (vpn-x.txt:3: ...)`), or null. */
  malformedSummary: string | null;
  /** One more thing the user should know about this file, or null. */
  note: string | null;
}

/** What `geo update` did. */
export interface UpdateResult {
  dataDir: string;
  installed: InstalledFile[];
  /** Names in the source folder that are not geo data files. */
  ignored: string[];
  /** One line naming installed data older than the freshness limit, or null. */
  warning: string | null;
}

// Addresses every real database answers: Google's public DNS, delegated since the 2000s.
const PROBE = { 4: '8.8.8.8', 6: '2001:4860:4860::8888' } as const;
const MMDB_FAMILY: Record<string, 4 | 6> = {
  [MMDB_FILES.dbipV4]: 4, [MMDB_FILES.dbipV6]: 6, [MMDB_FILES.whoisV4]: 4, [MMDB_FILES.whoisV6]: 6,
};

/**
 * Validate the geo files a user downloaded into `from` and install them into `dataDir`,
 * recording their data dates in `manifest.json`. It takes the databases and lists under the
 * names vigie ships them with, more lists beside the shipped ones (`vpn-NAME.txt`, Apple's
 * `egress-ip-ranges.csv`, the Tor Project's `torbulkexitlist`), cloud providers' region files
 * (any `.json`: AWS, Google Cloud, Azure, Oracle) and RFC 8805 geofeeds (any other file whose
 * rows are `prefix,country,...`). Every file is checked before any is installed: a file that
 * cannot be used installs nothing; lines skipped in a file that can are counted and named.
 * Files are written under new names and the manifest is swapped last, so an update is all or
 * nothing, even when interrupted.
 *
 * @example
 * const result = updateGeoData({ from: './downloads', dataDir: defaultUserDataDir(), now: new Date() });
 * result.installed.map((f) => f.installedAs) // ['feed-aws.csv', 'vpn-mullvad.txt']
 */
export function updateGeoData(options: { from: string; dataDir: string; now: Date }): UpdateResult {
  const { from, dataDir, now } = options;
  if (!existsSync(from) || !statSync(from).isDirectory()) {
    throw new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `geo update: ${from}: no such folder; name the folder holding the downloaded files`);
  }
  const names = readdirSync(from).sort();
  const databases = new Set<string>([...Object.values(MMDB_FILES), ASN_FILE]);
  const csvs = Object.values(ASN_CSV_FILES).filter((n) => names.includes(n));
  const staged: Staged[] = [];
  const ignored: string[] = [];
  let asn: AsnTable | null | undefined;
  const asnTable = (): AsnTable | null => (asn === undefined ? (asn = new GeoData(new GeoDataPaths(dataDir)).asn()?.value ?? null) : asn);
  for (const name of names) {
    if ((Object.values(ASN_CSV_FILES) as string[]).includes(name)) continue;
    if (databases.has(name)) {
      staged.push(validateDatabase(from, name, now));
      continue;
    }
    const source = sourceKind(from, name);
    if (source) staged.push(stageSource(from, name, source.kind, source.installAs, now, asnTable()));
    else ignored.push(name);
  }
  if (csvs.length > 0) staged.push(compileCsvs(from, csvs, now));
  if (staged.length === 0) {
    throw new VigieError('VIGIE_ERR_USAGE', `geo update: ${from} holds no geo data file vigie can read (databases and lists under their shipped names, vpn-NAME.txt and other extra lists, cloud region .json files, RFC 8805 geofeeds)`);
  }
  const twice = staged.map((s) => s.installAs).filter((n, i, all) => all.indexOf(n) !== i);
  if (twice.length > 0) {
    const files = staged.filter((s) => s.installAs === twice[0]).map((s) => s.name).join(' and ');
    throw new VigieError('VIGIE_ERR_GEO_DATA', `geo update: ${files} would both be installed as ${twice[0]}; keep one of them; nothing was installed`);
  }
  install(dataDir, staged, now);
  const installed = staged.map((f): InstalledFile => ({
    name: f.name, installedAs: f.installAs, date: f.date, ageDays: ageInDays(f.date, now),
    malformed: f.malformed?.count ?? 0, malformedSamples: f.malformed?.samples ?? [], malformedSummary: f.malformed?.describe() ?? null, note: f.note ?? null,
  }));
  const old = installed.filter((f) => f.ageDays > STALE_AFTER_DAYS);
  return {
    dataDir,
    installed,
    ignored,
    warning: old.length === 0 ? null : `installed data older than ${STALE_AFTER_DAYS} days: ${old.map((f) => `${f.name} (${f.ageDays} days, from ${f.date})`).join(', ')}`,
  };
}

// Files this installer writes: `name.<12 hex>.ext`, and temporary files beside them.
const OURS = /\.[0-9a-f]{12}(\.[a-z0-9]+)?$|\.tmp$/;

/**
 * Write every staged file under a new name (`feed-aws.3fa2b1c4d5e6.csv`), then replace the
 * manifest in one rename: the moment lookups see new data, all of it is there. Files of the
 * previous manifest are kept until the next update (a running server may still open one);
 * older ones are removed.
 */
function install(dataDir: string, staged: readonly Staged[], now: Date): void {
  mkdirSync(dataDir, { recursive: true });
  const manifest: Manifest = readManifest(dataDir);
  const previous = new Set(Object.entries(manifest.files).map(([name, e]) => e.file ?? name));
  for (const file of staged) {
    const sha256 = createHash('sha256').update(file.bytes).digest('hex');
    const ext = extname(file.installAs);
    const stored = `${file.installAs.slice(0, file.installAs.length - ext.length)}.${sha256.slice(0, 12)}${ext}`;
    const target = join(dataDir, stored);
    writeFileSync(`${target}.tmp`, file.bytes);
    renameSync(`${target}.tmp`, target);
    manifest.files[file.installAs] = { date: file.date, file: stored, installed: now.toISOString(), bytes: file.bytes.length, sha256 };
  }
  const manifestPath = join(dataDir, 'manifest.json');
  writeFileSync(`${manifestPath}.tmp`, JSON.stringify(manifest, null, 2) + '\n');
  renameSync(`${manifestPath}.tmp`, manifestPath);
  const current = new Set(Object.entries(manifest.files).map(([name, e]) => e.file ?? name));
  for (const name of readdirSync(dataDir)) {
    if (OURS.test(name) && !current.has(name) && !previous.has(name)) rmSync(join(dataDir, name), { force: true });
  }
}

function validateDatabase(dir: string, name: string, now: Date): Staged {
  const path = join(dir, name);
  const bad = (why: string): VigieError => new VigieError('VIGIE_ERR_GEO_DATA', `geo update: ${path}: ${why}; nothing was installed`);
  const bytes = readFileSync(path);
  const family = MMDB_FAMILY[name];
  if (family) {
    const db = openMmdb(path, family);
    if (!db) throw bad(`not a readable IPv${family} MMDB database`);
    const answer = db.value.get(PROBE[family]) as { country_code?: string } | null;
    if (!answer?.country_code) throw bad(`does not answer a country for ${PROBE[family]}`);
    let compiled: Uint8Array;
    let table: GeoTable;
    try {
      compiled = compileMmdb(bytes, `${path} (geo update ${now.toISOString().slice(0, 10)})`).bytes;
      table = GeoTable.fromBuffer(compiled);
    } catch (err) {
      throw bad(`cannot be compiled: ${err instanceof Error ? err.message : String(err)}`);
    }
    if (table.get(PROBE[family])?.country_code !== answer.country_code) throw bad(`compiled table does not answer ${PROBE[family]} as the database does`);
    return { name, bytes: compiled, date: db.date, installAs: compiledName(name) };
  }
  let table: AsnTable;
  try {
    table = AsnTable.fromBuffer(bytes);
  } catch (err) {
    throw bad(err instanceof Error ? err.message : String(err));
  }
  if (!table.lookupV4(ipv4ToNumber(PROBE[4]))) throw bad(`has no AS for ${PROBE[4]}`);
  return { name, installAs: name, bytes, date: table.header.date };
}

function compileCsvs(dir: string, present: string[], now: Date): Staged {
  if (present.length !== 2) {
    throw new VigieError('VIGIE_ERR_GEO_DATA', `geo update: ${dir}: give both ${ASN_CSV_FILES.v4} and ${ASN_CSV_FILES.v6} (found only ${present[0]}); nothing was installed`);
  }
  const v4 = join(dir, ASN_CSV_FILES.v4);
  const date = statSync(v4).mtime.toISOString().slice(0, 10);
  let bytes: Uint8Array;
  try {
    bytes = compileAsn(readFileSync(v4, 'utf8'), readFileSync(join(dir, ASN_CSV_FILES.v6), 'utf8'), { date, source: `${dir} (geo update ${now.toISOString().slice(0, 10)})` });
  } catch (err) {
    throw new VigieError('VIGIE_ERR_GEO_DATA', `geo update: ${dir}: ASN CSV: ${err instanceof Error ? err.message : String(err)}; nothing was installed`);
  }
  if (!AsnTable.fromBuffer(bytes).lookupV4(ipv4ToNumber(PROBE[4]))) {
    throw new VigieError('VIGIE_ERR_GEO_DATA', `geo update: compiled ASN table has no AS for ${PROBE[4]}; nothing was installed`);
  }
  return { name: `${ASN_CSV_FILES.v4} + ${ASN_CSV_FILES.v6}`, installAs: ASN_FILE, bytes, date };
}
