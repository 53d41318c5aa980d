/**
 * What a flagged client does, reduced to the fingerprints campaigns are grouped by. Tokens are
 * kept only when they are distinctive (see `load-profiles.ts`), each with its weight.
 */
export interface ClientProfile {
  ip: string;
  requests: number;
  flaggedRequests: number;
  firstSeen: string;
  lastSeen: string;
  /** Rare user agents (normalised, see {@link normaliseUserAgent}) → weight (inverse client frequency). */
  userAgents: Map<string, number>;
  /** Every user agent of the client, normalised, with its requests (for display). */
  allUserAgents: Map<string, number>;
  /** Rule ids of its findings (payload families). */
  rules: Set<string>;
  classes: Set<string>;
  /** Rarely visited paths → weight. */
  paths: Map<string, number>;
  /** Encodings seen in its flagged requests: `percent`, `double-percent`, `unicode-escape`, `raw-bytes`, `html-entity`. */
  encodings: Set<string>;
  /** Requests by UTC hour (flagged ones when it has any, else all). */
  hours: number[];
  /** Distinct UTC days (YYYY-MM-DD) it was active on. */
  days: Set<string>;
}

/**
 * A user agent as a tool's fingerprint: digit runs of 4 or more (test counters, build ids)
 * become `#`, so Nikto's `(Test:000777)` and `(Test:000814)` are one tool; version numbers
 * stay, since Chrome 109 among a crowd of Chrome 135 is itself a fingerprint.
 *
 * @example
 * normaliseUserAgent('Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:000777)') // 'Mozilla/5.00 (Nikto/2.5.0) (Evasions:None) (Test:#)'
 */
export function normaliseUserAgent(ua: string): string {
  return ua.trim().replace(/\d{4,}/g, '#').slice(0, 300);
}
