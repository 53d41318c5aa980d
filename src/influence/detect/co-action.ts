/** The kinds of co-action vigie fuses into one graph. */
export const SIGNALS = ['co_repost', 'co_link', 'co_text', 'co_hashtag', 'forward', 'co_reply'] as const;
export type Signal = (typeof SIGNALS)[number];

/**
 * How close in time two accounts must act on the same item to count as acting together, per
 * signal: reposts within seconds, links and hashtags within minutes, near-identical text
 * within ten minutes, a message forwarded into group chats within half an hour.
 */
export const WINDOW_SECS: Record<Signal, number> = {
  co_repost: 30, co_link: 300, co_text: 600, co_hashtag: 300, forward: 1800, co_reply: 120,
};

/** One account acting on one item (a repost target, a link, a text cluster, a hashtag...). */
export interface Action {
  account: number;
  post: number;
  ts: number;
  channel: string | null;
}

/** Thresholds of an edge (see {@link coActionEdges}). */
export interface CoActionOptions {
  /**
   * Acting together at least this many times, counted both as distinct items and as distinct
   * hours (one shared burst, or one post carrying a link, a tag and a text, is not coordination).
   */
  minItems: number;
  /** Weighted items at least (an item of a large crowd weighs less). */
  minScore: number;
  /** Of the items both accounts acted on at all, the share they acted on together, at least. */
  minSyncRatio: number;
  /** An item acted on by more accounts than this is public (a trending tag, a viral article): no pairs. */
  maxCrowd: number;
  /**
   * An item acted on by up to this many accounts weighs 1; beyond, `(crowd / accounts)²`: in a
   * crowd, some pairs meet within seconds on several items by chance alone (80 fans reposting
   * a star 25 times give a few pairs that meet on 6 of their 12 shared reposts).
   */
  crowd: number;
}

export const DEFAULT_CO_ACTION: CoActionOptions = { minItems: 3, minScore: 3, minSyncRatio: 0.5, maxCrowd: 150, crowd: 30 };

/** One item two accounts acted on together, with the closest pair of posts and all posts involved. */
export interface SyncItem {
  signal: Signal;
  item: string;
  weight: number;
  postA: number;
  postB: number;
  gapSecs: number;
  posts: Set<number>;
}

/** An edge of the fused graph: two accounts (a < b), what they did together, and why it counts. */
export interface CoActionEdge {
  a: number;
  b: number;
  items: SyncItem[];
  score: number;
  shared: number;
  syncRatio: number;
  /** Distinct hours in which the two acted together. */
  episodes: number;
}

/**
 * The fused co-action graph. For each signal and item, the item's actions are sorted by time
 * and every two accounts acting within the signal's window are paired (a sliding window: cost
 * is the number of such pairs). An edge needs repeated co-action on distinct items
 * (`minItems`), weighted so that crowds count less (`crowd`, `maxCrowd`: a debate's hashtag or
 * an article shared by hundreds is not a plan), and a high synchrony ratio: of all the items
 * both accounts ever acted on, most were acted on together (`minSyncRatio`). The ratio is the
 * null model: fans who retweet the same star all month, or readers of the same outlet, share
 * many items but meet within seconds on few; a campaign meets on nearly all.
 */
export function coActionEdges(items: ReadonlyMap<string, { signal: Signal; actions: Action[] }>, o: CoActionOptions = DEFAULT_CO_ACTION, postTime: (post: number) => number = () => 0): CoActionEdge[] {
  const pairs = new Map<number, Map<string, SyncItem>>();
  const accountItems = new Map<number, Set<string>>();
  const BASE = 2 ** 26;
  for (const [key, { signal, actions }] of items) {
    const accounts = new Set(actions.map((x) => x.account));
    for (const acc of accounts) {
      let set = accountItems.get(acc);
      if (!set) accountItems.set(acc, (set = new Set()));
      set.add(key);
    }
    if (accounts.size < 2 || accounts.size > o.maxCrowd) continue;
    const weight = Math.min(1, (o.crowd / accounts.size) ** 2);
    const window = WINDOW_SECS[signal];
    const sorted = [...actions].sort((x, y) => x.ts - y.ts);
    for (let i = 0; i < sorted.length; i++) {
      const x = sorted[i]!;
      for (let j = i + 1; j < sorted.length; j++) {
        const y = sorted[j]!;
        if (y.ts - x.ts > window) break;
        if (x.account === y.account) continue;
        if (signal === 'forward' && (x.channel === null || y.channel === null || x.channel === y.channel)) continue;
        const [a, b, pa, pb] = x.account < y.account ? [x.account, y.account, x.post, y.post] : [y.account, x.account, y.post, x.post];
        const pk = a * BASE + b;
        let map = pairs.get(pk);
        if (!map) pairs.set(pk, (map = new Map()));
        const gap = y.ts - x.ts;
        const seen = map.get(key);
        if (!seen) map.set(key, { signal, item: key, weight, postA: pa, postB: pb, gapSecs: gap, posts: new Set([pa, pb]) });
        else {
          seen.posts.add(pa); seen.posts.add(pb);
          if (gap < seen.gapSecs) { seen.postA = pa; seen.postB = pb; seen.gapSecs = gap; }
        }
      }
    }
  }
  const edges: CoActionEdge[] = [];
  for (const [pk, map] of pairs) {
    if (map.size < o.minItems) continue;
    const list = [...map.values()];
    const score = list.reduce((s, x) => s + x.weight, 0);
    if (score < o.minScore) continue;
    const episodes = new Set(list.map((x) => Math.floor(postTime(x.postA) / 3600))).size;
    if (episodes < o.minItems) continue;
    const a = Math.floor(pk / BASE), b = pk % BASE;
    const ia = accountItems.get(a)!, ib = accountItems.get(b)!;
    const [small, large] = ia.size < ib.size ? [ia, ib] : [ib, ia];
    let shared = 0;
    for (const k of small) if (large.has(k)) shared++;
    const syncRatio = list.length / Math.max(1, shared);
    if (syncRatio < o.minSyncRatio) continue;
    edges.push({ a, b, items: list, score, shared, syncRatio, episodes });
  }
  return edges;
}
