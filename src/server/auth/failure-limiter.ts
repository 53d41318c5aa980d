import { normaliseIp } from '../../core/index.js';
import { ipv6ToWords } from '../../geo/ip-words.js';

/**
 * Counts failed authentications per key in a sliding window and says when a key must wait.
 * Only failures count, so an analyst who logs in often is never blocked, while guessing tokens
 * stops after `maxFailures` per key (see {@link failureKey} for what a key is).
 *
 * @example
 * const limiter = new FailureLimiter(10, 15 * 60_000);
 * if (limiter.retryAfterSecs(key) > 0) reply.code(429);
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

  /** Seconds this key must wait before trying again; 0 when it may try. */
  retryAfterSecs(key: string): number {
    const times = this.#recent(key);
    if (times.length < this.maxFailures) return 0;
    return Math.max(1, Math.ceil((times[0]! + this.windowMs - this.#now()) / 1000));
  }

  fail(key: string): void {
    const times = this.#recent(key);
    times.push(this.#now());
    this.#failures.set(key, times);
    // Bound memory under a spray of addresses: forget the oldest key beyond 100k.
    if (this.#failures.size > 100_000) this.#failures.delete(this.#failures.keys().next().value!);
  }

  #recent(key: string): number[] {
    const since = this.#now() - this.windowMs;
    const times = (this.#failures.get(key) ?? []).filter((t) => t > since);
    if (times.length === 0) this.#failures.delete(key);
    return times;
  }
}

/**
 * Hex digits of the presented secret's SHA-256 that go into the key. One digit splits an
 * address's attempts into 16 buckets: people behind one proxy address who mistype their token
 * rarely share a bucket with an attacker's first guesses, while one address can still make at
 * most 16 × maxFailures wrong guesses a window.
 */
const SECRET_HASH_DIGITS = 1;

/**
 * The limiter's key for a failed attempt: the client's network (an IPv4 address, or the /64
 * of an IPv6 address: one subscriber gets a whole /64, so counting its addresses one by one
 * would let it guess 2^64 times as often) and a prefix of the hash of the secret it presented.
 * A valid token is never refused by the limiter (see TokenVerifier), so the key only decides
 * who shares the lockout of wrong guesses.
 *
 * @example
 * failureKey('2001:db8:1:2::7', hashToken('vigie_wrong')) // '2001:db8:1:2::/64 #c'
 */
export function failureKey(address: string, secretHash: string): string {
  return `${clientNetwork(address)} #${secretHash.slice(0, SECRET_HASH_DIGITS)}`;
}

/** An IPv4 address as is, an IPv6 address as its /64; anything else as given. */
export function clientNetwork(address: string): string {
  const ip = normaliseIp(address) || address;
  if (!ip.includes(':')) return ip;
  const words = new Uint32Array(4);
  if (!ipv6ToWords(ip, words)) return ip;
  const hextets = [words[0]! >>> 16, words[0]! & 0xffff, words[1]! >>> 16, words[1]! & 0xffff];
  return `${hextets.map((h) => h.toString(16)).join(':')}::/64`;
}
