import { ORIGIN_VERDICTS, type OriginVerdict } from '../../core/index.js';
import type { SqlValue, Store } from '../../store/index.js';
import type { Campaign, ClientOrigin } from './campaign.js';
import { clusterClients } from './cluster.js';
import { campaignId, describeCampaign } from './describe-campaign.js';
import { loadProfiles } from './load-profiles.js';
import { clientUnit, DEFAULT_IPV6_PREFIX_LEN } from '../repository/client-unit.js';
import { replaceCampaigns, unitOrigins, type CampaignRow } from '../repository/campaigns.js';
import { describeSiteCampaign, loadSiteGroups } from './site-groups.js';
import { storedHomeCountry } from '../repository/home-country.js';
import { DEFAULT_HOME_COUNTRY } from '../../core/module/index.js';

/**
 * A single address is a campaign only with at least this many flagged requests: one odd
 * request from a visitor is noise, a sustained series from one address is an operator.
 */
export const MIN_SINGLE_CLIENT_REQUESTS = 10;

/** What {@link findCampaigns} returns: the campaigns, busiest first, and the flagged clients left out. */
export interface CampaignResult {
  campaigns: Campaign[];
  /** Flagged clients in no campaign (a lone address with few flagged requests). */
  unclustered_clients: number;
}

/**
 * Groups every flagged client of the store into campaigns, attributes each campaign from the
 * stored client origins, and replaces the `campaigns` and `campaign_clients` tables.
 *
 * @example
 * const { campaigns } = await findCampaigns(store);
 */
export async function findCampaigns(store: Store, options: { ipv6PrefixLen?: number; home?: string; commitWith?: ReadonlyArray<{ sql: string; params?: Record<string, SqlValue> }> } = {}): Promise<CampaignResult> {
  const prefixLen = options.ipv6PrefixLen ?? DEFAULT_IPV6_PREFIX_LEN;
  // Home for the operator estimate: as given, else the one the stored origin verdicts were made with.
  const home = options.home ?? (await storedHomeCountry(store)) ?? DEFAULT_HOME_COUNTRY;
  // The addresses of a site-level excess are its campaign, whatever else they did.
  const siteGroups = await loadSiteGroups(store);
  const inSite = new Set(siteGroups.flatMap((g) => g.members.map((m) => clientUnit(m.ip, prefixLen))));
  const loaded = await loadProfiles(store, prefixLen);
  const profiles = loaded.profiles.filter((p) => !inSite.has(p.ip));
  const flaggedUnits = loaded.flaggedUnits - (loaded.profiles.length - profiles.length);
  const groups = clusterClients(profiles).filter((g) => g.members.length > 1 || g.members[0]!.flaggedRequests >= MIN_SINGLE_CLIENT_REQUESTS);
  const origins = await loadOrigins(store, prefixLen, groups.flatMap((g) => g.members.map((m) => m.ip)));
  const built = [
    ...groups.map((g) => ({ campaign: describeCampaign(g, origins, home), ips: g.members.map((m) => m.ip) })),
    ...siteGroups.filter((g) => g.members.length > 0).map((g) => ({ campaign: describeSiteCampaign(g, origins, home), ips: g.members.map((m) => m.ip) })),
  ]
    .sort((a, b) => b.campaign.flagged_requests - a.campaign.flagged_requests || b.campaign.clients - a.campaign.clients
      || a.campaign.first_seen.localeCompare(b.campaign.first_seen) || a.campaign.id.localeCompare(b.campaign.id));
  const used = new Set<string>();
  for (const { campaign: c, ips } of built) {
    // Two campaigns with the same tools and classes: the second takes its first address into its id.
    if (used.has(c.id)) c.id = campaignId(c.fingerprint.user_agents, c.classes, [...ips].sort()[0] ?? '');
    used.add(c.id);
  }
  await saveCampaigns(store, built, prefixLen, options.commitWith ?? []);
  const clustered = groups.reduce((a, g) => a + g.members.length, 0);
  return { campaigns: built.map((b) => b.campaign), unclustered_clients: flaggedUnits - clustered };
}

/**
 * Origins of the grouped units: an IPv6 prefix takes the origin of its lowest address. Only
 * the members' (at most the 50,000 profiled units): all 371,000 flagged addresses of a 2M
 * spray, aggregated at once, would not fit DuckDB's memory limit.
 */
async function loadOrigins(store: Store, ipv6PrefixLen: number, units: readonly string[]): Promise<Map<string, ClientOrigin>> {
  const rows = await unitOrigins(store, ipv6PrefixLen, units);
  return new Map(rows.map((r) => [String(r.ip), {
    country: r.country === null ? null : String(r.country),
    org: r.org === null ? null : String(r.org),
    asn: r.asn === null ? null : Number(r.asn),
    network: String(r.network),
    verdict: (ORIGIN_VERDICTS as readonly string[]).includes(String(r.verdict)) ? (r.verdict as OriginVerdict) : 'unknown',
    confidence: Number(r.confidence),
  }]));
}

/** Replaces the campaign tables in one transaction; rows go as one JSON parameter per table. */
async function saveCampaigns(store: Store, built: ReadonlyArray<{ campaign: Campaign; ips: string[] }>, ipv6PrefixLen: number, commitWith: ReadonlyArray<{ sql: string; params?: Record<string, SqlValue> }>): Promise<void> {
  const rows = built.map(({ campaign: c }): CampaignRow => ({
    campaign_id: c.id, clients: c.clients, requests: c.requests, first_seen: c.first_seen, last_seen: c.last_seen,
    classes: c.classes, countries: c.countries, networks: { operators: c.networks, types: c.network_types },
    verdict: c.verdict, obscured_share: c.obscured_share, utc_offset_hours: c.utc_offset_hours, hours: c.hours,
    confidence: c.confidence, reasons: c.reasons, reasons_fr: c.reasons_fr, operator: c.operator,
    fingerprint: { ...c.fingerprint, flagged_requests: c.flagged_requests, utc_offset_confidence: c.utc_offset_confidence, site_finding: c.site_finding ?? null },
  }));
  const links = built.flatMap(({ campaign, ips }) => ips.map((ip) => ({ campaign_id: campaign.id, ip })));
  // One store transaction: a server's other writers never land inside it.
  await store.transaction([...replaceCampaigns(rows, links, ipv6PrefixLen), ...commitWith]);
}
