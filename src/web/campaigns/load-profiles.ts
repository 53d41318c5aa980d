import type { Store } from '../../store/index.js';
import { DEFAULT_IPV6_PREFIX_LEN } from '../repository/client-unit.js';
import {
  campaignUnitCount, clientUnitCount, dropCampaignUnits, ENCODING_TAGS, keepBusiestUnits, stageCampaignUnits, unitEncodings, unitHours, unitRulesAndClasses, unitTokens,
} from '../repository/campaign-profiles.js';
import { normaliseUserAgent, type ClientProfile } from './client-profile.js';

/**
 * A user agent or path is a fingerprint only when few clients share it: at most 5% of all
 * clients (a browser's user agent or the home page are shared by everyone and link nothing)...
 */
export const RARE_CLIENT_SHARE = 0.05;

/**
 * ...or at most 5 clients, whatever the log's size. On a small log the share alone cannot
 * fire: with the 3 clients of the w3af scanner log, 5% is 0.15 of a client, so the two
 * addresses sending `w3af.org` were two campaigns (issue 17). 5 is where the two rules meet
 * (5% of 100 clients), so only logs under 100 clients see a difference.
 */
export const RARE_MIN_CLIENTS = 5;

/**
 * Inverse client frequency of a rare value, at least that of a value half the clients share:
 * on a small log a rare value can be shared by every client (log 1 = 0), and still link them.
 */
export function rareWeight(df: number, totalClients: number): number {
  if (df > Math.max(RARE_MIN_CLIENTS, RARE_CLIENT_SHARE * totalClients)) return 0;
  return Math.max(Math.log(totalClients / df), Math.LN2);
}

/** A user agent is part of a client's fingerprint when it sends at least 10% of its requests (and 2). */
export const MIN_UA_SHARE = 0.1;

/**
 * Flagged clients profiled at most: the busiest this many (by flagged requests). Profiles live
 * in memory and clustering compares them, so a log with a million flagged addresses must not
 * make a million profiles; the ones left out are counted as unclustered.
 */
export const MAX_PROFILES = 50_000;

/**
 * Loads the profile of every flagged client (a client with at least one finding) from the
 * store: its user agents and paths (rare ones weighted by inverse client frequency), rules and
 * classes, encodings, and hours of activity.
 *
 * @example
 * const profiles = await loadProfiles(store);
 */
export async function loadProfiles(store: Store, ipv6PrefixLen = DEFAULT_IPV6_PREFIX_LEN): Promise<{ profiles: ClientProfile[]; flaggedUnits: number }> {
  const totalClients = Math.max(1, await clientUnitCount(store, ipv6PrefixLen));
  await stageCampaignUnits(store, ipv6PrefixLen);
  try {
    const flagged = await campaignUnitCount(store);
    await keepBusiestUnits(store, MAX_PROFILES);
    return { profiles: await unitProfiles(store, ipv6PrefixLen, totalClients), flaggedUnits: flagged };
  } finally {
    await dropCampaignUnits(store);
  }
}

async function unitProfiles(store: Store, ipv6PrefixLen: number, totalClients: number): Promise<ClientProfile[]> {
  const profiles = new Map<string, ClientProfile>();
  for (const r of await unitRulesAndClasses(store, ipv6PrefixLen)) {
    const ip = String(r.ip);
    profiles.set(ip, {
      ip, requests: Number(r.requests), flaggedRequests: Number(r.flagged_requests),
      firstSeen: String(r.first_seen), lastSeen: String(r.last_seen),
      userAgents: new Map(), allUserAgents: new Map(), rules: new Set(r.rules as string[]), classes: new Set(r.classes as string[]),
      paths: new Map(), encodings: new Set(), hours: new Array<number>(24).fill(0), days: new Set(),
    });
  }
  if (profiles.size === 0) return [];
  const rare = (df: number): number => rareWeight(df, totalClients);
  for (const r of await unitTokens(store, 'user_agent_id', ipv6PrefixLen)) {
    const p = profiles.get(String(r.ip));
    if (!p) continue;
    const ua = normaliseUserAgent(String(r.value));
    p.allUserAgents.set(ua, (p.allUserAgents.get(ua) ?? 0) + Number(r.n));
    const w = rare(Number(r.df));
    // Raw variants of one normalised agent keep the weight of the most shared variant.
    if (w > 0) p.userAgents.set(ua, Math.min(p.userAgents.get(ua) ?? Infinity, w));
  }
  // A tool's user agent repeats; one sent once is a payload or noise, not the tool.
  for (const p of profiles.values()) {
    for (const ua of p.userAgents.keys()) if ((p.allUserAgents.get(ua) ?? 0) < Math.max(2, MIN_UA_SHARE * p.requests)) p.userAgents.delete(ua);
  }
  for (const r of await unitTokens(store, 'path_id', ipv6PrefixLen)) {
    const p = profiles.get(String(r.ip));
    const w = rare(Number(r.df));
    if (p && w > 0) p.paths.set(String(r.value), w);
  }
  await loadHours(store, profiles, ipv6PrefixLen);
  await loadEncodings(store, profiles, ipv6PrefixLen);
  return [...profiles.values()];
}

async function loadHours(store: Store, profiles: Map<string, ClientProfile>, ipv6PrefixLen: number): Promise<void> {
  const all = new Map<string, number[]>();
  for (const r of await unitHours(store, ipv6PrefixLen)) {
    const ip = String(r.ip);
    const p = profiles.get(ip);
    if (!p) continue;
    const h = Number(r.h);
    p.hours[h]! += Number(r.nf);
    if (Number(r.nf) > 0) p.days.add(String(r.d));
    let a = all.get(ip);
    if (!a) all.set(ip, (a = new Array<number>(24).fill(0)));
    a[h]! += Number(r.n);
  }
  // Clients flagged by behaviour alone have no flagged request: their hours are all their requests.
  for (const [ip, hours] of all) {
    const p = profiles.get(ip)!;
    if (p.hours.every((x) => x === 0)) p.hours = hours;
  }
}

async function loadEncodings(store: Store, profiles: Map<string, ClientProfile>, ipv6PrefixLen: number): Promise<void> {
  const rows = await unitEncodings(store, ipv6PrefixLen);
  for (const r of rows) {
    const p = profiles.get(String(r.ip));
    if (!p) continue;
    for (const tag of ENCODING_TAGS) if (r[tag] === true) p.encodings.add(tag);
  }
}
