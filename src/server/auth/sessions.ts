import { randomBytes } from 'node:crypto';
import type { User } from './users.js';

/**
 * Dashboard sessions, kept in the server's memory: the cookie holds a random session id, never
 * the token, and a session ends at its expiry, at logout, or when the server restarts (the
 * analyst logs in again with the token). One server process serves a database, so nothing
 * needs sharing.
 */
export class SessionStore {
  #sessions = new Map<string, User & { expiresAt: number }>();
  readonly ttlMs: number;
  #now: () => number;

  constructor(ttlMs: number, now: () => number = Date.now) {
    this.ttlMs = ttlMs;
    this.#now = now;
  }

  /** Open a session and return its id (32 random bytes, base64url). */
  create(user: User): string {
    this.#sweep();
    const id = randomBytes(32).toString('base64url');
    this.#sessions.set(id, { ...user, expiresAt: this.#now() + this.ttlMs });
    return id;
  }

  /** The user of a live session, or null. */
  get(id: string): User | null {
    const s = this.#sessions.get(id);
    if (!s) return null;
    if (s.expiresAt <= this.#now()) {
      this.#sessions.delete(id);
      return null;
    }
    return { name: s.name, role: s.role };
  }

  delete(id: string): void {
    this.#sessions.delete(id);
  }

  #sweep(): void {
    const now = this.#now();
    for (const [id, s] of this.#sessions) if (s.expiresAt <= now) this.#sessions.delete(id);
  }
}
