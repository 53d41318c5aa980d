import type { Queryable } from '../../report/queries/index.js';
import { clientNetwork, failureKey, type FailureLimiter } from './failure-limiter.js';
import { findUserByTokenHash, hashToken, type User } from './users.js';

/** What checking a presented token found. */
export type TokenCheck =
  | { user: User; retryAfterSecs: 0 }
  /** Not a valid token; `retryAfterSecs` > 0 when its key is locked out (answer 429, not 401). */
  | { user: null; retryAfterSecs: number; counted: boolean };

/**
 * Checks bearer tokens and sign-in tokens against the users table, for the API and the login
 * route alike, and counts the failures (see {@link failureKey}).
 *
 * A valid token is never locked out: the token is checked before the lockout is, so a user
 * behind the same proxy address as an attacker (or the attacker's own guesses in the same
 * bucket) still gets in. This leaves no oracle worth having: a token is 256 random bits, so
 * the lockout protects the audit log and the server's time, not the tokens.
 *
 * @example
 * const check = await verifier.check(request.ip, token);
 * if (!check.user) throw check.retryAfterSecs > 0 ? tooMany(check.retryAfterSecs) : notValid();
 */
export class TokenVerifier {
  #db: { lane(name: string): Queryable };
  #limiter: FailureLimiter;
  // Token checks hit the users table; a short cache keeps them off a busy dashboard's path.
  // Short, so a disabled user is out within seconds.
  #cache = new Map<string, { user: User | null; until: number }>();
  // Tokens this process made for itself (see local-access.ts): never stored, gone when it stops.
  #local = new Map<string, User>();
  #now: () => number;

  /** `db.lane(name)`: the read connections, queued per client network (see ReaderPool). */
  constructor(db: { lane(name: string): Queryable }, limiter: FailureLimiter, now: () => number = Date.now) {
    this.#db = db;
    this.#limiter = limiter;
    this.#now = now;
  }

  /** Check `token` presented by the client at `address`; a failure is counted unless locked out. */
  async check(address: string, token: string): Promise<TokenCheck> {
    const hash = hashToken(token);
    const user = await this.#lookup(hash, address);
    if (user) return { user, retryAfterSecs: 0 };
    return this.fail(address, hash);
  }

  /** Accept `token` as `user` for as long as this server runs (a token it made itself, not stored). */
  allowLocal(token: string, user: User): void {
    this.#local.set(hashToken(token), user);
  }

  /** Count a failed attempt with a secret that is not a token at all (a malformed header). */
  fail(address: string, secretHash: string): TokenCheck {
    const key = failureKey(address, secretHash);
    const wait = this.#limiter.retryAfterSecs(key);
    if (wait > 0) return { user: null, retryAfterSecs: wait, counted: false };
    this.#limiter.fail(key);
    return { user: null, retryAfterSecs: 0, counted: true };
  }

  async #lookup(hash: string, address: string): Promise<User | null> {
    const local = this.#local.get(hash);
    if (local) return local;
    const hit = this.#cache.get(hash);
    if (hit && hit.until > this.#now()) return hit.user;
    // Queued per client network: a spray of made-up tokens delays its sender's checks only.
    const user = await findUserByTokenHash(this.#db.lane(`auth:${clientNetwork(address)}`), hash);
    if (this.#cache.size > 10_000) this.#cache.clear();
    this.#cache.set(hash, { user, until: this.#now() + 10_000 });
    return user;
  }
}
