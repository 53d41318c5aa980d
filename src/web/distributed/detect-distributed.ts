import { createHash } from 'node:crypto';
import { renderText } from '../../core/module/index.js';
import type { Store } from '../../store/index.js';
import { findFlood, findScan, findStuffing, FLOOD, SCAN, type ExcessWindow } from './detectors.js';
import type { SiteFinding } from './site-finding.js';
import { candidateEndpointHours, floodClients, lightProbers, probeDays, requestsPerDay, signInDays, signInExcessClients } from '../repository/site-queries.js';
import { SITE_TEXT } from './text.js';
import { saveSiteFindings } from '../repository/site-findings.js';

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
    found.push(withClients(w, clients));
  }
  for (const w of findFlood(days, await candidateEndpointHours(store, FLOOD.minFailures, FLOOD.minExcess))) {
    found.push(withClients(w, await floodClients(store, w.excess.endpoint, w.fromMs, w.toMs)));
  }
  // An excess nobody makes up (every failing address also read the site) is not reported.
  const kept = found.filter((f) => f.ips.length > 0);
  await saveSiteFindings(store, runId, kept.map((f) => f.finding), kept.map((f) => f.ips));
  return kept;
}

function withClients(w: ExcessWindow, ips: string[]): SiteFindingWithClients {
  const e = w.excess;
  const id = 'S-' + createHash('sha256').update(JSON.stringify([e.class, e.endpoint, e.window_start])).digest('hex').slice(0, 8);
  const finding: SiteFinding = {
    id, ...e, figures: { ...e.figures, clients: ips.length }, clients: ips.length, sample_ips: ips.slice(0, SAMPLE_IPS),
    reason: renderText(e.reason_code, 'en', [SITE_TEXT]),
    reason_fr: renderText(e.reason_code, 'fr', [SITE_TEXT]),
  };
  return { finding, ips };
}
