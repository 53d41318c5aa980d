import { OBSCURING_NETWORKS, type OriginVerdict } from '../core/index.js';
import { AS_HOME_MIN_SHARE, type AsHome } from './as-country.js';
import type { FeedAnswer } from './feeds/feed-index.js';
import type { NetworkFinding } from './network-type.js';
import type { Reason } from '../core/module/index.js';
import { geoText } from './text.js';

const NO_SOURCE: Reason = { code: 'geo.source.none' };
const UNALLOCATED: Reason = { code: 'geo.source.unallocated' };

/** Everything the sources said about one public address. */
export interface Evidence {
  home: string;
  /** Country from geo-whois-asn (operators' geofeeds, then registry whois, then ASN country). */
  whois: string | null;
  /** Country from DB-IP's geolocation (measured, so independent of the registries). */
  dbip: string | null;
  /** Country of the registry delegation holding the address; null when not delegated. */
  registry: string | null;
  /** True when some AS announces the address. */
  routed: boolean;
  /** The announcing AS and where it is based (see `asHomeCountries`); null when unknown. */
  asHome: (AsHome & { asn: number }) | null;
  network: NetworkFinding;
  /** What an authoritative source (a cloud region file, an operator's geofeed) says, or null when none covers the address. */
  feed: FeedAnswer | null;
  /** A reason naming the sources whose data is older than the freshness limit, or null. */
  stale: string | null;
}

/** The verdict part of an attribution. */
export interface Judgement {
  country: string | null;
  verdict: OriginVerdict;
  confidence: number;
  reasons: string[];
  /** Which source answered the country, as a `geo.source.*` reason (see `text.ts`). */
  source: Reason;
}

/**
 * Combine the evidence into country, verdict, confidence and reasons.
 *
 * The country: the network operator's own statement when an installed cloud region file or
 * RFC 8805 geofeed covers the address (it says where its servers are; the databases infer
 * it); else both geolocation databases when they agree; on disagreement the one the
 * registry and the announcing network's home country side with (for hosting, VPN and CDN
 * networks, registered where the company is, not where its servers are: geo-whois-asn, which
 * reads operators' geofeeds first). `domestic` needs more than a country: DB-IP (measured)
 * and geo-whois-asn (registry-based) must both say home, and the registry or the network's home
 * must too; otherwise the verdict is `unknown`, never `domestic`, and the reasons say which
 * source disagreed. A foreign address called domestic is the costliest mistake vigie can make.
 *
 * Confidence starts from agreement (0.95 when all agree, down to 0.45 for an unresolved
 * split), is multiplied by the network's weight (residential 1, business 0.95, unknown 0.9) or
 * replaced by the list's own confidence for obscured networks, then by 0.8 when the block is
 * missing from the registry list or from the routing table, and by 0.9 when data is stale.
 *
 * @example
 * judge({ home: 'CA', whois: 'CA', dbip: 'CA', registry: 'CA', routed: true, asHome: null, network, stale: null }).verdict // 'domestic'
 */
export function judge(e: Evidence): Judgement {
  const reasons: string[] = [];
  if (!e.registry && !e.routed) {
    return { country: null, verdict: 'unknown', confidence: 0.9, reasons: [geoText(UNALLOCATED, 'en')], source: UNALLOCATED };
  }
  const obscuring = OBSCURING_NETWORKS.has(e.network.network);
  const { country, base, source } = chooseCountry(e, obscuring);
  if (source !== NO_SOURCE) reasons.push(geoText(source, 'en'));
  let confidence = base;
  let verdict: OriginVerdict;
  if (e.network.reason) reasons.push(e.network.reason);
  if (obscuring) {
    verdict = 'obscured';
    confidence = e.network.confidence;
    reasons.push(country ? `the address is in ${country}, but the ${e.network.network} network hides where the person is` : `the ${e.network.network} network hides where the person is`);
  } else if (!country) {
    return { country: null, verdict: 'unknown', confidence: 0.3, reasons: [...reasons, geoText(NO_SOURCE, 'en')], source: NO_SOURCE };
  } else {
    // The operator's own statement of where its block is needs no second opinion.
    const doubt = country === e.home && !e.feed ? domesticDoubt(e) : null;
    if (doubt) {
      return { country, verdict: 'unknown', confidence: 0.5, reasons: [...reasons, `not called domestic: ${doubt}`], source };
    }
    verdict = country === e.home ? 'domestic' : 'foreign';
    confidence *= e.network.network === 'residential' ? 1 : e.network.network === 'business' ? 0.95 : 0.9;
    if (e.network.network === 'unknown') reasons.push('network type unknown: a VPN or proxy not on the lists would look the same');
  }
  if (!e.registry) {
    confidence *= 0.8;
    reasons.push('not in the registry delegation list, though routed: the list may predate the delegation');
  } else if (!e.routed) {
    confidence *= 0.8;
    reasons.push('no network announces this block in the routing table: it may be new or unused');
  }
  if (e.stale) {
    confidence *= 0.9;
    reasons.push(e.stale);
  }
  return { country, verdict, confidence: Math.round(confidence * 100) / 100, reasons, source };
}

