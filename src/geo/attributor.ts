import { DBIP_ATTRIBUTION, escapeControls, normaliseIp, type Attribution, type Attributor } from '../core/index.js';
import { DEFAULT_HOME_COUNTRY, type Reason } from '../core/module/index.js';
import type { AsnRecord } from './asn-table.js';
import { LruCache } from './cache.js';
import { ageInDays, defaultUserDataDir, GeoDataPaths, REGISTRY_STALE_AFTER_DAYS, STALE_AFTER_DAYS } from './data-files.js';
import { GeoData } from './geo-data.js';
import { ipv4ToNumber, ipv6ToWords } from './ip-words.js';
import { classifyNetwork, type AddressKey } from './network-type.js';
import { specialReasonV4, specialReasonV6 } from './special-ranges.js';
import { subdivisionName } from './feeds/subdivision-names.js';
import { judge } from './verdict.js';

/** An {@link Attribution} with the source that answered its country (a `geo.source.*` reason, see `text.ts`). */
export interface GeoAttribution extends Attribution {
  source: Reason;
}

const NO_SOURCE: Reason = { code: 'geo.source.none' };
// One shared object per code, for attributions that keep no parameters.
const CODES = new Map<string, Reason>();
const codeOnly = (r: Reason): Reason => {
  let c = CODES.get(r.code);
  if (!c) CODES.set(r.code, (c = Object.freeze({ code: r.code })));
  return c;
};

interface DatedSource {
  date: string;
  limitDays?: number;
}

/** Options of {@link GeoAttributor}. */
export interface GeoAttributorOptions {
  /** The country that counts as domestic (ISO 3166-1 alpha-2); default `CA`. */
  home?: string;
  /** User data directory with newer files from `geo update`; default ~/.local/share/vigie/geo; null for shipped data only. */
  dataDir?: string | null;
  /** "Now" for the data-age check; default the current time. */
  now?: Date;
  /** Addresses kept in the cache; default 100,000. */
  cacheEntries?: number;
  /**
   * Keep the parameters of each attribution's `source` (what `geo lookup` needs to say it in
   * French); default false: `source` is its code alone, which keeps the cache of a long analysis
   * 14 MB smaller per 100,000 addresses.
   */
  sourceParams?: boolean;
}

/**
 * The geo module's {@link Attributor}: country, region, city, ASN, network type and origin
 * verdict for an address, from DB-IP and geo-whois-asn (two independent geolocation sources),
 * the registry delegations, the ASN table and the network lists, all offline. Results from
 * DB-IP must be shown with {@link DBIP_ATTRIBUTION}.
 *
 * @example
 * const geo = new GeoAttributor({ home: 'CA' });
 * geo.attribute('24.48.0.1').verdict // 'domestic'
 */
export class GeoAttributor implements Attributor {
  readonly home: string;
  readonly data: GeoData;
  readonly attributionNotice = DBIP_ATTRIBUTION;
  readonly #now: Date;
  readonly #cache: LruCache<string, GeoAttribution>;
  readonly #ages = new Map<string, number>();
  readonly #words = new Uint32Array(4);
  readonly #sourceParams: boolean;

  constructor(options: GeoAttributorOptions = {}) {
    this.home = (options.home ?? DEFAULT_HOME_COUNTRY).toUpperCase();
    this.data = new GeoData(new GeoDataPaths(options.dataDir === undefined ? defaultUserDataDir() : options.dataDir));
    this.#now = options.now ?? new Date();
    this.#cache = new LruCache(options.cacheEntries ?? 100_000);
    this.#sourceParams = options.sourceParams ?? false;
  }

  attribute(raw: string): GeoAttribution {
    const cached = this.#cache.get(raw);
    if (cached) return cached;
    const result = this.#attribute(raw);
    this.#cache.set(raw, result);
    return result;
  }

  /** Cache hits and misses. */
  get cacheStats(): { hits: number; misses: number } {
    return this.#cache.stats;
  }

