/** One request of a group, as the sliding window sees it (sorted by `ts`). */
export interface WindowEvent {
  /** Epoch ms. */
  ts: number;
  ip: string;
  path: string;
}

/** Thresholds of one scenario, resolved (the baseline already applied to `minRequests`). */
export interface WindowThresholds {
  windowMs: number;
  minRequests?: number;
  minDistinctPaths?: number;
  minDistinctClients?: number;
  maxRequestsPerClient?: number;
}

/** What the fullest window of an episode held. */
export interface WindowCounts {
  requests: number;
  distinctPaths: number;
  distinctClients: number;
}

/**
 * A run of overlapping windows that all met the thresholds: one finding. `first`..`last` are
 * indexes into the events, inclusive; `peak` is the window with the most of what is measured.
 */
export interface Episode {
  first: number;
  last: number;
  peak: WindowCounts;
}

/**
 * Finds the episodes of a group's events: windows of `windowMs` ending at each event that meet
 * every threshold, merged while they overlap. Exact (every window ending on an event is
 * checked) and linear: two pointers and counters, O(n) for n events.
 *
 * @example
 * findEpisodes(events, { windowMs: 60_000, minDistinctPaths: 12 })
 */
export function findEpisodes(events: readonly WindowEvent[], t: WindowThresholds): Episode[] {
  const paths = new Map<string, number>();
  const clients = new Map<string, number>();
  const episodes: Episode[] = [];
  let current: Episode | undefined;
  let left = 0;
  for (let right = 0; right < events.length; right++) {
    const e = events[right]!;
    bump(paths, e.path, 1);
    bump(clients, e.ip, 1);
    while (events[left]!.ts < e.ts - t.windowMs) {
      bump(paths, events[left]!.path, -1);
      bump(clients, events[left]!.ip, -1);
      left++;
    }
    const counts = { requests: right - left + 1, distinctPaths: paths.size, distinctClients: clients.size };
    if (!meets(counts, clients, t)) continue;
    if (current !== undefined && left <= current.last) {
      current.last = right;
      if (score(counts, t) > score(current.peak, t)) current.peak = counts;
    } else {
      current = { first: left, last: right, peak: counts };
      episodes.push(current);
    }
  }
  return episodes;
}

function meets(c: WindowCounts, clients: Map<string, number>, t: WindowThresholds): boolean {
  if (t.minRequests !== undefined && c.requests < t.minRequests) return false;
  if (t.minDistinctPaths !== undefined && c.distinctPaths < t.minDistinctPaths) return false;
  if (t.minDistinctClients !== undefined && c.distinctClients < t.minDistinctClients) return false;
  if (t.maxRequestsPerClient !== undefined) {
    for (const n of clients.values()) if (n > t.maxRequestsPerClient) return false;
  }
  return true;
}

/** The measure a scenario is mainly about, to pick the peak window. */
function score(c: WindowCounts, t: WindowThresholds): number {
  if (t.minDistinctClients !== undefined) return c.distinctClients;
  if (t.minDistinctPaths !== undefined) return c.distinctPaths;
  return c.requests;
}

function bump(map: Map<string, number>, key: string, by: number): void {
  const n = (map.get(key) ?? 0) + by;
  if (n === 0) map.delete(key);
  else map.set(key, n);
}
