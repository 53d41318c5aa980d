import type { Store } from '../../store/index.js';

/**
 * The home country the stored origin verdicts were made with: a `domestic` verdict is given only
 * to addresses in the home country, so the most common country of domestic verdicts is home.
 * Null when no address is domestic (the caller falls back on the configured home).
 *
 * @example
 * (await storedHomeCountry(store)) ?? 'CA'
 */
export async function storedHomeCountry(store: Store): Promise<string | null> {
  const [row] = await store.query(`SELECT country FROM client_origins WHERE verdict = 'domestic' AND country IS NOT NULL
                                    GROUP BY country ORDER BY count(*) DESC, country LIMIT 1`);
  return row ? String(row.country) : null;
}
