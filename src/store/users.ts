import type { Store } from './store.js';

/**
 * The dashboard's accounts (table `users`, store migration 2), as the server's auth reads and
 * writes them. Tokens are stored as their hash only (server/auth/users.ts says which).
 */

/** What the user queries need: a reader (the server's pool) or the store. */
type UserDb = Pick<Store, 'query'>;

/** A user as listed: nothing secret. */
export interface UserRow {
  name: string;
  role: string;
  /** ISO 8601 UTC, to the second. */
  created_at: string;
  disabled: boolean;
}

/** Whether a user of that name exists (enabled or not). */
export async function userExists(db: UserDb, name: string): Promise<boolean> {
  const [existing] = await db.query(`SELECT 1 AS x FROM users WHERE name = $name`, { name });
  return existing !== undefined;
}

/** Adds a user with the next id. */
export async function insertUser(db: UserDb, user: { name: string; role: string; tokenHash: string }): Promise<void> {
  await db.query(
    `INSERT INTO users (user_id, name, role, token_hash) SELECT coalesce(max(user_id), 0) + 1, $name, $role, $hash FROM users`,
    { name: user.name, role: user.role, hash: user.tokenHash },
  );
}

/** The enabled user whose token hashes to `hash`: its name and stored role, or null. */
export async function enabledUserByTokenHash(db: UserDb, hash: string): Promise<{ name: string; role: string } | null> {
  const [row] = await db.query(`SELECT name, role FROM users WHERE token_hash = $h AND NOT disabled`, { h: hash });
  return row === undefined ? null : { name: String(row.name), role: String(row.role) };
}

/** Every user, by name. */
export async function listUserRows(db: UserDb): Promise<UserRow[]> {
  const rows = await db.query(`SELECT name, role, strftime(created_at, '%Y-%m-%dT%H:%M:%SZ') AS created_at, disabled FROM users ORDER BY name`);
  return rows.map((r) => ({ name: String(r.name), role: String(r.role), created_at: String(r.created_at), disabled: Boolean(r.disabled) }));
}
