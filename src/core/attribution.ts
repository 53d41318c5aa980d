/**
 * The origin verdict (see DESIGN.md, "The origin verdict"): what `geo` answers for one client
 * address, and the interface other modules receive to ask for it. Modules never import `geo`;
 * an entry point builds an {@link Attributor} and injects it.
 */

/** The dates of the attribution data a report or summary relies on. */
export interface GeoDataInfo {
  /** Data set → date of the data (`YYYY-MM-DD`). */
  dates: Record<string, string>;
  /** Age in days of the oldest geolocation data (-1: none installed). */
  age_days: number;
  stale: boolean;
}

/** Four values, never two: an address can hide its origin, or tell nothing at all. */
export type OriginVerdict = 'domestic' | 'foreign' | 'obscured' | 'unknown';

/** Every verdict, in the order reports list them. */
export const ORIGIN_VERDICTS: readonly OriginVerdict[] = ['foreign', 'domestic', 'obscured', 'unknown'];

/**
 * What kind of network the address belongs to. `tor`, `vpn`, `hosting`, `cdn` and `relay` hide
 * the person's country; `residential` and `business` are guesses from the network operator's name.
 */
export type NetworkType = 'tor' | 'vpn' | 'hosting' | 'cdn' | 'relay' | 'residential' | 'business' | 'unknown';

/** Network types whose address country is not the country of the person behind them. */
export const OBSCURING_NETWORKS: ReadonlySet<NetworkType> = new Set<NetworkType>(['tor', 'vpn', 'hosting', 'cdn', 'relay']);

/**
 * The attribution of one address. `country` is the address's own country (ISO 3166-1 alpha-2)
 * even when the verdict is `obscured`; `confidence` (0–1) is how sure the verdict is; `reasons`
 * say why, in plain words, for a person reading a report.
 */
export interface Attribution {
  ip: string;
  country: string | null;
  region: string | null;
  city: string | null;
  asn: number | null;
  org: string | null;
  network: NetworkType;
  verdict: OriginVerdict;
  confidence: number;
  reasons: string[];
}

/**
 * Attributes client addresses. Implementations are synchronous and cached, so a pipeline can
 * call `attribute` once per request.
 *
 * @example
 * function originOf(attributor: Attributor, ip: string): OriginVerdict {
 *   return attributor.attribute(ip).verdict;
 * }
 */
export interface Attributor {
  /** Any string a log holds: `::ffff:1.2.3.4`, `[2001:db8::1]:443`, or garbage (verdict `unknown`). */
  attribute(ip: string): Attribution;
}

/** The attribution data files an analysis used, as its summary states them. */
export interface OriginsData {
  home: string;
  files: Array<{ name: string; date: string | null; age_days: number | null; source: 'user' | 'shipped' }>;
  /** The warning line when data is older than 60 days (or missing), else null. */
  warning: string | null;
  /** DB-IP's CC BY 4.0 attribution, shown wherever results are shown. */
  attribution: string;
}

/**
 * What an analysis attributes clients with, built by an entry point from `geo` and handed to
 * `web`: the attributor, the version stored attributions depend on (home country and data
 * dates: clients attributed under another are attributed again), and the data it reads.
 */
export interface OriginsSource {
  attributor: Attributor;
  dataVersion: string;
  data: OriginsData;
}

/**
 * DB-IP's Lite data is CC BY 4.0: every output that shows results from it (CLI docs, reports,
 * dashboard, exports) must show this attribution with its link.
 *
 * @example
 * `<a href="${DBIP_ATTRIBUTION.url}">${DBIP_ATTRIBUTION.text}</a>`
 */
export const DBIP_ATTRIBUTION = {
  text: 'IP Geolocation by DB-IP',
  url: 'https://db-ip.com',
  html: "<a href='https://db-ip.com'>IP Geolocation by DB-IP</a>",
  licence: 'CC BY 4.0',
} as const;
