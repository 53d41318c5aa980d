import { OBSCURING_NETWORKS, type OriginVerdict } from '../../../core/index.js';
import { renderText, type Reason } from '../../../core/module/index.js';
import { OPERATOR_TEXT } from './text.js';
import { countriesKeeping, sampleDays, zonesKeeping } from './zone-offsets.js';

/*
 * "From abroad or from home?" for one campaign (issue 16, part 2): each piece of evidence
 * points abroad, home or nowhere, with a weight in 0–1; the estimate is the side the weights
 * support once the other side is taken off, or `undetermined` when that is too weak.
 * Every piece is shown in the reasons with its weight, weighed or not.
 */

export type OperatorVerdict = 'likely_foreign' | 'likely_domestic' | 'undetermined';

/** One address of the campaign as its origin verdict saw it. */
export interface OperatorAddress {
  country: string | null;
  /** Network type: residential, business, mobile, hosting, vpn, tor, cdn, relay, unknown… */
  network: string;
  verdict: OriginVerdict;
  /** 0–1: the origin verdict's confidence. */
  confidence: number;
}

export interface OperatorInput {
  /** The home country (ISO 3166-1 alpha-2): domestic means here. */
  home: string;
  addresses: readonly OperatorAddress[];
  /** The campaign's fitted working-day offset (utc-offset.ts) and its confidence. */
  utcOffsetHours: number | null;
  utcOffsetConfidence: number;
  firstSeen: string;
  lastSeen: string;
  /** The campaign's user agents (locale tokens are shown, never weighed). */
  userAgents: readonly string[];
  /** Accept-Language values when the log carries them; null when its format does not. */
  acceptLanguages: readonly string[] | null;
}

/** One piece of evidence: where it points, how much it weighs, and its reason. */
export interface OperatorEvidence {
  kind: 'addresses' | 'relays' | 'hours' | 'language';
  points: 'foreign' | 'domestic' | 'none';
  weight: number;
  /** Countries this evidence fits (empty when it fits none in particular). */
  countries: string[];
  reason: Reason;
}

/** The `operator` field of a campaign (`web analyze --json`, a contract), with its evidence. */
export interface OperatorEstimate {
  estimate: OperatorVerdict;
  countries: string[];
  confidence: number;
  reasons: string[];
  reasons_fr: string[];
  /** Each piece as a code with parameters, its direction and weight (stored; rendered when shown). */
  evidence: OperatorEvidence[];
}

/** Below this confidence the estimate is `undetermined`: fewer than one in three is no answer. */
export const MIN_CONFIDENCE = 0.3;
/** Residential addresses over this many countries with none holding half are a botnet's or proxies'. */
export const SCATTERED_COUNTRIES = 3;
export const SCATTERED_TOP_SHARE = 0.5;
/** A working day that home keeps is shared by other countries: it points home at this fraction of its weight. */
export const HOME_HOURS_FACTOR = 0.5;
const OBSCURING: ReadonlySet<string> = OBSCURING_NETWORKS;

const round = (x: number): number => Math.round(x * 100) / 100;
const byCount = (m: Map<string, number>): Array<[string, number]> => [...m].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
const tally = (keys: readonly string[]): Map<string, number> => {
  const m = new Map<string, number>();
  for (const k of keys) m.set(k, (m.get(k) ?? 0) + 1);
  return m;
};

/**
 * Estimates where a campaign's operator is, from the addresses that do not hide their origin,
 * the working day's offset against the time zones of the campaign's dates, the relays, and the
 * language hints.
 *
 * @example
 * estimateOperator({ home: 'CA', addresses: sixChineseHomes, utcOffsetHours: 8, utcOffsetConfidence: 0.8,
 *   firstSeen: '2025-04-28T01:00:00Z', lastSeen: '2025-05-02T10:00:00Z', userAgents: [], acceptLanguages: null }).estimate
 * // 'likely_foreign', countries ['CN']
 */
