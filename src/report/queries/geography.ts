import { isPrivateAddress } from '../../core/index.js';
import { num, rangeCondition, type Queryable, type TimeRange } from './range.js';

/** Attacks from the clients whose address geolocates in one country. */
export interface CountryFigures {
  /** ISO 3166-1 alpha-2 of the address, or null when unknown. */
  country: string | null;
  /** Flagged requests. */
  attacks: number;
  /** Attacking clients: addresses with a flagged request or a finding. */
  clients: number;
  /** Attacks by the clients' origin verdict (an obscured address still has a country). */
  verdicts: { foreign: number; domestic: number; obscured: number; unknown: number };
}

/** Attacks from the clients of one country with one origin verdict: one row of a country split by verdict. */
export interface CountryVerdictFigures {
  /** ISO 3166-1 alpha-2 of the address, or null when unknown. */
  country: string | null;
  verdict: 'foreign' | 'domestic' | 'obscured' | 'unknown';
  /** With `country` null: true for the row of private addresses (local network, NAT, loopback), false for the rest. */
  private: boolean;
  /** Flagged requests. */
  attacks: number;
  /** Attacking clients: addresses with a flagged request or a finding. */
  clients: number;
}

/** Attacks from domestic clients of one region (province). */
export interface RegionFigures {
  region: string | null;
  attacks: number;
  clients: number;
}

/** Per-client attack counts in a range, with the client's origin: the base of the maps. */
function attackingClients(range: TimeRange): { sql: string; params: ReturnType<typeof rangeCondition>['params'] } {
  const e = rangeCondition('ts', range);
  return {
    sql: `WITH e AS (SELECT ip, count(*) FILTER (WHERE flagged) AS attacks FROM events WHERE ${e.sql} GROUP BY ip),
               f AS (SELECT DISTINCT ip FROM findings WHERE ${e.sql}),
               a AS (SELECT coalesce(e.ip, f.ip) AS ip, coalesce(e.attacks, 0) AS attacks
                       FROM e FULL OUTER JOIN f ON f.ip = e.ip
                      WHERE coalesce(e.attacks, 0) > 0 OR f.ip IS NOT NULL)`,
    params: e.params,
  };
}

/**
 * Attacks by country of the client address, most first: what the world map is coloured by.
 *
 * @example
 * (await countries(store, {}))[0] // { country: 'CN', attacks: 912, clients: 14, verdicts: { foreign: 900, ... } }
 */
export async function countries(db: Queryable, range: TimeRange): Promise<CountryFigures[]> {
  const a = attackingClients(range);
  const rows = await db.query(`${a.sql}
    SELECT o.country, sum(a.attacks) AS attacks, count(*) AS clients,
           sum(a.attacks) FILTER (WHERE o.verdict = 'foreign') AS foreign,
           sum(a.attacks) FILTER (WHERE o.verdict = 'domestic') AS domestic,
           sum(a.attacks) FILTER (WHERE o.verdict = 'obscured') AS obscured,
           sum(a.attacks) FILTER (WHERE o.verdict IS NULL OR o.verdict NOT IN ('foreign', 'domestic', 'obscured')) AS unknown
      FROM a LEFT JOIN client_origins o ON o.ip = a.ip
     GROUP BY o.country ORDER BY attacks DESC, clients DESC, o.country NULLS LAST`, a.params);
  return rows.map((r) => ({
    country: r.country === null ? null : String(r.country),
    attacks: num(r.attacks),
    clients: num(r.clients),
    verdicts: { foreign: num(r.foreign), domestic: num(r.domestic), obscured: num(r.obscured), unknown: num(r.unknown) },
  }));
}

/**
 * Attacks by country of the client address and origin verdict, most first: one country can have
 * a domestic residential address and obscured hosting addresses, and each gets its own row, so
 * the rows add up to the origin split (clients with no origin row count as `unknown`).
 *
 * @example
 * await countriesByVerdict(store, {}) // [{ country: 'CA', verdict: 'obscured', attacks: 352, clients: 1 }, { country: 'CA', verdict: 'domestic', attacks: 205, clients: 1 }, ...]
 */
export async function countriesByVerdict(db: Queryable, range: TimeRange): Promise<CountryVerdictFigures[]> {
  const a = attackingClients(range);
  const verdict = `CASE WHEN o.verdict IN ('foreign', 'domestic', 'obscured') THEN o.verdict ELSE 'unknown' END`;
  const rows = await db.query(`${a.sql}
    SELECT o.country, ${verdict} AS verdict, sum(a.attacks) AS attacks, count(*) AS clients
      FROM a LEFT JOIN client_origins o ON o.ip = a.ip WHERE o.country IS NOT NULL
     GROUP BY ALL`, a.params);
  const out: CountryVerdictFigures[] = rows.map((r) => ({
    country: String(r.country),
    verdict: String(r.verdict) as CountryVerdictFigures['verdict'],
    private: false,
    attacks: num(r.attacks),
    clients: num(r.clients),
  }));
  // Addresses with no country, one by one: private ones (a log written behind a proxy, a lab
  // network) get a row of their own, so a report says "private addresses", not "no data".
  const none = new Map<string, CountryVerdictFigures>();
  for (const r of await db.query(`${a.sql}
      SELECT a.ip, ${verdict} AS verdict, a.attacks FROM a LEFT JOIN client_origins o ON o.ip = a.ip WHERE o.country IS NULL`, a.params)) {
    const priv = isPrivateAddress(String(r.ip));
    const key = `${priv}|${String(r.verdict)}`;
    let row = none.get(key);
    if (!row) none.set(key, (row = { country: null, verdict: String(r.verdict) as CountryVerdictFigures['verdict'], private: priv, attacks: 0, clients: 0 }));
    row.attacks += num(r.attacks);
    row.clients += 1;
  }
  out.push(...none.values());
  return out.sort((x, y) => y.attacks - x.attacks || y.clients - x.clients || (x.country ?? '~').localeCompare(y.country ?? '~')
    || x.verdict.localeCompare(y.verdict) || Number(x.private) - Number(y.private));
}

/**
 * Attacks from domestic origins by region (for Canada, the province as named in the geo data).
 *
 * @example
 * await provinces(store, {}) // [{ region: 'Quebec', attacks: 40, clients: 3 }, ...]
 */
export async function provinces(db: Queryable, range: TimeRange): Promise<RegionFigures[]> {
  const a = attackingClients(range);
  const rows = await db.query(`${a.sql}
    SELECT o.region, sum(a.attacks) AS attacks, count(*) AS clients
      FROM a JOIN client_origins o ON o.ip = a.ip
     WHERE o.verdict = 'domestic'
     GROUP BY o.region ORDER BY attacks DESC, clients DESC, o.region NULLS LAST`, a.params);
  return rows.map((r) => ({ region: r.region === null ? null : String(r.region), attacks: num(r.attacks), clients: num(r.clients) }));
}
