import { typeOf } from './narrowest-type.js';
import type { BaselineSettings } from './model.js';
import { newParamState, type EndpointState, type ParamState } from './state.js';

/**
 * What a site's forms share: one parameter name of one type (`provincia`, text) on every
 * endpoint that takes it, counted as one parameter. A site's registration and profile forms,
 * their GET and POST twins, send the same fields with the same values; each endpoint alone
 * sees a quarter of the evidence and leaves its sets open, or closes them a rare value short
 * (`Baleares (Illes)`, learned on three endpoints, reported on the fourth).
 *
 * Keyed by {@link poolKey}. Only parameters whose narrowest type agrees share a pool, so an
 * `id` that is a number on one endpoint and a slug on another stays two parameters.
 */
export type ParamPools = ReadonlyMap<string, ParamState>;

/** The key of a parameter's pool: its name and narrowest type. */
export function poolKey(name: string, type: string): string {
  return `${type}\u0000${name}`;
}

/**
 * The pools of the endpoints' parameters: the counts of every endpoint's parameter of a name
 * and type, merged. A name taken by a single endpoint gets no pool (it would add nothing).
 *
 * @example
 * const pools = poolParams(endpoints, DEFAULT_SETTINGS, 128);
 * pools.get(poolKey('provincia', 'text'))?.n // observations over every form that sends it
 */
export function poolParams(endpoints: readonly EndpointState[], s: BaselineSettings, maxValues: number): Map<string, ParamState> {
  const members = new Map<string, ParamState[]>();
  for (const e of endpoints) {
    for (const [name, p] of e.params) {
      const key = poolKey(name, typeOf(p, s));
      const list = members.get(key);
      if (list === undefined) members.set(key, [p]);
      else list.push(p);
    }
  }
  const pools = new Map<string, ParamState>();
  for (const [key, list] of members) {
    if (list.length < 2) continue;
    const pool = newParamState(maxValues, s.min_clients);
    for (const p of list) {
      pool.n += p.n;
      for (let i = 0; i < pool.fits.length; i++) pool.fits[i]! += p.fits[i]!;
      pool.values.merge(p.values);
      pool.lengths.merge(p.lengths);
      pool.chars.merge(p.chars);
    }
    pools.set(key, pool);
  }
  return pools;
}