export function estimateOperator(input: OperatorInput): OperatorEstimate {
  const home = input.home.toUpperCase();
  const evidence = [addressEvidence(input.addresses, home), hoursEvidence(input, home), languageEvidence(input)];
  const relays = relayEvidence(input.addresses);
  if (relays) evidence.splice(1, 0, relays);
  const foreign = combine(evidence.filter((e) => e.points === 'foreign'));
  const domestic = combine(evidence.filter((e) => e.points === 'domestic'));
  const confidence = round(foreign >= domestic ? foreign * (1 - domestic) : domestic * (1 - foreign));
  let estimate: OperatorVerdict = 'undetermined';
  if (confidence >= MIN_CONFIDENCE) estimate = foreign >= domestic ? 'likely_foreign' : 'likely_domestic';
  if (estimate === 'likely_foreign' && relays && relays.countries.includes(home)) {
    evidence.splice(evidence.indexOf(relays) + 1, 0, homeRelays(input.addresses, home));
  }
  const countries = estimate === 'likely_domestic' ? [home] : fittingCountries(evidence, home, estimate);
  const lead = leadReason(estimate, countries, confidence, home, foreign, domestic, evidence);
  const reasons = [lead, ...evidence.map((e) => e.reason)];
  return {
    estimate, countries, confidence: estimate === 'undetermined' ? round(Math.max(foreign, domestic)) : confidence,
    reasons: reasons.map((r) => renderText(r, 'en', [OPERATOR_TEXT])),
    reasons_fr: reasons.map((r) => renderText(r, 'fr', [OPERATOR_TEXT])),
    evidence,
  };
}

/** Independent pieces pointing the same way: the chance at least one is right. */
function combine(pieces: readonly OperatorEvidence[]): number {
  return 1 - pieces.reduce((p, e) => p * (1 - e.weight), 1);
}

function leadReason(estimate: OperatorVerdict, countries: string[], confidence: number, home: string, foreign: number, domestic: number,
  evidence: readonly OperatorEvidence[]): Reason {
  if (estimate === 'likely_foreign') {
    return countries.length > 0 ? { code: 'web.operator.foreign', params: { countries, confidence } } : { code: 'web.operator.foreign_unplaced', params: { confidence } };
  }
  if (estimate === 'likely_domestic') return { code: 'web.operator.domestic', params: { home, confidence } };
  if (evidence.every((e) => e.points === 'none')) return { code: 'web.operator.undetermined_none' };
  if (foreign > 0 && domestic > 0) return { code: 'web.operator.undetermined_conflict', params: { foreign: round(foreign), domestic: round(domestic) } };
  return { code: 'web.operator.undetermined_weak', params: { confidence: round(Math.max(foreign, domestic)), needed: MIN_CONFIDENCE } };
}

/**
 * The countries that fit a foreign (or undetermined) estimate: where the weighed addresses and
 * the working day agree; else those of whichever says something; home left out of a foreign one.
 */
function fittingCountries(evidence: readonly OperatorEvidence[], home: string, estimate: OperatorVerdict): string[] {
  const addr = evidence.find((e) => e.kind === 'addresses' && e.points !== 'none')?.countries ?? [];
  const hours = evidence.find((e) => e.kind === 'hours' && e.points !== 'none')?.countries ?? [];
  const drop = (l: string[]): string[] => (estimate === 'likely_foreign' ? l.filter((c) => c !== home) : l);
  const a = drop(addr);
  const h = drop(hours);
  if (a.length > 0 && h.length > 0) {
    const both = a.filter((c) => h.includes(c));
    return both.length > 0 ? both : a;
  }
  return a.length > 0 ? a : h;
}

/** Countries of the addresses that do not hide their origin (foreign/domestic verdicts). */
function addressEvidence(addresses: readonly OperatorAddress[], home: string): OperatorEvidence {
  const clear = addresses.filter((a) => (a.verdict === 'foreign' || a.verdict === 'domestic') && a.country !== null && !OBSCURING.has(a.network));
  const total = addresses.length;
  if (clear.length === 0) return { kind: 'addresses', points: 'none', weight: 0, countries: [], reason: { code: 'web.operator.addresses_none', params: { total } } };
  const counts = byCount(tally(clear.map((a) => a.country!.toUpperCase())));
  const listed = counts.map(([c, n]) => `${c} ${n}`);
  const topShare = counts[0]![1] / clear.length;
  if (counts.length >= SCATTERED_COUNTRIES && topShare < SCATTERED_TOP_SHARE) {
    return { kind: 'addresses', points: 'none', weight: 0, countries: [],
      reason: { code: 'web.operator.addresses_scattered', params: { clear: clear.length, spread: counts.length, countries: listed, top_share: round(topShare) } } };
  }
  const homeN = clear.filter((a) => a.country!.toUpperCase() === home).length;
  const foreignN = clear.length - homeN;
  const points = foreignN > homeN ? 'foreign' : 'domestic';
  const purity = Math.max(homeN, foreignN) / clear.length;
  const meanConf = clear.reduce((s, a) => s + a.confidence, 0) / clear.length;
  // One address is some evidence, six agreeing much more: n/(n+1) saturates as they add up.
  const weight = round(meanConf * (clear.length / (clear.length + 1)) * (2 * purity - 1));
  const abroad = counts.filter(([c]) => c !== home);
  const countries = points === 'foreign' ? abroad.map(([c]) => c) : [home];
  const params = { clear: clear.length, total, home, weight, countries: abroad.map(([c, n]) => `${c} ${n}`), home_n: homeN, foreign_n: foreignN, points };
  const code = homeN > 0 && foreignN > 0 ? 'web.operator.addresses_mixed' : points === 'foreign' ? 'web.operator.addresses_foreign' : 'web.operator.addresses_domestic';
  return { kind: 'addresses', points: weight > 0 ? points : 'none', weight, countries, reason: { code, params } };
}

