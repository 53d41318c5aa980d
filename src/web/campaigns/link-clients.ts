import type { ClientProfile } from './client-profile.js';

/**
 * Thresholds of the links between two flagged clients; each link is a sentence in a
 * campaign's reasons. Chosen on the demo's ground truth (see campaigns.test.ts) to keep apart
 * campaigns that share common tools (curl) or the same target pages, and stated here so an
 * analyst can reason about them.
 */
export const LINK_THRESHOLDS = {
  /** Same tool: weighted Jaccard of rare user agents at least this... */
  sameToolUserAgents: 0.5,
  /** ...and of attack classes at least this (the same tool aimed at the same weaknesses)... */
  sameToolClasses: 0.25,
  /**
   * ...and of rules at least this: two curl users probing with unrelated payloads share a
   * tool and, by chance, a class or two (in the demo, a Canadian tester and one Tor address
   * shared 2 of 7 classes but 1 of 22 rules), not a payload family.
   */
  sameToolRules: 0.1,
  /** Same target list: weighted Jaccard of rarely visited paths at least this... */
  sameTargetsPaths: 0.5,
  /** ...over at least this many shared rare paths. */
  sameTargetsMinShared: 3,
  /** Otherwise: the weighted similarity (below) at least this. */
  similarity: 0.6,
} as const;

/** Weights of the overall similarity; they sum to 1. */
export const SIMILARITY_WEIGHTS = { userAgents: 0.35, rules: 0.3, encodings: 0.15, hours: 0.2 } as const;

/** Why two clients are linked, or null when they are not. */
export type LinkKind = 'same-tool' | 'same-targets' | 'similar';

/** Component similarities of two clients, each 0–1. */
export interface Similarity {
  userAgents: number;
  classes: number;
  rules: number;
  paths: number;
  sharedPaths: number;
  encodings: number;
  hours: number;
  overall: number;
}

/** Jaccard index of two weighted sets: shared weight over the weight of the union. */
export function weightedJaccard(a: ReadonlyMap<string, number>, b: ReadonlyMap<string, number>): number {
  let inter = 0;
  let union = 0;
  for (const [k, w] of a) {
    const v = b.get(k);
    if (v !== undefined) inter += Math.min(w, v);
    union += v === undefined ? w : Math.max(w, v);
  }
  for (const [k, w] of b) if (!a.has(k)) union += w;
  return union === 0 ? 0 : inter / union;
}

/** Jaccard index of two sets. */
export function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 && b.size === 0) return 0;
  let inter = 0;
  for (const k of a) if (b.has(k)) inter++;
  return inter / (a.size + b.size - inter);
}

/** Cosine similarity of two hour histograms. */
export function cosine(a: readonly number[], b: readonly number[]): number {
  let dot = 0;
  let na = 0;
  let nb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i]! * b[i]!;
    na += a[i]! * a[i]!;
    nb += b[i]! * b[i]!;
  }
  return na === 0 || nb === 0 ? 0 : dot / Math.sqrt(na * nb);
}

/**
 * How alike two flagged clients are, component by component.
 *
 * @example
 * similarity(a, b).userAgents // 1 when both use the same rare user agent and nothing else
 */
export function similarity(a: ClientProfile, b: ClientProfile): Similarity {
  const userAgents = weightedJaccard(a.userAgents, b.userAgents);
  const rules = jaccard(a.rules, b.rules);
  const encodings = jaccard(a.encodings, b.encodings);
  const hours = cosine(a.hours, b.hours);
  let sharedPaths = 0;
  for (const k of a.paths.keys()) if (b.paths.has(k)) sharedPaths++;
  const w = SIMILARITY_WEIGHTS;
  return {
    userAgents, classes: jaccard(a.classes, b.classes), rules, paths: weightedJaccard(a.paths, b.paths), sharedPaths, encodings, hours,
    overall: w.userAgents * userAgents + w.rules * rules + w.encodings * encodings + w.hours * hours,
  };
}

/**
 * Whether two clients belong to one campaign, and by which link: the same rare tool aimed at
 * the same classes of weakness, the same list of rarely visited targets, or an overall
 * similarity above {@link LINK_THRESHOLDS}.similarity.
 *
 * @example
 * linkKind(similarity(a, b)) // 'same-tool'
 */
export function linkKind(s: Similarity): LinkKind | null {
  const t = LINK_THRESHOLDS;
  if (s.userAgents >= t.sameToolUserAgents && s.classes >= t.sameToolClasses && s.rules >= t.sameToolRules) return 'same-tool';
  if (s.paths >= t.sameTargetsPaths && s.sharedPaths >= t.sameTargetsMinShared) return 'same-targets';
  if (s.overall >= t.similarity) return 'similar';
  return null;
}
