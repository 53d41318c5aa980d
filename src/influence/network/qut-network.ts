import { qutMessageKey, qutTokenSet } from './qut-tokens.js';

/** The network types of the QUT toolkit that `vigie influence network` computes. */
export const NETWORK_TYPES = ['co_retweet', 'co_tweet', 'co_link', 'co_reply', 'co_similar'] as const;
export type NetworkType = (typeof NETWORK_TYPES)[number];

/** What a network needs of a post. */
export interface NetworkPost {
  id: string;
  account: string;
  ts: number;
  text: string;
  urls: readonly string[];
  reply_to: string | null;
  repost_of: string | null;
}

export interface NetworkOptions {
  type: NetworkType;
  /** Two posts match when |Δt| ≤ this many seconds (inclusive, as the toolkit). */
  windowSecs: number;
  minWeight: number;
  /** co_similar: Jaccard similarity of token sets at least this (toolkit CLI default 0.8). */
  similarity?: number;
  /** co_similar: posts with fewer tokens match nothing (toolkit CLI default 1). */
  minTokens?: number;
}

/** A directed edge: `weight` is how many distinct posts of `source` matched a post of `target`. */
export interface NetworkEdge {
  source: string;
  target: string;
  weight: number;
}

/**
 * The QUT coordination-network-toolkit's networks with its semantics: an edge u→v weighs the
 * number of u's distinct posts that have a matching post of v (another post) within the
 * window; edges are directed and asymmetric, self-loops included (dropped on export unless
 * asked), kept when weight ≥ minWeight. Reposts take part only in co_retweet; co_link looks at
 * the links of posts that are not reposts. One difference, on purpose: an empty link is no
 * link (the toolkit's CSV import makes every post without a link share the link '', its
 * issue #46).
 *
 * Posts with the same key (repost target, text key, link, reply target) are sorted by time
 * and matched with a sliding window, so the cost is the number of matching pairs, not all
 * pairs; co_similar compares each post with the posts within the window.
 */
export function computeNetwork(posts: readonly NetworkPost[], o: NetworkOptions): NetworkEdge[] {
  const partners = o.type === 'co_similar' ? similarPartners(posts, o) : keyedPartners(posts, o);
  const weights = new Map<string, Map<string, number>>();
  for (const [i, set] of partners) {
    const u = posts[i]!.account;
    let row = weights.get(u);
    if (!row) weights.set(u, (row = new Map()));
    for (const v of set) row.set(v, (row.get(v) ?? 0) + 1);
  }
  const edges: NetworkEdge[] = [];
  for (const [source, row] of weights) for (const [target, weight] of row) if (weight >= o.minWeight) edges.push({ source, target, weight });
  return edges.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

/** The keys a post is matched on in a keyed network. */
function keysOf(p: NetworkPost, type: NetworkType): readonly string[] {
  switch (type) {
    case 'co_retweet': return p.repost_of ? [p.repost_of] : [];
    case 'co_tweet': return p.repost_of ? [] : [qutMessageKey(p.text)];
    case 'co_link': return p.repost_of ? [] : p.urls.filter((u) => u !== '');
    case 'co_reply': return !p.repost_of && p.reply_to ? [p.reply_to] : [];
    default: return [];
  }
}

/** For each post index, the accounts of other posts sharing a key within the window. */
function keyedPartners(posts: readonly NetworkPost[], o: NetworkOptions): Map<number, Set<string>> {
  const byKey = new Map<string, number[]>();
  posts.forEach((p, i) => {
    for (const k of new Set(keysOf(p, o.type))) {
      const list = byKey.get(k);
      if (list) list.push(i); else byKey.set(k, [i]);
    }
  });
  const out = new Map<number, Set<string>>();
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => posts[a]!.ts - posts[b]!.ts);
    let lo = 0;
    for (let x = 0; x < list.length; x++) {
      const t = posts[list[x]!]!.ts;
      while (posts[list[lo]!]!.ts < t - o.windowSecs) lo++;
      for (let y = lo; y < list.length; y++) {
        const q = posts[list[y]!]!;
        if (q.ts > t + o.windowSecs) break;
        if (y === x || q.id === posts[list[x]!]!.id) continue;
        let set = out.get(list[x]!);
        if (!set) out.set(list[x]!, (set = new Set()));
        set.add(q.account);
      }
    }
  }
  return out;
}

/** co_similar: each non-repost post against every non-repost post within the window. */
function similarPartners(posts: readonly NetworkPost[], o: NetworkOptions): Map<number, Set<string>> {
  const threshold = o.similarity ?? 0.8;
  const minTokens = Math.max(1, o.minTokens ?? 1);
  const ids = new Map<string, number>();
  const items: Array<{ i: number; ts: number; tokens: Int32Array }> = [];
  posts.forEach((p, i) => {
    if (p.repost_of) return;
    const tokens = Int32Array.from(qutTokenSet(p.text).map((t) => ids.get(t) ?? (ids.set(t, ids.size), ids.size - 1))).sort();
    if (tokens.length >= minTokens) items.push({ i, ts: p.ts, tokens });
  });
  items.sort((a, b) => a.ts - b.ts);
  const out = new Map<number, Set<string>>();
  let lo = 0;
  for (let x = 0; x < items.length; x++) {
    const a = items[x]!;
    while (items[lo]!.ts < a.ts - o.windowSecs) lo++;
    for (let y = lo; y < items.length; y++) {
      const b = items[y]!;
      if (b.ts > a.ts + o.windowSecs) break;
      if (y === x) continue;
      // Jaccard is at most the ratio of the sizes: most pairs are ruled out without a merge.
      const small = Math.min(a.tokens.length, b.tokens.length), large = Math.max(a.tokens.length, b.tokens.length);
      if (small < threshold * large) continue;
      if (posts[b.i]!.id === posts[a.i]!.id || jaccard(a.tokens, b.tokens) < threshold) continue;
      let set = out.get(a.i);
      if (!set) out.set(a.i, (set = new Set()));
      set.add(posts[b.i]!.account);
    }
  }
  return out;
}

/** Jaccard similarity of two sorted sets of integers. */
export function jaccard(a: Int32Array, b: Int32Array): number {
  let i = 0, j = 0, both = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) { both++; i++; j++; } else if (a[i]! < b[j]!) i++; else j++;
  }
  const union = a.length + b.length - both;
  return union === 0 ? 0 : both / union;
}
