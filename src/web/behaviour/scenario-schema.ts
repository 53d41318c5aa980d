import { z } from 'zod';

/**
 * The shape of one `rules/behaviour/<id>.yaml` scenario, as a strict schema (an unknown key
 * is an error with its path). A scenario is CrowdSec's idea in vigie's terms: a filter on
 * requests, a grouping (client or /24 network), a sliding window and thresholds on what the
 * window holds. Thresholds are exact counts over the window, not a leaky bucket, so the
 * reason of a finding can say "14 distinct paths within 60 s (threshold 12)".
 */

/** Classes a behaviour finding can carry (a subset of `WebAttackClass`). */
export const BEHAVIOUR_CLASSES = ['scanning', 'sensitive_file', 'brute_force', 'flood', 'crawling', 'scanner'] as const;

/**
 * Patterns run in DuckDB (RE2) to select rows and nowhere else, so they must be valid there:
 * RE2 has no look-around and no back-references, which we reject up front (JavaScript would
 * accept them and DuckDB would fail at run time).
 */
const re2Pattern = z.string().min(1).superRefine((source, ctx) => {
  if (/\(\?[=!<]|\\[1-9]/.test(source)) {
    ctx.addIssue({ code: 'custom', message: 'look-around and back-references are not supported (patterns run in DuckDB, RE2 syntax)' });
    return;
  }
  try {
    new RegExp(source, 'i');
  } catch (err) {
    ctx.addIssue({ code: 'custom', message: `invalid regular expression: ${(err as Error).message}` });
  }
});

const filterSchema = z.strictObject({
  /** HTTP methods, upper case. */
  methods: z.array(z.string().regex(/^[A-Z]{1,16}$/, 'an upper-case HTTP method')).min(1).optional(),
  status_in: z.array(z.number().int().min(100).max(599)).min(1).optional(),
  /** Case-insensitive pattern the path (without query) must match. */
  path_pattern: re2Pattern.optional(),
  /** Case-insensitive pattern the path must not match (static assets, for instance). */
  path_not_pattern: re2Pattern.optional(),
  user_agent_pattern: re2Pattern.optional(),
  /** Only requests that a signature rule flagged (true) or did not (false). */
  flagged: z.boolean().optional(),
});

/** A threshold on requests taken from the site's own traffic (the same run). */
const baselineSchema = z.strictObject({
  /** Percentile of the per-group peak requests in one window, across all groups (e.g. 0.99). */
  percentile: z.number().gt(0.5).lt(1),
  /** The window must hold this many times the percentile. */
  multiplier: z.number().min(1).max(1000),
  /**
   * Fewer groups than this and the percentile says nothing about the site (on ten clients the
   * p99 is the attacker itself): only the floor `min_requests` applies.
   */
  min_groups: z.number().int().min(10),
});

export const scenarioSchema = z
  .strictObject({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case'),
    class: z.enum(BEHAVIOUR_CLASSES),
    severity: z.number().int().min(1).max(5),
    description: z.string().min(10).max(300),
    /** The CrowdSec hub scenarios this one covers (see the comment in each file for how it goes further). */
    crowdsec: z.array(z.string().regex(/^[\w-]+\/[\w-]+$/)).min(1),
    /** `client`: one address; `network`: its IPv4 /24 (IPv6 addresses stay single clients). */
    group_by: z.enum(['client', 'network']),
    window_secs: z.number().int().min(1).max(86_400),
    /** Words that complete "N requests …" in a reason, e.g. `answered 400, 403 or 404`. */
    counts_what: z.string().min(3).max(80),
    /** The same words in French, agreeing with « requêtes » (`envoyées à une page de connexion`). */
    counts_what_fr: z.string().min(3).max(100),
    filter: filterSchema,
    min_requests: z.number().int().min(1).optional(),
    min_distinct_paths: z.number().int().min(2).optional(),
    min_distinct_clients: z.number().int().min(2).optional(),
    /** At most this many requests from any one client in the window (stuffing spreads thin). */
    max_requests_per_client: z.number().int().min(1).optional(),
    baseline: baselineSchema.optional(),
  })
  .superRefine((s, ctx) => {
    if (s.min_requests === undefined && s.min_distinct_paths === undefined && s.min_distinct_clients === undefined) {
      ctx.addIssue({ code: 'custom', message: 'a scenario needs a threshold: min_requests, min_distinct_paths or min_distinct_clients' });
    }
    if (s.min_distinct_clients !== undefined && s.group_by !== 'network') {
      ctx.addIssue({ code: 'custom', path: ['min_distinct_clients'], message: 'needs group_by: network' });
    }
    if (s.baseline !== undefined && s.min_requests === undefined) {
      ctx.addIssue({ code: 'custom', path: ['baseline'], message: 'needs min_requests (the floor under the baseline threshold)' });
    }
  });

export type Scenario = z.infer<typeof scenarioSchema>;
export type BehaviourClass = (typeof BEHAVIOUR_CLASSES)[number];
