import type { Reason } from '../../core/module/index.js';
import { contentWords, hasHan, shingles, toSimplified } from '../normalise/text.js';
import { normaliseUrl } from '../normalise/url.js';
import type { StoredPost } from '../repository.js';
import { coActionEdges, DEFAULT_CO_ACTION, SIGNALS, WINDOW_SECS, type Action, type CoActionEdge, type CoActionOptions, type Signal } from './co-action.js';
import { nearDuplicateClusters } from './near-duplicates.js';
import { likelyUtcOffset } from './utc-offset.js';

/** Texts with fewer words are too short to call copies ("Wow!", "+1"). */
export const MIN_TEXT_WORDS = 6;
/** Jaccard similarity of word-and-pair shingles that makes two texts near-identical. */
export const NEAR_DUPLICATE_JACCARD = 0.6;

/** A group of accounts acting together, as `influence scan --json` writes it. */
export interface InfluenceGroup {
  id: string;
  accounts: string[];
  posts: string[];
  signals: Partial<Record<Signal, number>>;
  score: number;
  first: string;
  last: string;
  platforms: string[];
  langs: string[];
  channels: string[];
  utc_offset_hours: number | null;
  active_hours_utc: number[];
  targets: string[];
  narratives: string[];
  reasons: Reason[];
  reasons_fr?: string[];
  reasons_en?: string[];
}

/** Near-identical messages across accounts, scripts and platforms. */
export interface Narrative {
  id: string;
  posts: string[];
  accounts: number;
  langs: string[];
  platforms: string[];
  scripts: string[];
  first: string;
  last: string;
  sample_text: string;
}

export interface ScanResult {
  groups: InfluenceGroup[];
  narratives: Narrative[];
  evidence: Array<{ group: string; signal: string; item: string; postA: string; postB: string; accountA: string; accountB: string; gapSecs: number }>;
  stats: { posts: number; accounts: number; items: Record<string, number>; edges: number; flagged_accounts: number };
}

const iso = (ts: number): string => new Date(ts * 1000).toISOString().replace('.000Z', 'Z');

/**
 * Find coordinated groups and narratives in posts: near-identical texts are clustered
 * (Traditional → Simplified, jieba words, MinHash + LSH), each post's actions are listed per
 * signal (repost target, normalised link, text cluster, rare hashtag, forward into a group
 * chat, reply target), the co-action graph is fused ({@link coActionEdges}) and its connected
 * components are the groups.
 */
