/**
 * Counts failed authentications per client address in a sliding window and says when an
 * address must wait. Only failures count, so an analyst who logs in often is never blocked,
 * while guessing tokens from one address stops after `maxFailures`.
 *
 * @example
 * const limiter = new FailureLimiter(10, 15 * 60_000);
 * if (limiter.retryAfterSecs(ip) > 0) reply.code(429);
 */
export class FailureLimiter {
  #failures = new Map<string, number[]>();
  readonly maxFailures: number;
  readonly windowMs: number;
  #now: () => number;

  constructor(maxFailures: number, windowMs: number, now: () => number = Date.now) {
    this.maxFailures = maxFailures;
    this.windowMs = windowMs;
    this.#now = now;
  }

  /** Seconds this address must wait before trying again; 0 when it may try. */
  retryAfterSecs(address: string): number {
    const times = this.#recent(address);
    if (times.length < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((times[0]! + this.windowMs - this.#now()) / 1000));
  }

  fail(address: string): void {
    const times = this.#recent(address);
    times.push(this.#now());
    this.#failures.set(address, times);
    // Bound memory under a spray of addresses: forget the oldest address beyond 100k.
    if (this.#failures.size > 100_000) this.#failures.delete(this.#failures.keys().next().value!);
  }

  #recent(address: string): number[] {
    const since = this.#now() - this.windowMs;
    const times = (this.#failures.get(address) ?? []).filter((t) => t > since);
    if (times.length === 0) this.#failures.delete(address);
    return times;
  }
}
