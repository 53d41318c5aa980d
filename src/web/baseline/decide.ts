import type { EndpointState, ParamState } from './state.js';
import type { BaselineSettings, EndpointModel, ParamModel, PathModel } from './model.js';
import type { Tally } from './tally.js';
import { narrowestType, typeOf } from './narrowest-type.js';
import { poolKey, type ParamPools } from './pool.js';
import type { ValueType } from './value-shape.js';

/**
 * Turning what was counted into what is enforced. Every decision needs enough observations
 * (`min_observations`) and evidence from several clients (`min_clients`); a set (of values,
 * lengths, characters, names, methods) is "closed" — something outside it is reported — only
 * when items without that evidence made up at most `closed_share` of the observations.
 */

/** The model of one endpoint: its confirmed parameters and whether unknown ones are reported. */
export function endpointModel(e: EndpointState, s: BaselineSettings, clientsKnown: boolean, pools: ParamPools = new Map()): EndpointModel {
  const names = new Set(e.names.confirmed(clientsKnown, s.min_clients).map(([n]) => n));
  const params: ParamModel[] = [];
  for (const [name, p] of e.params) if (names.has(name)) params.push(paramModel(name, p, s, clientsKnown, pools.get(poolKey(name, typeOf(p, s)))));
  params.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  return {
    method: e.method,
    path: e.path,
    requests: e.requests,
    params_closed: e.requests >= s.min_observations && e.names.unconfirmedCount(clientsKnown, s.min_clients) / e.requests <= s.closed_share,
    params,
  };
}

/** The model of one path: the methods it is used with. */
export function pathModel(path: string, requests: number, methods: Tally, s: BaselineSettings, clientsKnown: boolean): PathModel {
  return {
    path,
    requests,
    methods: methods.confirmed(clientsKnown, s.min_clients).map(([m]) => m).sort(),
    methods_closed: requests >= s.min_observations && methods.unconfirmedShare(clientsKnown, s.min_clients) <= s.closed_share,
  };
}

/**
 * The model of one parameter: type, lengths, characters and, for enumerations, the values.
 * With a `pool` (the same parameter on the site's other endpoints, see pool.ts), what the
 * pool confirms is normal here too, and a set is closed when it is closed here or in the pool
 * (the pool's larger count estimates better how often something new comes).
 */
export function paramModel(name: string, p: ParamState, s: BaselineSettings, clientsKnown: boolean, pool?: ParamState): ParamModel {
  const enough = p.n >= s.min_observations;
  const closedIn = (q: ParamState, t: Tally): boolean => q.n >= s.min_observations && t.unconfirmedCount(clientsKnown, s.min_clients) / q.n <= s.closed_share;
  const closed = (pick: (q: ParamState) => Tally): boolean => closedIn(p, pick(p)) || (enough && pool !== undefined && closedIn(pool, pick(pool)));
  const confirmed = (pick: (q: ParamState) => Tally): Array<[string, number]> => {
    const here = pick(p).confirmed(clientsKnown, s.min_clients);
    if (pool === undefined) return here;
    const seen = new Set(here.map(([item]) => item));
    return [...here, ...pick(pool).confirmed(clientsKnown, s.min_clients).filter(([item]) => !seen.has(item))];
  };
  const { type, share } = enough ? narrowestType(p, s.type_share) : { type: 'text' as ValueType, share: 1 };
  const lengths = confirmed((q) => q.lengths).map(([l]) => Number(l));
  const lengthMin = lengths.length > 0 ? Math.min(...lengths) : 0;
  const lengthMax = lengths.length > 0 ? Math.max(...lengths) : 0;
  const values = confirmed((q) => q.values);
  return {
    name,
    observations: p.n,
    type,
    type_share: round(share),
    length_min: lengthMin,
    length_max: lengthMax,
    length_limit: enough && lengths.length > 0 ? lengthLimit(lengthMin, lengthMax, closed((q) => q.lengths)) : null,
    charset: confirmed((q) => q.chars).map(([c]) => c).sort(),
    charset_closed: enough && closed((q) => q.chars),
    values: enough && closed((q) => q.values) && values.length <= s.max_enum_values ? values.map(([v]) => v).sort() : null,
  };
}

/**
 * Lengths a new value may take. A closed set of lengths in a narrow band (at most
 * {@link FIXED_FORMAT_SPREAD} apart: postcodes, card and ID numbers, codes) is enforced as it
 * is. A closed set spread wider (names, passwords: every length between 3 and 15 seen often)
 * says values are that long give or take the spread itself: a name of 2 or 23 characters is as
 * ordinary as one of 3 or 15, one of 200 is not. An open set only reports far outliers: more
 * than twice the longest confirmed length plus 8 characters (overflows, injected payloads).
 */
function lengthLimit(min: number, max: number, closed: boolean): { min: number; max: number } {
  if (!closed) return { min: 0, max: 2 * max + 8 };
  const spread = max - min;
  return spread <= FIXED_FORMAT_SPREAD ? { min, max } : { min: Math.max(0, min - spread), max: max + spread };
}

/** Widest band of lengths read as a fixed format (`K1A 0B6` and `K1A0B6` are one format). */
const FIXED_FORMAT_SPREAD = 2;

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
