export * from './store.js';
export * from './rows.js';
export { DEFAULT_MEMORY_LIMIT_MB, DuckDbStore, type DuckDbStoreOptions } from './duckdb/duckdb-store.js';
export { appendAudit, type AuditEntry } from './audit.js';
export { LockedStore, type CommitListener } from './locked-store.js';
export { DuckDbDatabase, migrateModule } from './duckdb/duckdb-database.js';
export { openStore, openStoreSession, type ModuleSchema, type OpenStoreOptions } from './open-store.js';
export { compactDatabaseFile } from './duckdb/compact.js';
export { enabledUserByTokenHash, insertUser, listUserRows, userExists, type UserRow } from './users.js';
