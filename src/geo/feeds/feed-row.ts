/**
 * One located block from an authoritative source: an operator's RFC 8805 geofeed or a cloud
 * provider's published region file. `zone` is the provider's own name for the location
 * (`eu-west-1`), empty for geofeeds.
 */
export interface FeedRow {
  /** The block as written in the source, lower-cased (`5.101.96.0/21`, `2600:3c00::/32`). */
  prefix: string;
  /** ISO 3166-1 alpha-2, upper case. */
  country: string;
  /** ISO 3166-2 subdivision (`NL-NH`), or empty. */
  subdivision: string;
  city: string;
  zone: string;
}

/** The kinds of authoritative source vigie reads. */
export type FeedKind = 'geofeed' | 'cloud';