export function scanPosts(posts: readonly StoredPost[], options: CoActionOptions = DEFAULT_CO_ACTION): ScanResult {
  const accountIds = new Map<string, number>();
  const accountNames: string[] = [];
  const acc = (name: string): number => {
    let id = accountIds.get(name);
    if (id === undefined) { id = accountNames.length; accountIds.set(name, id); accountNames.push(name); }
    return id;
  };
  const sets = posts.map((p) => {
    if (p.repost_of) return new Uint32Array(0);
    const words = contentWords(p.text);
    return words.length >= MIN_TEXT_WORDS ? shingles(words) : new Uint32Array(0);
  });
  const cluster = nearDuplicateClusters(sets, NEAR_DUPLICATE_JACCARD);

  const items = new Map<string, { signal: Signal; actions: Action[] }>();
  const add = (signal: Signal, item: string, action: Action): void => {
    const key = `${signal}\u0001${item}`;
    const entry = items.get(key);
    if (entry) entry.actions.push(action); else items.set(key, { signal, actions: [action] });
  };
  posts.forEach((p, i) => {
    const action: Action = { account: acc(p.account), post: i, ts: p.ts, channel: p.channel };
    if (p.repost_of) { add('co_repost', p.repost_of, action); return; }
    for (const u of new Set(p.urls.map((x) => normaliseUrl(x)).filter((x): x is string => x !== null))) add('co_link', u, action);
    for (const h of new Set(p.hashtags.map((x) => toSimplified(x.normalize('NFKC').toLowerCase())))) add('co_hashtag', h, action);
    if (p.reply_to) add('co_reply', p.reply_to, action);
    if (cluster[i]! >= 0) add(p.channel ? 'forward' : 'co_text', String(cluster[i]), action);
  });

  const edges = coActionEdges(items, options, (i) => posts[i]!.ts);
  const groups = components(edges, accountNames.length);
  const narratives = describeNarratives(posts, cluster);
  const narrativeOf = new Map<number, string>();
  for (const n of narratives.list) for (const i of n.indices) narrativeOf.set(i, n.narrative.id);

  const described = groups.map((g) => describeGroup(g, posts, accountNames, narrativeOf))
    .sort((x, y) => y.group.score - x.group.score || y.group.accounts.length - x.group.accounts.length || (x.group.accounts[0]! < y.group.accounts[0]! ? -1 : 1));
  const evidence: ScanResult['evidence'] = [];
  described.forEach((d, k) => {
    d.group.id = `G${k + 1}`;
    for (const e of d.edges) for (const s of e.items) {
      evidence.push({ group: d.group.id, signal: s.signal, item: s.item.split('\u0001')[1]!, postA: posts[s.postA]!.id, postB: posts[s.postB]!.id, accountA: posts[s.postA]!.account, accountB: posts[s.postB]!.account, gapSecs: s.gapSecs });
    }
  });
  const itemCounts: Record<string, number> = {};
  for (const { signal } of items.values()) itemCounts[signal] = (itemCounts[signal] ?? 0) + 1;
  return {
    groups: described.map((d) => d.group),
    narratives: narratives.list.map((n) => n.narrative),
    evidence,
    stats: { posts: posts.length, accounts: accountNames.length, items: itemCounts, edges: edges.length, flagged_accounts: described.reduce((s, d) => s + d.group.accounts.length, 0) },
  };
}

/** Connected components of the edges (accounts with no edge are left out). */
function components(edges: readonly CoActionEdge[], n: number): CoActionEdge[][] {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => { while (parent[x] !== x) { parent[x] = parent[parent[x]!]!; x = parent[x]!; } return x; };
  for (const e of edges) { const a = find(e.a), b = find(e.b); if (a !== b) parent[Math.max(a, b)] = Math.min(a, b); }
  const byRoot = new Map<number, CoActionEdge[]>();
  for (const e of edges) {
    const r = find(e.a);
    const list = byRoot.get(r);
    if (list) list.push(e); else byRoot.set(r, [e]);
  }
  return [...byRoot.values()];
}

