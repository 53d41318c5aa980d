import type { Tally } from './tally.js';

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
