import type { Attributor } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { unattributedArrivals, type ArrivedLines } from '../repository/arrived-addresses.js';
import { upsertOrigins } from '../repository/client-origins.js';
import { originRow } from './attribute-clients.js';

export type { ArrivedLines };

/**
 * Attributes the addresses of newly stored lines that have no origin yet, so lines pushed to a
 * running server show their origin and country on arrival, not at the next behaviour pass. A
 * batch brings few new addresses, and the attributor caches lookups: it costs milliseconds.
 * Returns how many addresses were attributed.
 *
 * @example
 * await attributeArrivals(store, source.attributor, { runId, path: '/var/spool/vigie/http.log', afterLine: 1200 }) // 3
 */
export async function attributeArrivals(store: Store, attributor: Attributor, lines: ArrivedLines): Promise<number> {
  const ips = await unattributedArrivals(store, lines);
  if (ips.length === 0) return 0;
  await store.transaction(upsertOrigins(ips.map((ip) => originRow(ip, attributor.attribute(ip)))));
  return ips.length;
}
