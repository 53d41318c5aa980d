import type { Store } from './store.js';

/** One line of the audit log: who did what, and whether it was allowed and worked. */
export interface AuditEntry {
  /** The account (`alice`), or `cli:<os user>` for commands run on the machine. */
  user: string | null;
  /** `login`, `export`, `report`, `user.add`, `ingest`... */
  action: string;
  ok: boolean;
  /** What was asked for (period, format, counts); never tokens, never reporters' data. */
  detail?: Record<string, unknown>;
}

/**
 * Append to the audit log. Logins, exports and reports must leave a trace a reviewer can read.
 *
 * @example
 * await appendAudit(store, { user: 'alice', action: 'export', ok: true, detail: { format: 'stix' } });
 */
export async function appendAudit(store: Store, entry: AuditEntry): Promise<void> {
  await store.query(
    `INSERT INTO audit_log (user_name, action, ok, detail) VALUES ($user, $action, $ok, $detail)`,
    { user: entry.user, action: entry.action, ok: entry.ok, detail: entry.detail ? JSON.stringify(entry.detail) : null },
  );
}