function describeGroup(edges: CoActionEdge[], posts: readonly StoredPost[], names: readonly string[], narrativeOf: ReadonlyMap<number, string>): { group: InfluenceGroup; edges: CoActionEdge[] } {
  const accounts = new Set<number>();
  const postSet = new Set<number>();
  const signalItems = new Map<Signal, Set<string>>();
  let ratio = 0;
  for (const e of edges) {
    accounts.add(e.a); accounts.add(e.b);
    ratio += e.syncRatio;
    for (const s of e.items) {
      for (const p of s.posts) postSet.add(p);
      let set = signalItems.get(s.signal);
      if (!set) signalItems.set(s.signal, (set = new Set()));
      set.add(s.item);
    }
  }
  const idx = [...postSet].sort((a, b) => posts[a]!.ts - posts[b]!.ts || a - b);
  const hours = new Array<number>(24).fill(0);
  const platforms = new Set<string>(), langs = new Set<string>(), channels = new Set<string>(), narratives = new Set<string>();
  const targets = new Map<string, number>();
  let han = 0, trad = 0;
  for (const i of idx) {
    const p = posts[i]!;
    hours[new Date(p.ts * 1000).getUTCHours()]!++;
    platforms.add(p.platform);
    if (p.lang) langs.add(p.lang);
    if (p.channel) channels.add(p.channel);
    const n = narrativeOf.get(i);
    if (n) narratives.add(n);
    for (const m of p.mentions) targets.set(`@${m}`, (targets.get(`@${m}`) ?? 0) + 1);
    if (p.reply_to) targets.set(p.reply_to, (targets.get(p.reply_to) ?? 0) + 1);
    if (hasHan(p.text)) { han++; if (toSimplified(p.text) !== p.text) trad++; }
  }
  const signals: Partial<Record<Signal, number>> = {};
  for (const s of SIGNALS) if (signalItems.has(s)) signals[s] = signalItems.get(s)!.size;
  const coActions = [...signalItems.values()].reduce((s, x) => s + x.size, 0);
  const meanRatio = ratio / edges.length;
  const score = Math.round((0.5 * (1 - Math.exp(-coActions / 10)) + 0.25 * Math.min(1, signalItems.size / 3) + 0.25 * Math.min(1, meanRatio)) * 100) / 100;
  const first = posts[idx[0]!]!.ts, last = posts[idx[idx.length - 1]!]!.ts;
  const offset = likelyUtcOffset(hours);
  const topTargets = [...targets.entries()].filter(([, n]) => n >= 2).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 10).map(([t]) => t);
  const reasons: Reason[] = [{ code: 'influence.group', params: { accounts: accounts.size, actions: coActions, days: Math.max(1, Math.ceil((last - first) / 86_400)) } }];
  for (const s of SIGNALS) {
    if (!signals[s]) continue;
    const params: Record<string, number> = { window: WINDOW_SECS[s], count: signals[s]! };
    if (s === 'forward') params.channels = channels.size;
    reasons.push({ code: `influence.signal.${s}`, params });
  }
  if (han > 0 && trad > 0 && trad < han) reasons.push({ code: 'influence.scripts' });
  if (platforms.size > 1) reasons.push({ code: 'influence.platforms', params: { platforms: [...platforms].sort() } });
  if (offset !== null) reasons.push({ code: 'influence.utc_offset', params: { offset: offset >= 0 ? `+${offset}` : String(offset) } });
  if (topTargets.length > 0) reasons.push({ code: 'influence.targets', params: { targets: topTargets.slice(0, 5) } });
  return {
    edges,
    group: {
      id: '', accounts: [...accounts].map((a) => names[a]!).sort(), posts: idx.map((i) => posts[i]!.id), signals, score,
      first: iso(first), last: iso(last), platforms: [...platforms].sort(), langs: [...langs].sort(), channels: [...channels].sort(),
      utc_offset_hours: offset, active_hours_utc: hours, targets: topTargets, narratives: [...narratives].sort(), reasons,
    },
  };
}

/** Clusters of near-identical posts by two accounts or more, largest first. */
function describeNarratives(posts: readonly StoredPost[], cluster: Int32Array): { list: Array<{ narrative: Narrative; indices: number[] }> } {
  const byCluster = new Map<number, number[]>();
  cluster.forEach((c, i) => { if (c >= 0) { const l = byCluster.get(c); if (l) l.push(i); else byCluster.set(c, [i]); } });
  const list: Array<{ narrative: Narrative; indices: number[] }> = [];
  for (const indices of byCluster.values()) {
    const accounts = new Set(indices.map((i) => posts[i]!.account));
    if (accounts.size < 2) continue;
    indices.sort((a, b) => posts[a]!.ts - posts[b]!.ts || a - b);
    const scripts = new Set<string>();
    for (const i of indices) { const t = posts[i]!.text; if (hasHan(t)) scripts.add(toSimplified(t) === t ? 'zh-Hans' : 'zh-Hant'); else scripts.add('latin-or-other'); }
    list.push({
      indices,
      narrative: {
        id: '', posts: indices.map((i) => posts[i]!.id), accounts: accounts.size,
        langs: [...new Set(indices.map((i) => posts[i]!.lang).filter((l): l is string => !!l))].sort(),
        platforms: [...new Set(indices.map((i) => posts[i]!.platform))].sort(), scripts: [...scripts].sort(),
        first: iso(posts[indices[0]!]!.ts), last: iso(posts[indices[indices.length - 1]!]!.ts),
        sample_text: posts[indices[0]!]!.text.slice(0, 280),
      },
    });
  }
  list.sort((a, b) => b.indices.length - a.indices.length || a.indices[0]! - b.indices[0]!);
  list.forEach((n, k) => { n.narrative.id = `N${k + 1}`; });
  return { list };
}
