import { createHash } from 'node:crypto';
import { isPrivateAddress, type OriginVerdict } from '../../core/index.js';
import type { Campaign, ClientOrigin } from './campaign.js';
import type { ClientGroup } from './cluster.js';
import { groupingReasonFr, originReasonFr, payloadReasonFr } from './reasons-fr.js';
import { estimateUtcOffset } from './utc-offset.js';
import { DEFAULT_HOME_COUNTRY } from '../../core/module/index.js';
import { estimateOperator } from './operator/index.js';

/** Share of addresses that must hide their origin for the campaign to be `obscured`. */
export const OBSCURED_MAJORITY = 0.5;

const UNKNOWN_ORIGIN: ClientOrigin = { country: null, org: null, asn: null, network: 'unknown', verdict: 'unknown', confidence: 0 };

const count = <K extends string>(keys: readonly K[]): Record<K, number> => {
  const out = {} as Record<K, number>;
  for (const k of keys) out[k] = (out[k] ?? 0) + 1;
  return Object.fromEntries(Object.entries<number>(out).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))) as Record<K, number>;
};
const listCounts = (r: Record<string, number>, max = 4): string =>
  Object.entries(r).slice(0, max).map(([k, n]) => `${k} ${n}`).join(', ') + (Object.keys(r).length > max ? ', …' : '');
const plural = (n: number, word: string): string => `${n} ${word}${n === 1 ? '' : 's'}`;

/**
 * Describes a group of linked clients as a campaign: what it used (countries, networks,
 * tools, payloads), its origin verdict, the operator's likely UTC offset, and why.
 *
 * @example
 * describeCampaign(group, origins).reasons[0] // '6 addresses linked: 15 pairs share a rare user agent…'
 */
export function describeCampaign(group: ClientGroup, origins: ReadonlyMap<string, ClientOrigin>, home: string = DEFAULT_HOME_COUNTRY): Campaign {
  const members = [...group.members].sort((a, b) => b.flaggedRequests - a.flaggedRequests || (a.ip < b.ip ? -1 : 1));
  const o = members.map((m) => origins.get(m.ip) ?? UNKNOWN_ORIGIN);
  const hours = new Array<number>(24).fill(0);
  const days = new Set<string>();
  const uas = new Map<string, number>();
  for (const m of members) {
    m.hours.forEach((n, h) => (hours[h]! += n));
    for (const d of m.days) days.add(d);
    for (const [ua, n] of m.allUserAgents) uas.set(ua, (uas.get(ua) ?? 0) + n);
  }
  const verdicts = count(o.map((x) => x.verdict));
  const obscuredShare = (verdicts.obscured ?? 0) / members.length;
  const verdict = campaignVerdict(verdicts, members.length);
  const agreeing = o.filter((x) => x.verdict === verdict);
  // An unknown origin is no evidence about the operator, however sure the data is that the
  // address has no country (a private address is "unknown" with confidence 1): it adds nothing.
  const originConfidence = agreeing.length === 0 || verdict === 'unknown' ? 0 : (agreeing.length / o.length) * (agreeing.reduce((a, x) => a + x.confidence, 0) / agreeing.length);
  const privateCount = members.filter((m) => isPrivateAddress(m.ip)).length;
  const groupConfidence = members.length === 1 || group.links['same-tool'] + group.links['same-targets'] > 0 ? 1 : group.cohesion;
  const offset = estimateUtcOffset(hours, days.size);
  const fingerprint = {
    user_agents: [...uas.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 3).map(([ua]) => ua),
    rules: [...new Set(members.flatMap((m) => [...m.rules]))].sort(),
    encodings: [...new Set(members.flatMap((m) => [...m.encodings]))].sort(),
    paths: [...new Set(members.flatMap((m) => [...m.paths.keys()]))].sort().slice(0, 20),
  };
  const classes = [...new Set(members.flatMap((m) => [...m.classes]))].sort();
  const countries = count(o.map((x) => x.country ?? 'unknown'));
  const networkTypes = count(o.map((x) => x.network));
  const firstSeen = members.map((m) => m.firstSeen).sort()[0]!;
  const lastSeen = members.map((m) => m.lastSeen).sort().at(-1)!;
  const operator = estimateOperator({
    home, addresses: o, utcOffsetHours: offset.utcOffsetHours, utcOffsetConfidence: offset.confidence,
    firstSeen, lastSeen, userAgents: [...uas.keys()], acceptLanguages: null, // no access-log format here carries Accept-Language
  });
  return {
    id: campaignId(fingerprint.user_agents, classes, ''),
    operator,
    clients: members.length,
    requests: members.reduce((a, m) => a + m.requests, 0),
    flagged_requests: members.reduce((a, m) => a + m.flaggedRequests, 0),
    first_seen: firstSeen,
    last_seen: lastSeen,
    classes,
    countries,
    networks: count(o.map((x) => x.org ?? (x.asn !== null ? `AS${x.asn}` : 'unknown'))),
    network_types: networkTypes,
    verdict,
    obscured_share: Math.round(obscuredShare * 1000) / 1000,
    utc_offset_hours: offset.utcOffsetHours,
    utc_offset_confidence: offset.confidence,
    hours,
    confidence: Math.round((0.5 * groupConfidence + 0.5 * originConfidence) * 100) / 100,
    reasons: [groupingReason(group, fingerprint.user_agents[0]), payloadReason(classes, fingerprint), originReason(verdict, verdicts, countries, networkTypes, members.length, privateCount), offset.reason],
    reasons_fr: [groupingReasonFr(members.length, group.links, fingerprint.user_agents[0]), payloadReasonFr(classes, fingerprint.rules.length, fingerprint.encodings),
      originReasonFr(verdict, verdicts, listCounts(countries), networkTypes, members.length, privateCount), offset.reasonFr],
    fingerprint,
    sample_ips: members.slice(0, 20).map((m) => m.ip),
  };
}

