import { closeSync, existsSync, fsyncSync, openSync, renameSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname } from 'node:path';
import { DuckDBInstance } from '@duckdb/node-api';
import { VigieError } from '../../core/index.js';

const quote = (path: string): string => `'${path.replace(/'/g, "''")}'`;

/**
 * Rewrite a database file so it holds only live data. DuckDB has no secure delete: a deleted
 * or updated row's old bytes stay in the file, in blocks still in use (small tables share
 * blocks) or in free blocks not yet reused. `COPY FROM DATABASE` into a fresh file writes
 * only what is live; the old file is then overwritten with zeros in place, synced, and the
 * fresh one renamed over it. The database must be closed (no `vigie serve` on it).
 * What this cannot reach: copies the file system or the disk keep (journals, snapshots, an
 * SSD's remapped pages, backups). Returns the sizes before and after.
 */
export async function compactDatabaseFile(path: string): Promise<{ bytesBefore: number; bytesAfter: number }> {
  if (!existsSync(path)) throw new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `${path}: no such database`);
  if (existsSync(`${path}.wal`)) throw new VigieError('VIGIE_ERR_STORE', `${path}: a write-ahead log is beside it (was vigie stopped cleanly?); open and close it once, then compact`);
  const fresh = `${path}.compact-${process.pid}`;
  rmSync(fresh, { force: true });
  const instance = await DuckDBInstance.create(':memory:');
  const conn = await instance.connect();
  try {
    await conn.run(`ATTACH ${quote(path)} AS old_db (READ_ONLY)`);
  } catch (err) {
    conn.closeSync();
    instance.closeSync();
    throw new VigieError('VIGIE_ERR_STORE', `cannot open ${path} to compact it: ${String(err instanceof Error ? err.message : err).split('\n')[0]} (stop vigie serve first)`, { cause: err });
  }
  try {
    await conn.run(`ATTACH ${quote(fresh)} AS fresh_db`);
    await conn.run('COPY FROM DATABASE old_db TO fresh_db');
    // Sequences are copied at their start value: carry each one's position over.
    for (const row of (await conn.runAndReadAll(`SELECT schema_name, sequence_name, last_value FROM duckdb_sequences() WHERE database_name = 'old_db' AND last_value IS NOT NULL`)).getRowObjects()) {
      const name = `fresh_db."${String(row.schema_name)}"."${String(row.sequence_name)}"`;
      await conn.run(`SELECT max(nextval('${name.replace(/'/g, "''")}')) FROM range(${BigInt(String(row.last_value))})`);
    }
    await conn.run('DETACH fresh_db');
    await conn.run('DETACH old_db');
  } catch (err) {
    rmSync(fresh, { force: true });
    throw new VigieError('VIGIE_ERR_STORE', `compacting ${path} failed (the database is unchanged): ${String(err instanceof Error ? err.message : err).split('\n')[0]}`, { cause: err });
  } finally {
    conn.closeSync();
    instance.closeSync();
  }
  const bytesBefore = statSync(path).size;
  zeroFill(path, bytesBefore);
  renameSync(fresh, path);
  const dir = openSync(dirname(path), 'r');
  try { fsyncSync(dir); } finally { closeSync(dir); }
  return { bytesBefore, bytesAfter: statSync(path).size };
}

/** Overwrite a file's bytes with zeros, in place, and sync. */
function zeroFill(path: string, size: number): void {
  const fd = openSync(path, 'r+');
  try {
    const zeros = Buffer.alloc(1 << 20);
    for (let at = 0; at < size; at += zeros.length) writeSync(fd, zeros, 0, Math.min(zeros.length, size - at), at);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
}
