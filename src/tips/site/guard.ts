import { createHash } from 'node:crypto';
import { hash, randomBytes, sameBytes } from '../crypto/seal.js';

/**
 * Abuse control without addresses (GlobaLeaks' ratelimit.py, SecureDrop #7500):
 * - a hashcash puzzle on submission: the form carries a challenge the server signed, the
 *   browser finds a nonce whose SHA-256 with it starts with `bits` zero bits (a few hundred
 *   milliseconds), the server checks it in microseconds and accepts each challenge once;
 * - without JavaScript there is no nonce: the challenge must then be `noJsWaitSecs` old, and
 *   the server holds the request until it is (at most `maxWaiting` held at once): a slower
 *   queue, costly to a flood, invisible to a person who took a minute to write;
 * - counts per client keyed on a salted hash of the address, the salt kept in memory only and
 *   replaced every `rotateSecs`: no address is ever stored, and yesterday's keys cannot be
 *   linked to today's.
 */
export interface GuardOptions {
  powBits: number;
  noJsWaitSecs: number;
  maxWaiting: number;
  challengeTtlSecs: number;
  rotateSecs: number;
  /** Submissions one client key may make per window. */
  submissionsPerWindow: number;
  /** Failed receipts (wrong or unknown) one client key may make per window. */
  failedReceiptsPerWindow: number;
  windowSecs: number;
}

export const GUARD_DEFAULTS: GuardOptions = {
  powBits: 16, noJsWaitSecs: 20, maxWaiting: 16, challengeTtlSecs: 24 * 3600, rotateSecs: 24 * 3600,
  submissionsPerWindow: 5, failedReceiptsPerWindow: 10, windowSecs: 3600,
};

export type PowCheck = { ok: true } | { ok: false; reason: 'pow' | 'expired_form' | 'busy' };

export class Guard {
  readonly options: GuardOptions;
  #key = randomBytes(32);
  #salt = randomBytes(32);
  #saltSince = Date.now();
  #used = new Map<string, number>();
  #counts = new Map<string, { n: number; since: number }>();
  #waiting = 0;
  #now: () => number;

  constructor(options: Partial<GuardOptions> = {}, now: () => number = Date.now) {
    this.options = { ...GUARD_DEFAULTS, ...options };
    this.#now = now;
  }

  /** A fresh challenge for a form: `v1.<ms>.<random>.<bits>.<mac>`. */
  challenge(): string {
    const body = `v1.${this.#now().toString(36)}.${randomBytes(12).toString('hex')}.${this.options.powBits}`;
    return `${body}.${this.#mac(body)}`;
  }

  /**
   * Check a submission's challenge and nonce (`nonce` empty without JavaScript). A challenge
   * is good once; a no-JS submission waits until its challenge is old enough.
   */
  async check(challenge: string, nonce: string, signal?: AbortSignal): Promise<PowCheck> {
    const m = /^v1\.([0-9a-z]{1,12})\.([0-9a-f]{24})\.([0-9]{1,2})\.([0-9a-f]{32})$/.exec(challenge);
    if (!m) return { ok: false, reason: 'pow' };
    const body = challenge.slice(0, challenge.lastIndexOf('.'));
    if (!sameBytes(Buffer.from(this.#mac(body), 'hex'), Buffer.from(m[4]!, 'hex'))) return { ok: false, reason: 'pow' };
    const issued = parseInt(m[1]!, 36);
    const now = this.#now();
    if (now - issued > this.options.challengeTtlSecs * 1000 || issued > now + 60_000) return { ok: false, reason: 'expired_form' };
    this.#prune(now);
    if (this.#used.has(challenge)) return { ok: false, reason: 'pow' };
    if (nonce !== '') {
      if (!/^[0-9]{1,16}$/.test(nonce) || !solves(challenge, nonce, Number(m[3]))) return { ok: false, reason: 'pow' };
    } else {
      const wait = issued + this.options.noJsWaitSecs * 1000 - now;
      if (wait > 0) {
        if (this.#waiting >= this.options.maxWaiting) return { ok: false, reason: 'busy' };
        this.#waiting++;
        try {
          await new Promise<void>((resolve) => {
            const t = setTimeout(resolve, wait);
            signal?.addEventListener('abort', () => { clearTimeout(t); resolve(); }, { once: true });
          });
        } finally {
          this.#waiting--;
        }
        if (this.#used.has(challenge)) return { ok: false, reason: 'pow' };
      }
    }
    this.#used.set(challenge, issued + this.options.challengeTtlSecs * 1000);
    return { ok: true };
  }

  /**
   * Count one event of `kind` for the client at `address` (used in memory for the hash, then
   * dropped); false when the client is over its limit for the window.
   */
  allow(kind: 'submit' | 'receipt', address: string): boolean {
    const now = this.#now();
    return this.#bump(kind, address, now, true, kind === 'submit' ? this.options.submissionsPerWindow : this.options.failedReceiptsPerWindow);
  }

  /** Whether a client may try a receipt now (failed receipts under the limit), without counting. */
  mayTryReceipt(address: string): boolean {
    return this.#bump('receipt', address, this.#now(), false, this.options.failedReceiptsPerWindow);
  }

  #bump(kind: string, address: string, now: number, count: boolean, limit: number): boolean {
    if (now - this.#saltSince > this.options.rotateSecs * 1000) {
      this.#salt = randomBytes(32);
      this.#saltSince = now;
      this.#counts.clear();
    }
    const key = `${kind}:${hash('vigie-tips-client', [address], this.#salt).subarray(0, 16).toString('hex')}`;
    let c = this.#counts.get(key);
    if (!c || now - c.since > this.options.windowSecs * 1000) c = { n: 0, since: now };
    if (count) c.n++;
    this.#counts.set(key, c);
    return count ? c.n <= limit : c.n < limit;
  }

  #mac(body: string): string {
    return hash('vigie-tips-pow', [body], this.#key).subarray(0, 16).toString('hex');
  }

  #prune(now: number): void {
    if (this.#used.size < 1000) return;
    for (const [k, expires] of this.#used) if (expires < now) this.#used.delete(k);
  }
}

/** Whether SHA-256(`challenge:nonce`) starts with `bits` zero bits (the browser's pow.js computes the same). */
export function solves(challenge: string, nonce: string, bits: number): boolean {
  const digest = createHash('sha256').update(`${challenge}:${nonce}`).digest();
  let left = bits;
  for (const byte of digest) {
    if (left <= 0) return true;
    if (left >= 8) {
      if (byte !== 0) return false;
      left -= 8;
    } else {
      return byte >> (8 - left) === 0;
    }
  }
  return left <= 0;
}
