import { MAX_FRAGMENT_CHARS } from '../../core/index.js';
import type { Params, Reason } from '../../core/module/index.js';
import { webText } from '../text/index.js';
import type { Scenario } from './scenario-schema.js';
import type { Episode, WindowThresholds } from './sliding-window.js';

/** One stored request as the behaviour pass reads it. */
export interface BehaviourRow {
  ip: string;
  /** Epoch ms. */
  ts: number;
  method: string;
  path: string;
  query: string;
  status: number;
  line: number;
  sourceId: number;
  file: string;
}

/** One line of evidence, as stored in `findings.evidence` (see schema migration 2). */
export interface EvidenceLine {
  file: string;
  line: number;
  ts: string;
  method: string;
  path: string;
  status: number;
}

/** A client-scope finding ready to store. */
export interface ClientFinding {
  ip: string;
  rule: string;
  class: Scenario['class'];
  severity: number;
  location: string;
  fragment: string;
  /** Why, in English (`findings.reason`), rendered from {@link ClientFinding.why}. */
  reason: string;
  why: Reason;
  windowStart: number;
  windowEnd: number;
  sourceId: number;
  line: number;
  raw: string;
  evidence: EvidenceLine[];
}

/** Evidence lines kept per finding: enough to check by hand, not a copy of the log. */
export const MAX_EVIDENCE_LINES = 20;

/**
 * The findings of one episode of one group: one for a client group; for a network group, one
 * per client of the network that took part, so each address is flagged and carries its own
 * lines while the reason gives the network's counts.
 */
export function episodeFindings(s: Scenario, group: string, rows: readonly BehaviourRow[], ep: Episode, t: WindowThresholds, baselineNote: Params): ClientFinding[] {
  const inEpisode = rows.slice(ep.first, ep.last + 1);
  const first = inEpisode[0]!;
  const last = inEpisode[inEpisode.length - 1]!;
  const distinct = new Set(inEpisode.map((r) => r.path));
  const params = {
    ...measured(s, ep, t, group), ...baselineNote,
    such: inEpisode.length, distinct_paths: distinct.size, from: clock(first.ts), to: clock(last.ts),
  };
  const fragment = summary(s, ep, [...distinct]);
  // An IPv6 prefix is one client even when grouped as a network: one finding, on the first
  // address (a /64 sprayed with a million addresses must not become a million findings).
  const whole = s.group_by === 'client' || group.includes(':');
  const clients = whole ? [first.ip] : [...new Set(inEpisode.map((r) => r.ip))];
  const addresses = whole && group !== first.ip ? new Set(inEpisode.map((r) => r.ip)).size : null;
  const why: Reason = { code: 'web.behaviour.episode', params: addresses === null ? params : { ...params, addresses } };
  const reason = webText(why, 'en');
  return clients.map((ip) => {
    const own = whole ? inEpisode : inEpisode.filter((r) => r.ip === ip);
    const head = own[0]!;
    return {
      ip,
      rule: s.id,
      class: s.class,
      severity: s.severity,
      location: s.group_by === 'client' ? 'client' : `network:${group}`,
      fragment,
      reason,
      why,
      windowStart: first.ts,
      windowEnd: last.ts,
      sourceId: head.sourceId,
      line: head.line,
      raw: rawLine(head),
      evidence: own.slice(0, MAX_EVIDENCE_LINES).map(evidenceLine),
    };
  });
}

/** The threshold that was crossed, with the counts (words: `web.behaviour.episode` in web/text). */
function measured(s: Scenario, ep: Episode, t: WindowThresholds, group: string): Params {
  const common = {
    group, group_by: s.group_by, window_secs: s.window_secs, counts_what: s.counts_what, counts_what_fr: s.counts_what_fr,
    requests: ep.peak.requests, clients: ep.peak.distinctClients,
  };
  if (t.minDistinctClients !== undefined) {
    return { ...common, variant: 'clients', threshold: t.minDistinctClients, cap: t.maxRequestsPerClient ?? null };
  }
  if (t.minDistinctPaths !== undefined) return { ...common, variant: 'paths', paths: ep.peak.distinctPaths, threshold: t.minDistinctPaths };
  return { ...common, variant: 'requests', threshold: t.minRequests ?? null };
}

function summary(s: Scenario, ep: Episode, paths: string[]): string {
  const head = peakWords(ep, s);
  const shown = paths.slice(0, 5).join(' ');
  return `${head}: ${shown}${paths.length > 5 ? ' …' : ''}`.slice(0, MAX_FRAGMENT_CHARS);
}

function peakWords(ep: Episode, s: Scenario): string {
  return `${ep.peak.requests} req, ${ep.peak.distinctPaths} paths, ${ep.peak.distinctClients} client${ep.peak.distinctClients === 1 ? '' : 's'} in ${s.window_secs} s`;
}

function evidenceLine(r: BehaviourRow): EvidenceLine {
  return { file: r.file, line: r.line, ts: new Date(r.ts).toISOString(), method: r.method, path: r.query ? `${r.path}?${r.query}` : r.path, status: r.status };
}

/**
 * The evidence request written back in a log-like shape. Events do not keep the original line
 * (storing it would double the database), so this is rebuilt from the stored fields; the
 * file and line number point at the original.
 */
function rawLine(r: BehaviourRow): string {
  return `${r.ip} [${new Date(r.ts).toISOString()}] "${r.method} ${r.query ? `${r.path}?${r.query}` : r.path}" ${r.status} (${r.file}:${r.line})`;
}

function clock(ms: number): string {
  return new Date(ms).toISOString().slice(0, 19).replace('T', ' ');
}
