import { createHash } from 'node:crypto';
import { renderText } from '../../core/module/index.js';
import type { Store } from '../../store/index.js';
import { findFlood, findScan, findStuffing, FLOOD, SCAN, type ExcessWindow } from './detectors.js';
import type { SiteFinding } from './site-finding.js';
import { candidateEndpointHours, floodClients, lightProbers, probeDays, requestsPerDay, signInDays, signInExcessClients } from './site-queries.js';
import { SITE_TEXT } from './text.js';

/** Addresses kept in a finding's `sample_ips`. */
const SAMPLE_IPS = 20;

/** A site finding with every address that makes it up (the campaign step groups them). */
export interface SiteFindingWithClients {
  finding: SiteFinding;
  ips: string[];
}

/**
 * The site-level stage: over every stored request, learns the site's usual failures per
 * endpoint and its usual new addresses, finds the sustained excesses (credential stuffing,
 * distributed scan, distributed flood) and the addresses that make each up, and replaces the
 * `site_findings` table. Deterministic for the same stored requests.
 *
 * @example
 * const found = await detectDistributed(store, runId); // [{ finding: { class: 'credential_stuffing', ... }, ips: [...] }]
 */
export async function detectDistributed(store: Store, runId: number): Promise<SiteFindingWithClients[]> {
  const days = await requestsPerDay(store);
  const found: SiteFindingWithClients[] = [];
  for (const w of findStuffing(days, await signInDays(store))) {
    found.push(withClients(w, await signInExcessClients(store, w.excess.endpoint, w.fromMs, w.toMs)));
  }
  for (const w of findScan(days, await probeDays(store, SCAN.maxPathsPerAddress))) {
    const { clients, paths } = await lightProbers(store, SCAN.maxPathsPerAddress, w.fromMs, w.toMs);
    w.excess.figures.clients = clients.length;
    w.excess.reason_code = { code: w.excess.reason_code.code, params: { ...w.excess.reason_code.params, paths: paths.slice(0, 5) } };
    found.push(withClients(w, clients, paths));
  }
  for (const w of findFlood(days, await candidateEndpointHours(store, FLOOD.minFailures, FLOOD.minExcess))) {
    found.push(withClients(w, await floodClients(store, w.excess.endpoint, w.fromMs, w.toMs)));
  }
  // An excess nobody makes up (every failing address also read the site) is not reported.
  const kept = found.filter((f) => f.ips.length > 0);
  await saveSiteFindings(store, runId, kept.map((f) => f.finding), kept.map((f) => f.ips));
  return kept;
}

function withClients(w: ExcessWindow, ips: string[], paths?: string[]): SiteFindingWithClients {
  const e = w.excess;
  const id = 'S-' + createHash('sha256').update(JSON.stringify([e.class, e.endpoint, e.window_start])).digest('hex').slice(0, 8);
  const finding: SiteFinding = {
    id, ...e, figures: { ...e.figures, clients: ips.length }, clients: ips.length, sample_ips: ips.slice(0, SAMPLE_IPS),
    reason: renderText(e.reason_code, 'en', [SITE_TEXT]) + (paths ? `; paths: ${paths.slice(0, 5).join(', ')}` : ''),
    reason_fr: renderText(e.reason_code, 'fr', [SITE_TEXT]) + (paths ? ` ; chemins : ${paths.slice(0, 5).join(', ')}` : ''),
  };
  return { finding, ips };
}

const SHAPE = '[{"finding_id":"VARCHAR","class":"VARCHAR","endpoint":"VARCHAR","window_start":"TIMESTAMP","window_end":"TIMESTAMP","severity":"TINYINT","reason":"JSON","figures":"JSON","clients":["VARCHAR"]}]';

/** Replaces the site findings in one transaction (they are recomputed over everything stored). */
async function saveSiteFindings(store: Store, runId: number, findings: readonly SiteFinding[], ips: readonly string[][]): Promise<void> {
  const rows = findings.map((f, i) => ({
    finding_id: f.id, class: f.class, endpoint: f.endpoint, window_start: f.window_start, window_end: f.window_end, severity: f.severity,
    reason: f.reason_code, figures: { observed: f.figures, baseline: f.baseline, reason: f.reason, reason_fr: f.reason_fr }, clients: ips[i]!,
  }));
  await store.transaction([
    { sql: 'DELETE FROM site_findings' },
    ...(rows.length === 0 ? [] : [{
      sql: `INSERT INTO site_findings (finding_id, run_id, class, endpoint, window_start, window_end, severity, reason, figures, clients)
            SELECT r.finding_id, $run, r.class, r.endpoint, r.window_start, r.window_end, r.severity, r.reason, r.figures, r.clients
              FROM (SELECT unnest(from_json($j, '${SHAPE}')) AS r)`,
      params: { run: runId, j: JSON.stringify(rows) },
    }]),
  ]);
}

/** The site findings stored (as the last analysis left them), with their addresses. */
export async function loadSiteFindings(store: Store): Promise<Array<{ id: string; class: string; endpoint: string; from: string; to: string; ips: string[] }>> {
  const rows = await store.query(`SELECT finding_id, class, endpoint, strftime(window_start, '%Y-%m-%dT%H:%M:%SZ') AS f,
                                         strftime(window_end, '%Y-%m-%dT%H:%M:%SZ') AS t, clients FROM site_findings ORDER BY window_start, finding_id`);
  return rows.map((r) => ({ id: String(r.finding_id), class: String(r.class), endpoint: String(r.endpoint), from: String(r.f), to: String(r.t), ips: r.clients as string[] }));
}
