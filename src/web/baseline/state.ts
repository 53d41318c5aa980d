import { Tally } from './tally.js';
import { VALUE_TYPES } from './value-shape.js';

/** What learning holds for one parameter of one endpoint. */
export interface ParamState {
  n: number;
  /** Values fitting each of VALUE_TYPES, by index. */
  fits: number[];
  values: Tally;
  lengths: Tally;
  chars: Tally;
}

/** What learning holds for one endpoint (method + generalised path). */
export interface EndpointState {
  method: string;
  path: string;
  requests: number;
  names: Tally;
  params: Map<string, ParamState>;
}

/** An empty {@link ParamState}: `maxValues` distinct values are tracked, every length up to 256 and character class up to 128. */
export function newParamState(maxValues: number, minClients: number): ParamState {
  return {
    n: 0,
    fits: VALUE_TYPES.map(() => 0),
    values: new Tally(maxValues, minClients),
    lengths: new Tally(256, minClients),
    chars: new Tally(128, minClients),
  };
}
