import type { Store } from '../../store/index.js';
import { learnWarmupFromStore } from '../baseline/index.js';

/**
 * `web analyze --learn-warmup N`: learn from the run's first N stored requests, check the rest,
 * and return the notice that says what happened, with its figures.
 */
export async function warmupBaseline(store: Store, runId: number, warmup: number): Promise<string> {
  const r = await learnWarmupFromStore(store, runId, warmup);
  const n = (x: number): string => x.toLocaleString('en-US');
  const t = r.training;
  return `baseline learned from the first ${n(t.requests_read)} requests of this run (${n(t.requests_used)} used; ${n(t.requests_ignored_flagged)} from ${n(t.clients_flagged)} flagged clients and ${n(t.requests_ignored_status)} with an error status set aside; ${n(r.model.endpoints.length)} endpoints); ${n(r.requestsFlagged)} of the ${n(r.checked)} later requests left it (${n(r.findings)} anomaly findings)`;
}
