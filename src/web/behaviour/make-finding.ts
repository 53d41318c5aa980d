import { MAX_FRAGMENT_CHARS } from '../../core/index.js';
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
  reason: string;
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
export function episodeFindings(s: Scenario, group: string, rows: readonly BehaviourRow[], ep: Episode, t: WindowThresholds, baselineNote: string): ClientFinding[] {
  const inEpisode = rows.slice(ep.first, ep.last + 1);
  const first = inEpisode[0]!;
  const last = inEpisode[inEpisode.length - 1]!;
  const distinct = new Set(inEpisode.map((r) => r.path));
  const reason = `${measured(s, ep, t, group)}${baselineNote}; ${inEpisode.length} such requests to ${distinct.size} distinct paths from ${clock(first.ts)} to ${clock(last.ts)} UTC`;
  const fragment = summary(s, ep, [...distinct]);
  // An IPv6 prefix is one client even when grouped as a network: one finding, on the first
  // address (a /64 sprayed with a million addresses must not become a million findings).
  const whole = s.group_by === 'client' || group.includes(':');
  const clients = whole ? [first.ip] : [...new Set(inEpisode.map((r) => r.ip))];
  const spread = whole && group !== first.ip ? `; ${new Set(inEpisode.map((r) => r.ip)).size} addresses of ${group}` : '';
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
      reason: reason + spread,
      windowStart: first.ts,
      windowEnd: last.ts,
      sourceId: head.sourceId,
      line: head.line,
      raw: rawLine(head),
      evidence: own.slice(0, MAX_EVIDENCE_LINES).map(evidenceLine),
    };
  });
}

/** The threshold that was crossed, in plain words with the counts. */
function measured(s: Scenario, ep: Episode, t: WindowThresholds, group: string): string {
  const within = `within ${s.window_secs} s`;
  if (t.minDistinctClients !== undefined) {
    const cap = t.maxRequestsPerClient !== undefined ? `, at most ${t.maxRequestsPerClient} each` : '';
    return `${ep.peak.distinctClients} clients of ${group} sent ${ep.peak.requests} requests ${s.counts_what}${cap}, ${within} (threshold ${t.minDistinctClients} clients)`;
  }
  if (t.minDistinctPaths !== undefined) {
    return `${ep.peak.distinctPaths} distinct paths ${s.counts_what} ${within} (threshold ${t.minDistinctPaths})`;
  }
  const who = s.group_by === 'network' ? ` from ${ep.peak.distinctClients} clients of ${group}` : '';
  return `${ep.peak.requests} requests ${s.counts_what}${who} ${within} (threshold ${t.minRequests})`;
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
