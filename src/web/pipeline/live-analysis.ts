import type { OriginsSource, PipelineCounters } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import type { LivePass } from '../behaviour/index.js';
import { findCampaigns } from '../campaigns/index.js';
import { attributeClients } from '../origins/index.js';

/**
 * What runs after each behaviour pass over followed or pushed lines, so the dashboard answers
 * the live traffic as `web analyze` answers a file: the per-client table is recomputed for the
 * clients the pass read, new clients get their origin (foreign / domestic / obscured /
 * unknown), and campaigns are grouped again. `origins` null: no attribution (`--no-geo`); the
 * attribution data is loaded at the first pass, not at start. Each step counts in `counters`.
 * `ipv6PrefixLen`: campaigns count IPv6 clients per prefix of that many bits (`web.ipv6_prefix_bits`).
 *
 * @example
 * new LiveBehaviour(store, runId, { intervalSecs: 60, afterPass: liveAnalysis(store, runId, () => originsSource('CA'), log, counters) });
 */
export function liveAnalysis(
  store: Store,
  runId: number,
  origins: (() => OriginsSource) | null,
  log: (fields: Record<string, unknown>, message: string) => void,
  counters: PipelineCounters,
  ipv6PrefixLen?: number,
): (pass: LivePass) => Promise<void> {
  let source: OriginsSource | undefined;
  return async (pass) => {
    const started = Date.now();
    // Only the clients the pass read: the whole table took 14 s over 10M events.
    await counters.time('clients', () => store.refreshClients(pass.from_ms === null ? undefined : { runId, fromMs: pass.from_ms }));
    let attributed = 0;
    if (origins !== null) {
      source ??= origins();
      const stats = await counters.time('origins', () => attributeClients(store, source!.attributor, { dataVersion: source!.dataVersion }));
      counters.add('origins', { received: stats.attributed + stats.current, emitted: stats.attributed });
      attributed = stats.attributed;
    }
    const { campaigns } = await counters.time('campaigns', () => findCampaigns(store, ipv6PrefixLen === undefined ? {} : { ipv6PrefixLen }));
    counters.add('campaigns', { emitted: campaigns.length });
    log({ attributed, campaigns: campaigns.length, duration_ms: Date.now() - started }, 'clients, origins and campaigns refreshed');
  };
}