/** The announcing network's home country when it has one clear home, else null. */
function networkHome(e: Evidence): string | null {
  return e.asHome && e.asHome.share >= AS_HOME_MIN_SHARE ? e.asHome.country : null;
}

/**
 * Why a home-country answer is not good enough for `domestic`, or null when it is. Both
 * databases must say home (geo-whois-asn largely restates the registry, so DB-IP is the
 * independent check), and the registry or the announcing network must be at home too: a block
 * registered abroad and run by a foreign network is foreign until the data says otherwise.
 */
function domesticDoubt(e: Evidence): string | null {
  const h = e.home;
  if (e.dbip !== h) return e.dbip ? `DB-IP, which measures where addresses are used, places it in ${e.dbip}` : 'DB-IP has no location for it';
  if (e.whois !== h && e.whois !== null) return `the registry-based database places it in ${e.whois}`;
  const net = networkHome(e);
  if (e.registry !== h && net !== h) {
    const where = e.registry ? `the block is registered in ${e.registry}` : 'the block is in no registry delegation';
    const who = e.asHome ? (net ? `its network AS${e.asHome.asn} is based in ${net}` : `its network AS${e.asHome.asn} has no single home country`) : 'no network announces it';
    return `${where} and ${who}, so the databases' ${h} may be a recent move they have not seen`;
  }
  return null;
}

/** The reason an authoritative source answered, with what the databases said when they differ. */
function feedSource(e: Evidence & { feed: FeedAnswer }): Reason {
  const f = e.feed;
  return {
    code: f.feed.kind === 'cloud' ? 'geo.source.cloud_region_file' : 'geo.source.geofeed',
    params: {
      label: f.feed.label, date: f.feed.date, prefix: f.prefix, country: f.country, city: f.city, subdivision: f.subdivision, zone: f.zone,
      dbip: e.dbip && e.dbip !== f.country ? e.dbip : null, whois: e.whois && e.whois !== f.country ? e.whois : null,
      agree: e.dbip === f.country || e.whois === f.country,
    },
  };
}

interface Choice { country: string | null; base: number; source: Reason }

function chooseCountry(e: Evidence, obscuring: boolean): Choice {
  if (e.feed) {
    return { country: e.feed.country, base: e.dbip === e.feed.country || e.whois === e.feed.country ? 0.95 : 0.85, source: feedSource(e as Evidence & { feed: FeedAnswer }) };
  }
  const { whois: w, dbip: d, registry: r } = e;
  const net = networkHome(e);
  const support = (c: string): string[] => [r === c ? 'registry' : '', net === c ? 'network' : ''].filter(Boolean);
  const asn = e.asHome?.asn ?? null;
  if (w && d && w === d) {
    return { country: w, base: support(w).length > 0 ? 0.95 : 0.85, source: { code: 'geo.source.databases_agree', params: { country: w, support: support(w), asn, registry: r } } };
  }
  if (w && d) {
    const forW = support(w).length;
    const forD = support(d).length;
    // Clouds, VPNs and CDNs are registered where the company is: only geofeeds (read first by
    // geo-whois-asn) know where their servers are. Elsewhere the registry and the network's home break the tie.
    const country = !obscuring && forD > forW ? d : w;
    const why = obscuring ? 'hosting' : forD === forW ? 'tie' : 'support';
    return {
      country, base: !obscuring && forD !== forW ? 0.55 : 0.45,
      source: { code: 'geo.source.databases_disagree', params: { dbip: d, whois: w, country, why, support: support(country), asn } },
    };
  }
  const one = d ?? w;
  if (one) {
    return { country: one, base: support(one).length > 0 ? 0.8 : 0.65, source: { code: 'geo.source.one_database', params: { db: d ? 'dbip' : 'whois', country: one, support: support(one), asn, registry: r } } };
  }
  if (r) return { country: r, base: 0.5, source: { code: 'geo.source.registry', params: { country: r } } };
  return { country: null, base: 0, source: NO_SOURCE };
}
