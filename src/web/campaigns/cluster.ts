import type { ClientProfile } from './client-profile.js';
import { linkKind, similarity, type LinkKind } from './link-clients.js';

/** A group of linked clients and what linked them. */
export interface ClientGroup {
  members: ClientProfile[];
  /** Links inside the group, by kind. */
  links: Record<LinkKind, number>;
  /** Mean overall similarity of the linked pairs (1 for a single client). */
  cohesion: number;
}

/**
 * Tokens shared by more clients than this are not used to find candidate pairs (every pair
 * would be a candidate); pairs sharing only such tokens are not compared. Keeps clustering
 * near-linear on tens of thousands of flagged clients.
 */
export const MAX_BUCKET = 2000;

/**
 * Groups flagged clients into campaigns: the connected components of the links of
 * `linkKind` (single linkage over explainable links), deterministic for the same profiles
 * whatever their order. Only pairs sharing a rare user agent, a rare path or a rule are compared.
 *
 * @example
 * clusterClients(profiles).map((g) => g.members.map((m) => m.ip))
 */
export function clusterClients(profiles: readonly ClientProfile[]): ClientGroup[] {
  const sorted = [...profiles].sort((a, b) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0));
  const parent = sorted.map((_, i) => i);
  const find = (i: number): number => {
    while (parent[i] !== i) i = parent[i] = parent[parent[i]!]!;
    return i;
  };
  const edges: Array<{ a: number; b: number; kind: LinkKind; overall: number }> = [];
  for (const [a, b] of candidatePairs(sorted)) {
    const s = similarity(sorted[a]!, sorted[b]!);
    const kind = linkKind(s);
    if (kind === null) continue;
    edges.push({ a, b, kind, overall: s.overall });
    const ra = find(a);
    const rb = find(b);
    if (ra !== rb) parent[Math.max(ra, rb)] = Math.min(ra, rb);
  }
  const groups = new Map<number, ClientGroup & { sum: number; count: number }>();
  sorted.forEach((p, i) => {
    const root = find(i);
    let g = groups.get(root);
    if (!g) groups.set(root, (g = { members: [], links: { 'same-tool': 0, 'same-targets': 0, similar: 0 }, cohesion: 1, sum: 0, count: 0 }));
    g.members.push(p);
  });
  for (const e of edges) {
    const g = groups.get(find(e.a))!;
    g.links[e.kind]++;
    g.sum += e.overall;
    g.count++;
  }
  return [...groups.values()].map(({ members, links, sum, count }) => ({ members, links, cohesion: count === 0 ? 1 : sum / count }));
}

/** Index pairs (a < b) sharing at least one rare user agent, rare path or rule. */
function candidatePairs(profiles: readonly ClientProfile[]): Array<[number, number]> {
  const buckets = new Map<string, number[]>();
  const add = (token: string, i: number): void => {
    let b = buckets.get(token);
    if (!b) buckets.set(token, (b = []));
    b.push(i);
  };
  profiles.forEach((p, i) => {
    for (const ua of p.userAgents.keys()) add(`u\t${ua}`, i);
    for (const path of p.paths.keys()) add(`p\t${path}`, i);
    for (const rule of p.rules) add(`r\t${rule}`, i);
  });
  const seen = new Set<number>();
  const pairs: Array<[number, number]> = [];
  const n = profiles.length;
  for (const members of buckets.values()) {
    if (members.length < 2 || members.length > MAX_BUCKET) continue;
    for (let x = 0; x < members.length; x++) {
      for (let y = x + 1; y < members.length; y++) {
        const key = members[x]! * n + members[y]!;
        if (seen.has(key)) continue;
        seen.add(key);
        pairs.push([members[x]!, members[y]!]);
      }
    }
  }
  return pairs.sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}
