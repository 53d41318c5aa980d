import { isPrivateAddress, ORIGIN_VERDICTS, originShares, type OriginShares, type OriginVerdict } from '../../core/index.js';
import type { Store } from '../../store/index.js';
import { noCountryClients, verdictCountryRows } from '../repository/run-origins.js';

/** Clients and requests of one origin verdict. */
export interface VerdictFigures {
  clients: number;
  clients_flagged: number;
  requests: number;
  requests_flagged: number;
}

/** Clients, attacks and verdict split of one country (`null`: no country known). */
export interface CountryFigures {
  country: string | null;
  /**
   * With `country` null: true for the row of private addresses (local network, NAT, loopback:
   * no country can exist), false for the row of public addresses with no data. Always false
   * for a country.
   */
  private: boolean;
  clients: number;
  clients_flagged: number;
  requests_flagged: number;
  /** Clients per verdict (an address of a country can be domestic, foreign or obscured). */
  verdicts: Record<OriginVerdict, number>;
}

/** Origins of a run's clients: per verdict, and per country. */
export interface OriginFigures {
  origins: Record<OriginVerdict, VerdictFigures>;
  by_country: CountryFigures[];
  /** The split as shares: attacks (the headline) and flagged clients, as every surface shows it. */
  shares: OriginShares;
}

/**
 * Origin figures of one run's requests, from `client_origins`; a client with no stored
 * attribution counts as `unknown`, so the verdicts always add up to the run's clients.
 *
 * @example
 * const { origins } = await originFigures(store, runId);
 * origins.foreign.requests_flagged // attacks from foreign addresses
 */
export async function originFigures(store: Store, runId: number): Promise<OriginFigures> {
  const rows = await verdictCountryRows(store, runId);
  const origins = Object.fromEntries(ORIGIN_VERDICTS.map((v) => [v, { clients: 0, clients_flagged: 0, requests: 0, requests_flagged: 0 }])) as Record<OriginVerdict, VerdictFigures>;
  const countries = new Map<string, CountryFigures>();
  for (const r of rows) {
    const verdict = (ORIGIN_VERDICTS as readonly string[]).includes(r.verdict) ? (r.verdict as OriginVerdict) : 'unknown';
    const o = origins[verdict];
    o.clients += r.clients;
    o.clients_flagged += r.clients_flagged;
    o.requests += r.requests;
    o.requests_flagged += r.requests_flagged;
    const cc = r.country;
    const key = cc ?? '';
    let c = countries.get(key);
    if (!c) {
      c = { country: cc, private: false, clients: 0, clients_flagged: 0, requests_flagged: 0, verdicts: { foreign: 0, domestic: 0, obscured: 0, unknown: 0 } };
      countries.set(key, c);
    }
    c.clients += r.clients;
    c.clients_flagged += r.clients_flagged;
    c.requests_flagged += r.requests_flagged;
    c.verdicts[verdict] += r.clients;
  }
  const none = countries.get('');
  if (none) for (const c of await splitPrivate(store, runId, none)) countries.set(c.private ? 'private' : '', c);
  const by_country = [...countries.values()].filter((c) => c.clients > 0).sort((a, b) =>
    b.requests_flagged - a.requests_flagged || b.clients - a.clients || (a.country ?? '~').localeCompare(b.country ?? '~'));
  const shares = originShares(Object.fromEntries(ORIGIN_VERDICTS.map((v) => [v, { attacks: origins[v].requests_flagged, flagged_clients: origins[v].clients_flagged }])) as Record<OriginVerdict, { attacks: number; flagged_clients: number }>);
  return { origins, by_country, shares };
}

/**
 * The row of clients with no country, split into private addresses and the rest, from the
 * addresses themselves: a log written behind a proxy shows only private addresses, and "no
 * country" would read as missing data.
 */
async function splitPrivate(store: Store, runId: number, none: CountryFigures): Promise<CountryFigures[]> {
  const rows = await noCountryClients(store, runId);
  const priv: CountryFigures = { country: null, private: true, clients: 0, clients_flagged: 0, requests_flagged: 0, verdicts: { foreign: 0, domestic: 0, obscured: 0, unknown: 0 } };
  for (const r of rows) {
    if (!isPrivateAddress(r.ip)) continue;
    const verdict = (ORIGIN_VERDICTS as readonly string[]).includes(r.verdict) ? (r.verdict as OriginVerdict) : 'unknown';
    priv.clients += 1;
    priv.clients_flagged += r.hasFinding ? 1 : 0;
    priv.requests_flagged += r.flagged;
    priv.verdicts[verdict] += 1;
  }
  const rest: CountryFigures = {
    ...none,
    clients: none.clients - priv.clients,
    clients_flagged: none.clients_flagged - priv.clients_flagged,
    requests_flagged: none.requests_flagged - priv.requests_flagged,
    verdicts: Object.fromEntries(ORIGIN_VERDICTS.map((v) => [v, none.verdicts[v] - priv.verdicts[v]])) as Record<OriginVerdict, number>,
  };
  return [rest, priv];
}
