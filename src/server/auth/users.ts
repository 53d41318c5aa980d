import { createHash, randomBytes } from 'node:crypto';
import { VigieError } from '../../core/index.js';
import type { Queryable } from '../../report/queries/index.js';
import { enabledUserByTokenHash, insertUser, listUserRows, userExists } from '../../store/index.js';

export const ROLES = ['viewer', 'analyst', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Who a request acts for. */
export interface User {
  name: string;
  role: Role;
}

/** Whether `role` may do what `needed` may (viewer < analyst < admin). */
export function hasRole(role: Role, needed: Role): boolean {
  return ROLES.indexOf(role) >= ROLES.indexOf(needed);
}

/** User names: short, printable, safe in logs and audit rows. */
export const USER_NAME = /^[A-Za-z0-9][A-Za-z0-9._@-]{0,63}$/;

/**
 * A new bearer token: 32 random bytes (256 bits) in base64url, with a `vigie_` prefix so
 * secret scanners and people recognise one in a paste.
 */
export function newToken(): string {
  return `vigie_${randomBytes(32).toString('base64url')}`;
}

/**
 * The stored form of a token. A plain SHA-256 is enough here, unlike for passwords: a token
 * is 256 random bits, so no dictionary or brute force can find it from its hash, and a slow
 * hash (bcrypt, scrypt) would only slow down every API request that checks one.
 */
export function hashToken(token: string): string {
  return createHash('sha256').update(token, 'utf8').digest('hex');
}

/**
 * Create a user and return its token, which is never stored and cannot be shown again.
 *
 * @example
 * const token = await createUser(store, 'alice', 'analyst');
 */
export async function createUser(db: Queryable, name: string, role: Role): Promise<string> {
  if (!USER_NAME.test(name)) {
    throw new VigieError('VIGIE_ERR_USAGE', `user name '${name.slice(0, 80)}' is not valid; use 1 to 64 letters, digits, '.', '_', '@' or '-'`);
  }
  if (!(ROLES as readonly string[]).includes(role)) throw new VigieError('VIGIE_ERR_USAGE', `role '${role}' is not one of ${ROLES.join(', ')}`);
  if (await userExists(db, name)) throw new VigieError('VIGIE_ERR_USAGE', `user '${name}' already exists; choose another name`);
  const token = newToken();
  await insertUser(db, { name, role, tokenHash: hashToken(token) });
  return token;
}

/** The enabled user whose token hashes to `hash` (see {@link hashToken}), or null. */
export async function findUserByTokenHash(db: Queryable, hash: string): Promise<User | null> {
  const row = await enabledUserByTokenHash(db, hash);
  return row && (ROLES as readonly string[]).includes(row.role) ? { name: row.name, role: row.role as Role } : null;
}

/** Every user, without anything secret. */
export async function listUsers(db: Queryable): Promise<Array<{ name: string; role: string; created_at: string; disabled: boolean }>> {
  return listUserRows(db);
}
