/**
 * Every pipeline stage counts what it received, emitted, dropped and failed on, so nothing is
 * lost silently (the same four counters for every stage, as in Vector).
 */
export interface StageCounters {
  received: number;
  emitted: number;
  dropped: number;
  errors: number;
}

export function newCounters(): StageCounters {
  return { received: 0, emitted: 0, dropped: 0, errors: 0 };
}
