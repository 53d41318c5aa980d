import type { TopClient } from '../../store/index.js';
import type { IngestStats } from '../../web/index.js';

/** The `--json` summary of `vigie web analyze` (field names are a contract for scripts). */
export interface AnalyzeSummary {
  lines: number;
  parsed: number;
  malformed: number;
  skipped: number;
  malformed_samples: IngestStats['malformed_samples'];
  requests_flagged: number;
  clients: number;
  clients_flagged: number;
  findings_by_class: Record<string, number>;
  top_clients: TopClient[];
  duration_secs: number;
  lines_per_sec: number;
  peak_rss_mb: number;
  files: IngestStats['files'];
  errors: string[];
  db: string;
  run_id: number;
}


const n = (x: number): string => x.toLocaleString('en-CA');

/** The readable summary of an analysis, on stdout. Leads with the answer, then the detail. */
export function printSummary(s: AnalyzeSummary, out: (line: string) => void = (l) => process.stdout.write(l + '\n')): void {
  const files = s.files.length;
  out(`Analysed ${n(s.lines)} lines from ${files} file${files === 1 ? '' : 's'} in ${s.duration_secs.toFixed(1)} s (${n(s.lines_per_sec)} lines/s).`);
  const share = s.parsed > 0 ? ((s.requests_flagged / s.parsed) * 100).toFixed(1) : '0.0';
  out(`Attacks: ${n(s.requests_flagged)} of ${n(s.parsed)} requests flagged (${share}%), from ${n(s.clients_flagged)} of ${n(s.clients)} clients.`);
  const classes = Object.entries(s.findings_by_class);
  if (classes.length > 0) out(`By class: ${classes.map(([c, k]) => `${c} ${n(k)}`).join(' · ')}`);
  out(`Lines: ${n(s.parsed)} parsed · ${n(s.malformed)} malformed · ${n(s.skipped)} skipped (headers, blank)`);
  const flagged = s.top_clients.filter((c) => c.flagged_requests > 0 || c.classes.length > 0);
  if (flagged.length > 0) {
    out('');
    out('Top flagged clients:');
    for (const c of flagged) {
      out(`  ${c.ip.padEnd(39)} ${n(c.requests).padStart(9)} requests ${n(c.flagged_requests).padStart(9)} flagged  ${c.classes.join(', ')}`);
    }
  }
  if (s.malformed > 0) {
    out('');
    out(`Malformed lines (first ${Math.min(s.malformed_samples.length, 10)} of ${n(s.malformed)}; all kept in --json):`);
    for (const m of s.malformed_samples.slice(0, 10)) out(`  ${m.file}:${m.line}  ${m.reason}`);
  }
  for (const f of s.files) if (f.resumed_at_line > 0) out(`Note: ${f.file} was analysed before; read on from line ${n(f.resumed_at_line + 1)}.`);
  out('');
  out(`Stored in ${s.db} (run ${s.run_id}).`);
}
