import type { BaselineSettings } from './model.js';
import type { ParamState } from './state.js';
import { VALUE_TYPES, type ValueType } from './value-shape.js';

/** The narrowest of numeric, alpha, email, token that `minShare` of the values fit; else text. */
export function narrowestType(p: ParamState, minShare: number): { type: ValueType; share: number } {
  for (let i = 0; i < VALUE_TYPES.length - 1; i++) {
    const share = p.fits[i]! / p.n;
    if (share >= minShare) return { type: VALUE_TYPES[i]!, share };
  }
  return { type: 'text', share: 1 };
}

/** A parameter's narrowest type, `text` while it has too few observations to say. */
export function typeOf(p: ParamState, s: BaselineSettings): string {
  return p.n >= s.min_observations ? narrowestType(p, s.type_share).type : 'text';
}
