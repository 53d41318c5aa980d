/** `n` rounded to `digits` decimals. */
export function round(n: number, digits: number): number {
  const f = 10 ** digits;
  return Math.round(n * f) / f;
}

/** Seconds spent in each step of an analysis, for `phase_secs`: where the time goes. */
export class PhaseClock {
  readonly secs: Record<string, number> = {};
  /** Peak resident memory (MB) of the process at the end of each step. */
  readonly peakRssMb: Record<string, number> = {};
  #last: bigint;

  constructor(start: bigint) {
    this.#last = start;
  }

  lap(name: string): void {
    const now = process.hrtime.bigint();
    this.secs[name] = round(Number(now - this.#last) / 1e9, 3);
    this.peakRssMb[name] = round(process.resourceUsage().maxRSS / 1024, 1);
    this.#last = now;
  }
}
