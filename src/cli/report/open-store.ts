import { access } from 'node:fs/promises';
import { VigieError } from '../../core/index.js';
import { DuckDbStore } from '../../store/index.js';

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
  return DuckDbStore.open(path);
}
