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
  const accountIds = new Map<string, number>();
  const names: string[] = [];
  const account = new Int32Array(posts.length);
  for (let i = 0; i < posts.length; i++) {
    const name = posts[i]!.account;
    let id = accountIds.get(name);
    if (id === undefined) { id = names.length; accountIds.set(name, id); names.push(name); }
    account[i] = id;
  }
  const weights = new Weights(names.length);
  if (o.type === 'co_similar') similarPartners(posts, account, o, weights); else keyedPartners(posts, account, o, weights);
  const edges: NetworkEdge[] = [];
  for (const [key, weight] of weights.counts) {
    if (weight >= o.minWeight) edges.push({ source: names[Math.floor(key / names.length)]!, target: names[key % names.length]!, weight });
  }
  return edges.sort((a, b) => (a.source < b.source ? -1 : a.source > b.source ? 1 : a.target < b.target ? -1 : a.target > b.target ? 1 : 0));
}

/**
 * Edge weights u→v: each post of u adds one to u→v once, whatever the number of v's posts
 * that match it. A post's partners are given together (one {@link begin}, then {@link add}
 * for each), and a stamp per account keeps each partner once.
 */
class Weights {
  readonly counts = new Map<number, number>();
  private readonly stamp: Int32Array;
  private current = 0;
  private source = 0;
  constructor(private readonly accounts: number) { this.stamp = new Int32Array(accounts); }
  begin(sourceAccount: number): void { this.current++; this.source = sourceAccount; }
  add(targetAccount: number): void {
    if (this.stamp[targetAccount] === this.current) return;
    this.stamp[targetAccount] = this.current;
    const key = this.source * this.accounts + targetAccount;
    this.counts.set(key, (this.counts.get(key) ?? 0) + 1);
  }
}

/** The keys a post is matched on in a keyed network. */
function keysOf(p: NetworkPost, type: NetworkType): readonly string[] {
  switch (type) {
    case 'co_retweet': return p.repost_of ? [p.repost_of] : [];
    case 'co_tweet': return p.repost_of ? [] : [qutMessageKey(p.text)];
    case 'co_link': return p.repost_of ? [] : [...new Set(p.urls.filter((u) => u !== ''))];
    case 'co_reply': return !p.repost_of && p.reply_to ? [p.reply_to] : [];
    default: return [];
  }
}

/** For each post, the accounts of other posts sharing a key within the window. */
function keyedPartners(posts: readonly NetworkPost[], account: Int32Array, o: NetworkOptions, weights: Weights): void {
  const byKey = new Map<string, number[]>();
  // Posts with several keys (co_link: several links) gather their partners over all of them.
  const multi = new Map<number, Set<number>>();
  for (let i = 0; i < posts.length; i++) {
    const keys = keysOf(posts[i]!, o.type);
    if (keys.length > 1) multi.set(i, new Set());
    for (const k of keys) {
      const list = byKey.get(k);
      if (list) list.push(i); else byKey.set(k, [i]);
    }
  }
  const ts = (i: number): number => posts[i]!.ts;
  for (const list of byKey.values()) {
    if (list.length < 2) continue;
    list.sort((a, b) => ts(a) - ts(b));
    let lo = 0;
    for (let x = 0; x < list.length; x++) {
      const px = list[x]!;
      const t = ts(px);
      while (ts(list[lo]!) < t - o.windowSecs) lo++;
      const gathered = multi.get(px);
      weights.begin(account[px]!);
      for (let y = lo; y < list.length; y++) {
        const py = list[y]!;
        if (ts(py) > t + o.windowSecs) break;
        if (y === x || posts[py]!.id === posts[px]!.id) continue;
        if (gathered) gathered.add(account[py]!); else weights.add(account[py]!);
      }
    }
  }
  for (const [px, set] of multi) {
    weights.begin(account[px]!);
    for (const v of set) weights.add(v);
  }
}

/** co_similar: each non-repost post against every non-repost post within the window. */
function similarPartners(posts: readonly NetworkPost[], account: Int32Array, o: NetworkOptions, weights: Weights): void {
  const threshold = o.similarity ?? 0.8;
  const minTokens = Math.max(1, o.minTokens ?? 1);
  const ids = new Map<string, number>();
  const items: Array<{ i: number; ts: number; tokens: Int32Array }> = [];
  posts.forEach((p, i) => {
    if (p.repost_of) return;
    const words = qutTokenSet(p.text);
    if (words.length < minTokens) return;
    const tokens = new Int32Array(words.length);
    for (let k = 0; k < words.length; k++) {
      let id = ids.get(words[k]!);
      if (id === undefined) { id = ids.size; ids.set(words[k]!, id); }
      tokens[k] = id;
    }
    items.push({ i, ts: p.ts, tokens: tokens.sort() });
  });
  items.sort((a, b) => a.ts - b.ts);
  let lo = 0;
  for (let x = 0; x < items.length; x++) {
    const a = items[x]!;
    while (items[lo]!.ts < a.ts - o.windowSecs) lo++;
    weights.begin(account[a.i]!);
    for (let y = lo; y < items.length; y++) {
      const b = items[y]!;
      if (b.ts > a.ts + o.windowSecs) break;
      if (y === x) continue;
      // Jaccard is at most the ratio of the sizes: most pairs are ruled out without a merge.
      const small = Math.min(a.tokens.length, b.tokens.length), large = Math.max(a.tokens.length, b.tokens.length);
      if (small < threshold * large) continue;
      if (posts[b.i]!.id === posts[a.i]!.id || jaccard(a.tokens, b.tokens) < threshold) continue;
      weights.add(account[b.i]!);
    }
  }
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