/** Relays (Tor, VPN, hosting, CDN, proxies): shown with their kinds and countries, never weighed. */
function relayEvidence(addresses: readonly OperatorAddress[]): OperatorEvidence | null {
  const relays = addresses.filter((a) => a.verdict === 'obscured' || OBSCURING.has(a.network));
  if (relays.length === 0) return null;
  const kinds = byCount(tally(relays.map((a) => a.network)));
  const countries = byCount(tally(relays.map((a) => a.country?.toUpperCase() ?? '??')));
  return { kind: 'relays', points: 'none', weight: 0, countries: countries.map(([c]) => c),
    reason: { code: 'web.operator.relays', params: { relays: relays.length, total: addresses.length, kinds: kinds.map(([k]) => k), kind_counts: kinds.map(([, n]) => n),
      share: round(relays.length / addresses.length), countries: countries.map(([c, n]) => `${c} ${n}`) } } };
}

function homeRelays(addresses: readonly OperatorAddress[], home: string): OperatorEvidence {
  const at = addresses.filter((a) => (a.verdict === 'obscured' || OBSCURING.has(a.network)) && a.country?.toUpperCase() === home);
  const kinds = byCount(tally(at.map((a) => a.network)));
  return { kind: 'relays', points: 'none', weight: 0, countries: [home],
    reason: { code: 'web.operator.relays_home', params: { home_relays: at.length, home, kinds: kinds.map(([k]) => k), kind_counts: kinds.map(([, n]) => n) } } };
}

/** The working day's offset against the countries that keep it on the campaign's dates. */
function hoursEvidence(input: OperatorInput, home: string): OperatorEvidence {
  const offset = input.utcOffsetHours;
  const days = sampleDays(input.firstSeen, input.lastSeen);
  if (offset === null || input.utcOffsetConfidence <= 0 || days.length === 0) {
    return { kind: 'hours', points: 'none', weight: 0, countries: [], reason: { code: 'web.operator.hours_none' } };
  }
  const fit = countriesKeeping(offset, days);
  const base = { offset, first: days[0]!, last: days.at(-1)!, home };
  if (fit.includes(home)) {
    const weight = round(input.utcOffsetConfidence * HOME_HOURS_FACTOR);
    return { kind: 'hours', points: 'domestic', weight, countries: fit,
      reason: { code: 'web.operator.hours_domestic', params: { ...base, weight, zones: zonesKeeping(home, offset, days).slice(0, 3), others: fit.length - 1 } } };
  }
  const weight = round(input.utcOffsetConfidence);
  return { kind: 'hours', points: 'foreign', weight, countries: fit, reason: { code: 'web.operator.hours_foreign', params: { ...base, weight, fit: fit.length, countries: fit } } };
}

/** Accept-Language when the log has it; locale tokens in user agents (`; zh-CN;`) are shown only. */
function languageEvidence(input: OperatorInput): OperatorEvidence {
  const locales = new Set<string>();
  for (const ua of input.userAgents) for (const m of ua.matchAll(/[;(]\s*([a-z]{2})[-_]([A-Z]{2})\s*[;)]/g)) locales.add(`${m[1]}-${m[2]}`);
  for (const al of input.acceptLanguages ?? []) {
    const first = /^\s*([A-Za-z]{2,3}(?:-[A-Za-z0-9]{2,4})?)/.exec(al)?.[1];
    if (first) locales.add(first);
  }
  const reason: Reason = locales.size > 0 ? { code: 'web.operator.language_locale', params: { locales: [...locales].sort() } }
    : input.acceptLanguages === null ? { code: 'web.operator.language_unavailable' } : { code: 'web.operator.language_none' };
  return { kind: 'language', points: 'none', weight: 0, countries: [], reason };
}
