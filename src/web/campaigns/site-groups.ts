import { renderText } from '../../core/module/index.js';
import type { Store } from '../../store/index.js';
import { loadSiteFindings, siteGroupRequests } from '../repository/site-findings.js';
import { SITE_TEXT } from '../distributed/text.js';
import type { Campaign, ClientOrigin } from './campaign.js';
import { normaliseUserAgent, type ClientProfile } from './client-profile.js';
import { campaignId, describeCampaign } from './describe-campaign.js';

/** The addresses of one site-level finding as a group, with what they share. */
export interface SiteGroup {
  findingId: string;
  class: string;
  endpoint: string;
  members: ClientProfile[];
  statuses: Record<string, number>;
  methods: string[];
  /** The most frequent response size of their requests to the target. */
  bytes: number;
}

/**
 * Each stored site finding's addresses as a campaign group, none needing a finding of its own:
 * their requests in the finding's window (the target endpoint's, or the probed paths'), with
 * user agents, statuses, methods, response sizes and hours (the UTC offset comes from these).
 */
export async function loadSiteGroups(store: Store): Promise<SiteGroup[]> {
  const groups: SiteGroup[] = [];
  for (const f of await loadSiteFindings(store)) {
    if (f.ips.length === 0) continue;
    const rows = await siteGroupRequests(store, f);
    const members = new Map<string, ClientProfile>();
    const statuses: Record<string, number> = {};
    const methods = new Set<string>();
    const sizes = new Map<number, number>();
    for (const r of rows) {
      const ip = String(r.ip);
      let p = members.get(ip);
      if (!p) {
        members.set(ip, (p = {
          ip, requests: 0, flaggedRequests: 0, firstSeen: String(r.ts), lastSeen: String(r.ts), userAgents: new Map(), allUserAgents: new Map(),
          rules: new Set([`site:${f.class}`]), classes: new Set([f.class]), paths: new Map([[f.endpoint, 1]]), encodings: new Set(), hours: new Array<number>(24).fill(0), days: new Set(),
        }));
      }
      p.requests++;
      const ts = String(r.ts);
      if (ts < p.firstSeen) p.firstSeen = ts;
      if (ts > p.lastSeen) p.lastSeen = ts;
      if (r.on_target !== true) continue;
      p.flaggedRequests++;
      p.hours[Number(r.h)]!++;
      p.days.add(String(r.d));
      const ua = normaliseUserAgent(String(r.ua));
      p.allUserAgents.set(ua, (p.allUserAgents.get(ua) ?? 0) + 1);
      statuses[String(r.status)] = (statuses[String(r.status)] ?? 0) + 1;
      methods.add(String(r.method));
      sizes.set(Number(r.bytes), (sizes.get(Number(r.bytes)) ?? 0) + 1);
    }
    const bytes = [...sizes].sort((a, b) => b[1] - a[1] || a[0] - b[0])[0]?.[0] ?? 0;
    groups.push({ findingId: f.id, class: f.class, endpoint: f.endpoint, members: [...members.values()], statuses, methods: [...methods].sort(), bytes });
  }
  return groups;
}

/**
 * A site group as a campaign: described as any campaign (origins, countries, UTC offset from its
 * hours), its first reason saying what the addresses share instead of which pairs were linked.
 */
export function describeSiteCampaign(g: SiteGroup, origins: ReadonlyMap<string, ClientOrigin>, home?: string): Campaign {
  const c = describeCampaign({ members: g.members, links: { 'same-tool': 0, 'same-targets': 0, similar: 0 }, cohesion: 1 }, origins, home);
  const statuses = Object.entries(g.statuses).sort((a, b) => b[1] - a[1]).slice(0, 4).map(([s, n]) => `${s} ×${n}`).join(', ');
  const params = (lang: 'en' | 'fr') => ({
    clients: g.members.length, endpoint: g.endpoint, statuses, methods: g.methods.join('/'), bytes: g.bytes,
    user_agents: c.fingerprint.user_agents.map((u) => `'${u.slice(0, 60)}'`).join(', ') || '-',
    what: renderText({ code: `web.site.what.${g.class}` }, lang, [SITE_TEXT]),
  });
  c.id = campaignId(c.fingerprint.user_agents, c.classes, g.findingId);
  c.reasons[0] = renderText({ code: 'web.site.campaign', params: params('en') }, 'en', [SITE_TEXT]);
  c.reasons_fr[0] = renderText({ code: 'web.site.campaign', params: params('fr') }, 'fr', [SITE_TEXT]);
  c.fingerprint.paths = [g.endpoint];
  c.site_finding = g.findingId;
  return c;
}
