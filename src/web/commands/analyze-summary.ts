import { ORIGIN_VERDICTS, sharePercent } from '../../core/index.js';
import { DEFAULT_HOME_COUNTRY } from '../../core/module/index.js';
import type { Campaign } from '../campaigns/index.js';
import type { AnalyzeSummary, GeoDataSummary } from '../pipeline/index.js';

const n = (x: number): string => x.toLocaleString('en-CA');

/** The readable summary of an analysis, on stdout. Leads with the answer, then the detail. */
export function printSummary(s: AnalyzeSummary, out: (line: string) => void = (l) => process.stdout.write(l + '\n')): void {
  const share = s.parsed > 0 ? ((s.requests_flagged / s.parsed) * 100).toFixed(1) : '0.0';
  out(`Attacks: ${n(s.requests_flagged)} of ${n(s.parsed)} requests flagged (${share}%), from ${n(s.clients_flagged)} of ${n(s.clients)} clients.`);
  if (s.origins && s.origin_shares) {
    // Attacks are the headline basis everywhere (dashboard, report, JSON); addresses come second, labelled.
    const o = s.origins;
    const shares = s.origin_shares;
    out(`Origin of the attacks: ${ORIGIN_VERDICTS.map((v) => `${v} ${sharePercent(shares.attacks[v])}`).join(' · ')} (share of attacks; home ${s.geo_data?.home ?? DEFAULT_HOME_COUNTRY}).`);
    out(`  Share of attacking addresses: ${ORIGIN_VERDICTS.map((v) => `${v} ${sharePercent(shares.flagged_clients[v])} (${n(o[v].clients_flagged)})`).join(' · ')}.`);
  }
  if (s.geo_data?.warning) out(`Warning: ${staleLine(s.geo_data)}`);
  for (const f of s.site_findings ?? []) out(`Site-level ${f.class.replace('_', ' ')} (${f.clients} addresses, ${f.id}): ${f.reason}.`);
  printCampaigns(s.campaigns, out);
  out('');
  const files = s.files.length;
  out(`Analysed ${n(s.lines)} lines from ${files} file${files === 1 ? '' : 's'} in ${s.duration_secs.toFixed(1)} s (${n(s.lines_per_sec)} lines/s).`);
  const classes = Object.entries(s.findings_by_class);
  if (classes.length > 0) out(`By class: ${classes.map(([c, k]) => `${c} ${n(k)}`).join(' · ')}`);
  const aside = s.findings_set_aside;
  if (aside !== undefined && aside.findings > 0) {
    const rules = Object.entries(aside.by_rule).map(([rule, k]) => `${rule} ${n(k)}`).join(', ');
    out(`Set aside: ${n(aside.findings)} findings on pages the site serves and links itself (${rules}); see findings_set_aside.`);
  }
  if (s.client_findings > 0) out(`Behaviour: ${n(s.client_findings)} client findings (scanning, brute force, floods, crawling over sliding windows).`);
  const countries = (s.by_country ?? []).filter((c) => c.requests_flagged > 0).slice(0, 8);
  if (countries.length > 0) out(`Attacks by address country: ${countries.map((c) => `${c.country ?? (c.private ? 'private addresses' : 'no data')} ${n(c.requests_flagged)}`).join(' · ')}`);
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
  if (s.geo_data) out(`Origins: ${s.geo_data.attribution}.`);
}

/** The data-age warning in one short line: the oldest file; --json lists them all. */
function staleLine(g: GeoDataSummary): string {
  const dated = g.files.filter((f) => f.age_days !== null).sort((a, b) => b.age_days! - a.age_days!);
  const missing = g.files.filter((f) => f.age_days === null).length;
  const oldest = dated.find((f) => f.name.endsWith('.mmdb')) ?? dated[0];
  const parts = [oldest ? `geolocation data is ${oldest.age_days} days old (${oldest.name}, from ${oldest.date}), older than 60 days` : 'geolocation data is missing'];
  if (missing > 0 && oldest) parts.push(`${missing} file${missing === 1 ? '' : 's'} missing`);
  return `${parts.join('; ')}: verdicts may be out of date; download newer files and run 'vigie geo update --from DIR' (--json lists every file)`;
}

/** Campaigns shown in full (with their reasons); the rest get one line each, up to a total of 12. */
const DETAILED_CAMPAIGNS = 5;

function printCampaigns(campaigns: readonly Campaign[], out: (line: string) => void): void {
  if (campaigns.length === 0) return;
  out('');
  out(`Campaigns (${campaigns.length}, over everything stored; --json has them all):`);
  campaigns.slice(0, 12).forEach((c, i) => {
    const countries = Object.entries(c.countries).slice(0, 3).map(([cc, k]) => `${cc} ${k}`).join(', ');
    const offset = c.utc_offset_hours === null ? '' : `  working day ~UTC${c.utc_offset_hours >= 0 ? '+' : ''}${c.utc_offset_hours}`;
    out(`  ${c.id}  ${operatorLine(c.operator)}: ${n(c.flagged_requests)} attacks from ${n(c.clients)} address${c.clients === 1 ? '' : 'es'} (${countries}; addresses ${c.verdict})${offset}  confidence ${c.confidence.toFixed(2)}`);
    if (i >= DETAILED_CAMPAIGNS) return;
    for (const r of c.operator.reasons.slice(1)) out(`      * ${r}`);
    for (const r of c.reasons) out(`      - ${r}`);
  });
}

/** The operator estimate first, as the committee asks it: `operator likely abroad (CN) 0.86`. */
function operatorLine(o: Campaign['operator']): string {
  const where = o.estimate === 'likely_domestic' ? `operator likely home (${o.countries.join(', ')})`
    : o.estimate === 'likely_foreign' ? `operator likely abroad${o.countries.length === 0 ? '' : ` (${o.countries.slice(0, 4).join(', ')}${o.countries.length > 4 ? `, +${o.countries.length - 4}` : ''})`}`
      : 'operator undetermined';
  return o.estimate === 'undetermined' ? where : `${where} ${o.confidence.toFixed(2)}`;
}