/** `C-` and 8 hex digits of SHA-256 over the tools and classes (and a tie-breaker when two campaigns share them). */
export function campaignId(userAgents: readonly string[], classes: readonly string[], salt: string): string {
  return 'C-' + createHash('sha256').update(JSON.stringify([userAgents, classes, salt])).digest('hex').slice(0, 8);
}

function campaignVerdict(verdicts: Partial<Record<OriginVerdict, number>>, clients: number): OriginVerdict {
  if ((verdicts.obscured ?? 0) / clients >= OBSCURED_MAJORITY) return 'obscured';
  const foreign = verdicts.foreign ?? 0;
  const domestic = verdicts.domestic ?? 0;
  if (foreign + domestic === 0) return (verdicts.obscured ?? 0) > 0 ? 'obscured' : 'unknown';
  return foreign >= domestic ? 'foreign' : 'domestic';
}

function groupingReason(group: ClientGroup, topUa: string | undefined): string {
  const n = group.members.length;
  if (n === 1) return `one address${topUa ? `, user agent '${topUa}'` : ''}`;
  const parts: string[] = [];
  if (group.links['same-tool'] > 0) parts.push(`${plural(group.links['same-tool'], 'pair')} share a rare user agent and attack classes`);
  if (group.links['same-targets'] > 0) parts.push(`${plural(group.links['same-targets'], 'pair')} probe the same rarely visited paths`);
  if (group.links.similar > 0) parts.push(`${plural(group.links.similar, 'pair')} send alike payloads at alike hours`);
  return `${n} addresses linked: ${parts.join('; ')}${topUa ? ` (main user agent '${topUa}')` : ''}`;
}

function payloadReason(classes: readonly string[], fp: Campaign['fingerprint']): string {
  const enc = fp.encodings.length > 0 ? `; encodings ${fp.encodings.join(', ')}` : '';
  return `payloads: ${classes.join(', ')} (${plural(fp.rules.length, 'rule')})${enc}`;
}

function originReason(verdict: OriginVerdict, verdicts: Partial<Record<OriginVerdict, number>>, countries: Record<string, number>, types: Record<string, number>, n: number, privateCount: number): string {
  const of = (k: number): string => (n === 1 ? 'the address is' : `${k} of ${n} addresses are`);
  const where = `address countries: ${listCounts(countries)}`;
  switch (verdict) {
    case 'obscured': {
      const hiding = Object.entries(types).filter(([t]) => ['tor', 'vpn', 'hosting', 'cdn', 'relay'].includes(t)).map(([t, k]) => `${t} ${k}`).join(', ');
      return `${of(verdicts.obscured ?? 0)} behind Tor, VPN, hosting, CDN or relay networks (${hiding}): the country of the addresses is not the operator's; ${where}`;
    }
    case 'foreign': return `${of(verdicts.foreign ?? 0)} foreign, on networks that do not hide their origin; ${where}`;
    case 'domestic': return `${of(verdicts.domestic ?? 0)} domestic, on networks that do not hide their origin; ${where}`;
    default:
      if (privateCount === n) {
        return `origin unknown: ${n === 1 ? 'a private address' : `${n} private addresses`} (local network, NAT or loopback); `
          + 'the log was written behind a proxy or load balancer that does not pass the client address on, or on a lab network';
      }
      return `origin unknown: ${n === 1 ? 'the address was' : 'the addresses were'} not attributed or have no data`;
  }
}
