/**
 * Every pipeline stage counts what it received, emitted, dropped and failed on, and the time
 * it took, so nothing is lost silently (the same counters for every stage, as in Vector).
 */
export interface StageCounters {
  received: number;
  emitted: number;
  dropped: number;
  errors: number;
  seconds: number;
}

/** Zeroed counters for one stage. */
export function newCounters(): StageCounters {
  return { received: 0, emitted: 0, dropped: 0, errors: 0, seconds: 0 };
}

/** What a stage adds to its counters after a piece of work. */
export type StageDelta = Partial<StageCounters>;

/**
 * The counters of a pipeline's stages, in the order the stages first counted. `--json`
 * prints them under `stages`; the server exports them at `/metrics`
 * (`vigie_stage_received_total{stage="origins"}`...). Listeners hear every delta.
 *
 * @example
 * const counters = new PipelineCounters();
 * await counters.time('origins', async () => { ...; counters.add('origins', { received: 10, emitted: 9, dropped: 1 }); });
 * counters.toJSON().origins // { received: 10, emitted: 9, dropped: 1, errors: 0, seconds: 0.012 }
 */
export class PipelineCounters {
  readonly #stages = new Map<string, StageCounters>();
  readonly #listeners: Array<(stage: string, delta: StageDelta) => void> = [];

  /** Add to a stage's counters. */
  add(stage: string, delta: StageDelta): void {
    const c = this.#stages.get(stage) ?? newCounters();
    this.#stages.set(stage, c);
    c.received += delta.received ?? 0;
    c.emitted += delta.emitted ?? 0;
    c.dropped += delta.dropped ?? 0;
    c.errors += delta.errors ?? 0;
    c.seconds += delta.seconds ?? 0;
    for (const l of this.#listeners) l(stage, delta);
  }

  /** Run one piece of a stage's work, adding its time; a failure counts as an error and is rethrown. */
  async time<T>(stage: string, work: () => Promise<T>): Promise<T> {
    const started = process.hrtime.bigint();
    const seconds = (): number => Number(process.hrtime.bigint() - started) / 1e9;
    try {
      const result = await work();
      this.add(stage, { seconds: seconds() });
      return result;
    } catch (err) {
      this.add(stage, { seconds: seconds(), errors: 1 });
      throw err;
    }
  }

  /** Hear every delta (the server's /metrics counters). */
  onAdd(listener: (stage: string, delta: StageDelta) => void): void {
    this.#listeners.push(listener);
  }

  /** Every stage's counters so far, seconds rounded to the millisecond. */
  toJSON(): Record<string, StageCounters> {
    const out: Record<string, StageCounters> = {};
    for (const [stage, c] of this.#stages) out[stage] = { ...c, seconds: Math.round(c.seconds * 1000) / 1000 };
    return out;
  }
}