  #attribute(raw: string): GeoAttribution {
    const ip = normaliseIp(raw);
    // Not an address: echoed as given, with control and bidirectional characters made visible.
    const base = { ip: ip || escapeControls(raw), country: null, region: null, city: null, asn: null, org: null, network: 'unknown' as const };
    let key: AddressKey;
    const n = ip === '' ? -1 : ipv4ToNumber(ip);
    if (n >= 0) key = { family: 4, n };
    else if (ip !== '' && ipv6ToWords(ip, this.#words)) key = { family: 6, words: Uint32Array.from(this.#words) };
    else return { ...base, verdict: 'unknown', confidence: 1, reasons: ['not an IP address'], source: NO_SOURCE };
    const special = key.family === 4 ? specialReasonV4(key.n) : specialReasonV6(key.words);
    if (special) return { ...base, verdict: 'unknown', confidence: 1, reasons: [special], source: NO_SOURCE };
    return this.#public(ip, key);
  }

  #public(ip: string, key: AddressKey): GeoAttribution {
    const family = key.family;
    const stale: string[] = [];
    const use = <T>(source: DatedSource | null, label: string, value: T): T => {
      if (source && value !== null && value !== undefined) this.#checkAge(source, label, stale);
      return value;
    };
    const dbipSource = this.data.dbip(family);
    const whoisSource = this.data.whois(family);
    const dbip = use(dbipSource, 'DB-IP', (dbipSource?.value.lookup ? dbipSource.value.lookup(key) : dbipSource?.value.get(ip)) ?? null);
    const whoisRecord = whoisSource?.value.lookup ? whoisSource.value.lookup(key) : whoisSource?.value.get(ip);
    const whois = use(whoisSource, 'geo-whois-asn', whoisRecord?.country_code || null);
    const asnSource = this.data.asn();
    const asn: AsnRecord | null = use(asnSource, 'ASN', asnSource ? (key.family === 4 ? asnSource.value.lookupV4(key.n) : asnSource.value.lookupV6(key.words)) : null);
    const lists = this.data.lists();
    const registry = use({ ...lists.registry, limitDays: REGISTRY_STALE_AFTER_DAYS }, 'registry', key.family === 4 ? lists.registry.value.countryV4(key.n) : lists.registry.value.countryV6(key.words));
    const feeds = this.data.feeds();
    const feed = feeds.blocks === 0 ? null : key.family === 4 ? feeds.lookupV4(key.n) : feeds.lookupV6(key.words);
    if (feed) this.#checkAge({ date: feed.feed.date }, feed.feed.label, stale);
    const network = classifyNetwork(lists, key, asn);
    if (network.listDate) this.#checkAge({ date: network.listDate }, `${network.network} list`, stale);
    const dbipCountry = dbip?.country_code || null;
    const staleReason = stale.length === 0 ? null : `data older than ${STALE_AFTER_DAYS} days lowers confidence: ${stale.join(', ')}`;
    const home = asn ? this.data.asHome(asn.asn) : null;
    const asHome = home && asn ? { ...home, asn: asn.asn } : null;
    const judgement = judge({ home: this.home, whois, dbip: dbipCountry, registry, routed: asn !== null, asHome, network, feed, stale: staleReason });
    const sameCountry = judgement.country !== null && dbipCountry === judgement.country;
    // A feed's own subdivision and city first; DB-IP's only where it places the address in the same country.
    const region = feed?.subdivision ? subdivisionName(feed.subdivision) : sameCountry ? dbip?.state1 || null : null;
    const city = feed?.city ? feed.city : sameCountry && !feed?.subdivision ? dbip?.city || null : null;
    return {
      ip,
      country: judgement.country,
      region,
      city,
      asn: asn?.asn ?? null,
      org: asn?.org || null,
      network: network.network,
      verdict: judgement.verdict,
      confidence: judgement.confidence,
      reasons: judgement.reasons,
      source: this.#sourceParams ? judgement.source : codeOnly(judgement.source),
    };
  }

  #checkAge(source: DatedSource, label: string, stale: string[]): void {
    const id = `${label}\t${source.date}`;
    let age = this.#ages.get(id);
    if (age === undefined) {
      age = ageInDays(source.date, this.#now);
      this.#ages.set(id, age);
    }
    if (age > (source.limitDays ?? STALE_AFTER_DAYS)) stale.push(`${label} ${age} days old`);
  }
}
