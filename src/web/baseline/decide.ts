import type { EndpointState, ParamState } from './state.js';
import type { BaselineSettings, EndpointModel, ParamModel, PathModel } from './model.js';
import type { Tally } from './tally.js';
import { VALUE_TYPES, type ValueType } from './value-shape.js';

/**
 * Turning what was counted into what is enforced. Every decision needs enough observations
 * (`min_observations`) and evidence from several clients (`min_clients`); a set (of values,
 * lengths, characters, names, methods) is "closed" — something outside it is reported — only
 * when items without that evidence made up at most `closed_share` of the observations.
 */

/** The model of one endpoint: its confirmed parameters and whether unknown ones are reported. */
export function endpointModel(e: EndpointState, s: BaselineSettings, clientsKnown: boolean): EndpointModel {
  const names = new Set(e.names.confirmed(clientsKnown, s.min_clients).map(([n]) => n));
  const params: ParamModel[] = [];
  for (const [name, p] of e.params) if (names.has(name)) params.push(paramModel(name, p, s, clientsKnown));
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

/** The model of one parameter: type, lengths, characters and, for enumerations, the values. */
export function paramModel(name: string, p: ParamState, s: BaselineSettings, clientsKnown: boolean): ParamModel {
  const enough = p.n >= s.min_observations;
  const closed = (t: Tally): boolean => enough && t.unconfirmedCount(clientsKnown, s.min_clients) / p.n <= s.closed_share;
  const { type, share } = enough ? narrowestType(p, s.type_share) : { type: 'text' as ValueType, share: 1 };
  const lengths = p.lengths.confirmed(clientsKnown, s.min_clients).map(([l]) => Number(l));
  const lengthMin = lengths.length > 0 ? Math.min(...lengths) : 0;
  const lengthMax = lengths.length > 0 ? Math.max(...lengths) : 0;
  const values = p.values.confirmed(clientsKnown, s.min_clients);
  return {
    name,
    observations: p.n,
    type,
    type_share: round(share),
    length_min: lengthMin,
    length_max: lengthMax,
    length_limit: enough && lengths.length > 0 ? lengthLimit(lengthMin, lengthMax, closed(p.lengths)) : null,
    charset: p.chars.confirmed(clientsKnown, s.min_clients).map(([c]) => c).sort(),
    charset_closed: closed(p.chars),
    values: closed(p.values) && values.length <= s.max_enum_values ? values.map(([v]) => v).sort() : null,
  };
}

/**
 * Lengths a new value may take. A closed length set (every normal length seen often, e.g. a
 * postcode) is enforced as it is; otherwise only far outliers are reported: more than twice
 * the longest confirmed length plus 8 characters (overflows, injected payloads).
 */
function lengthLimit(min: number, max: number, closed: boolean): { min: number; max: number } {
  return closed ? { min, max } : { min: 0, max: 2 * max + 8 };
}

/** The narrowest of numeric, alpha, email, token that `minShare` of the values fit; else text. */
function narrowestType(p: ParamState, minShare: number): { type: ValueType; share: number } {
  for (let i = 0; i < VALUE_TYPES.length - 1; i++) {
    const share = p.fits[i]! / p.n;
    if (share >= minShare) return { type: VALUE_TYPES[i]!, share };
  }
  return { type: 'text', share: 1 };
}

function round(n: number): number {
  return Math.round(n * 10_000) / 10_000;
}
