/**
 * Pushed batches between the start of their ingest and the end of their attribution. The live
 * stream waits for them before reading new findings, so a finding is not sent before its
 * address has an origin ("Unknown", "—" until the next pass, issue 17).
 *
 * @example
 * const gate = new ArrivalGate();
 * await gate.track(ingestAndAttribute());   // in the ingest route
 * await gate.settled(30_000);               // in the stream, before reading findings
 */
export class ArrivalGate {
  #inFlight = new Set<Promise<unknown>>();

  /** Count `work` as in flight until it settles; returns it. */
  track<T>(work: Promise<T>): Promise<T> {
    const settled = work.then(() => undefined, () => undefined);
    this.#inFlight.add(settled);
    void settled.then(() => this.#inFlight.delete(settled));
    return work;
  }

  /** Whether a batch is being stored or attributed now. */
  get busy(): boolean {
    return this.#inFlight.size > 0;
  }

  /**
   * Resolves when the batches in flight now have settled (not those started meanwhile, so a
   * steady flood of pushes cannot hold a reader back), or after `maxWaitMs` at most.
   */
  async settled(maxWaitMs: number): Promise<void> {
    if (this.#inFlight.size === 0) return;
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([Promise.all([...this.#inFlight]), new Promise<void>((r) => { timer = setTimeout(r, maxWaitMs); })]);
    clearTimeout(timer);
  }
}
