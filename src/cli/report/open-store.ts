import { access } from 'node:fs/promises';
import { VigieError } from '../../core/index.js';
import { DuckDbStore, migrateModule } from '../../store/index.js';
import { MODULES } from '../../registry/index.js';

/**
 * Open a database that must already exist: reports and exports read what `web analyze` stored,
 * and creating an empty file would only hide a wrong path.
 */
export async function openExistingStore(path: string): Promise<DuckDbStore> {
  try {
    await access(path);
  } catch {
    throw new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `${path}: no such database; run 'vigie web analyze FILE... --db ${path}' first, or give --db`);
  }
  const store = await DuckDbStore.open(path);
  // Every module's tables exist, so each module's report section can read (and find nothing).
  const db = await store.moduleDatabase();
  try {
    for (const m of MODULES) await migrateModule(db, m.name, m.migrations.duckdb);
  } catch (err) {
    await db.close();
    await store.close();
    throw err;
  }
  await db.close();
  return store;
}
