import { OBSCURING_NETWORKS, type OriginVerdict } from '../core/index.js';
import type { NetworkFinding } from './network-type.js';

/** Everything the sources said about one public address. */
export interface Evidence {
  home: string;
  /** Country from geo-whois-asn (geofeeds, then registry whois, then ASN country). */
  whois: string | null;
  /** Country from DB-IP's geolocation. */
  dbip: string | null;
  /** Country of the registry delegation holding the address; null when not delegated. */
  registry: string | null;
  /** True when some AS announces the address. */
  routed: boolean;
  network: NetworkFinding;
  /** A reason naming the sources whose data is older than the freshness limit, or null. */
  stale: string | null;
}

/** The verdict part of an attribution. */
export interface Judgement {
  country: string | null;
  verdict: OriginVerdict;
  confidence: number;
  reasons: string[];
}

/**
 * Combine the evidence into country, verdict, confidence and reasons.
 *
 * Confidence starts from how the two independent geolocation sources agree (both: 0.95, or 0.9
 * when the registry names another country; one alone: 0.7, 0.8 if the registry agrees; they
 * disagree: 0.55 when the registry sides with one, else 0.45; registry alone: 0.5), is multiplied
 * by the network's weight (residential 1, business 0.95, unknown 0.9) for domestic/foreign, or
 * replaced by the list's own confidence for obscured, then by 0.9 when any data used is stale
 * and by 0.8 when the block is routed but absent from the registry list.
 *
 * @example
 * judge({ home: 'CA', whois: 'CA', dbip: 'CA', registry: 'CA', routed: true, network, stale: null }).verdict // 'domestic'
 */
export function judge(e: Evidence): Judgement {
  const reasons: string[] = [];
  if (!e.registry && !e.routed) {
    return { country: null, verdict: 'unknown', confidence: 0.9, reasons: ['not delegated by any regional internet registry and not routed (unallocated space): database answers ignored'] };
  }
  const { country, base } = chooseCountry(e, reasons);
  let confidence = base;
  let verdict: OriginVerdict;
  if (e.network.reason) reasons.push(e.network.reason);
  if (OBSCURING_NETWORKS.has(e.network.network)) {
    verdict = 'obscured';
    confidence = e.network.confidence;
    reasons.push(country ? `the address is in ${country}, but the ${e.network.network} network hides where the person is` : `the ${e.network.network} network hides where the person is`);
  } else if (!country) {
    return { country: null, verdict: 'unknown', confidence: 0.3, reasons: [...reasons, 'no source has a country for it'] };
  } else {
    verdict = country === e.home ? 'domestic' : 'foreign';
    confidence *= e.network.network === 'residential' ? 1 : e.network.network === 'business' ? 0.95 : 0.9;
    if (e.network.network === 'unknown') reasons.push('network type unknown: a VPN or proxy not on the lists would look the same');
  }
  if (!e.registry) {
    confidence *= 0.8;
    reasons.push('not in the registry delegation list, though routed: the list may predate the delegation');
  }
  if (e.stale) {
    confidence *= 0.9;
    reasons.push(e.stale);
  }
  return { country, verdict, confidence: Math.round(confidence * 100) / 100, reasons };
}

function chooseCountry(e: Evidence, reasons: string[]): { country: string | null; base: number } {
  const { whois: w, dbip: d, registry: r } = e;
  const registryNote = (c: string): string => (r === c ? `; the registry also lists ${c}` : r ? `; the registry lists ${r} (where the block is registered, not used)` : '');
  if (w && d && w === d) {
    reasons.push(`both geolocation databases place it in ${w}${registryNote(w)}`);
    return { country: w, base: !r || r === w ? 0.95 : 0.9 };
  }
  if (w && d) {
    // Without the registry's vote, geo-whois-asn wins: it starts from operators' own geofeeds,
    // and on AWS's published regions it was right where DB-IP said GB (bench/geo-eval.ts).
    const country = r === d ? d : w;
    reasons.push(`the geolocation databases disagree: DB-IP says ${d}, the registry-based database says ${w}` +
      (r === w || r === d ? `; the registry sides with ${r}` : `; the registry-based database (operators' geofeeds first) is taken`));
    return { country, base: r === w || r === d ? 0.55 : 0.45 };
  }
  const one = d ?? w;
  if (one) {
    reasons.push(`only ${d ? 'DB-IP' : 'the registry-based database'} places it, in ${one}${registryNote(one)}`);
    return { country: one, base: r === one ? 0.8 : 0.7 };
  }
  if (r) {
    reasons.push(`only the registry delegation places it, in ${r} (where the block is registered, not used)`);
    return { country: r, base: 0.5 };
  }
  return { country: null, base: 0 };
}
