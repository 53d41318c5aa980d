import { createHash } from 'node:crypto';
import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { join } from 'node:path';

/** Bumped when what is cached changes shape: older entries are then never read. */
const CACHE_VERSION = 1;

/** What a list file is parsed into: range arrays, and small facts beside them (its date, codes). */
export interface ParsedArrays<E> {
  arrays: Uint32Array[];
  extra: E;
}

/**
 * Where parsed lists are kept: `$XDG_CACHE_HOME/vigie/geo`, else `~/.cache/vigie/geo`
 * (`VIGIE_GEO_CACHE_DIR` overrides it; `off` turns the cache off).
 */
export function rangeCacheDir(): string {
  return process.env.VIGIE_GEO_CACHE_DIR ?? join(process.env.XDG_CACHE_HOME || join(homedir(), '.cache'), 'vigie', 'geo');
}

/**
 * `build()`'s arrays for `file`, from the cache when the file is the one they were built from
 * (same path, size and modification time), else built and cached. Parsing the network lists
 * (the registry delegations alone are 4.5 MB of text) cost ~0.9 s of CPU at every start that
 * met a public address; reading them back is a few milliseconds. A cache that cannot be read
 * or written is ignored: the lists are parsed as before.
 *
 * @example
 * const { arrays } = cachedArrays('/data/geo/lists/tor-exits.txt', 'cidr', () => parseSomehow());
 */
export function cachedArrays<E>(file: string, kind: string, build: () => ParsedArrays<E>): ParsedArrays<E> {
  const dir = rangeCacheDir();
  if (dir === 'off') return build();
  let path: string;
  try {
    const st = statSync(file);
    const key = createHash('sha256').update(`${CACHE_VERSION}\0${kind}\0${file}\0${st.size}\0${st.mtimeMs}`).digest('hex').slice(0, 32);
    path = join(dir, `${kind}-${key}.bin`);
  } catch {
    return build();
  }
  try {
    return decode<E>(readFileSync(path));
  } catch {
    // Not cached yet, or a damaged entry: build it again.
  }
  const built = build();
  const tmp = `${path}.${process.pid}.tmp`;
  try {
    mkdirSync(dir, { recursive: true });
    writeFileSync(tmp, encode(built));
    renameSync(tmp, path); // whole or not at all, also with several processes at once
  } catch {
    rmSync(tmp, { force: true });
  }
  return built;
}

/** `[header length][header JSON][padding to 4][arrays]`, little-endian as the machine writes it. */
function encode<E>(parsed: ParsedArrays<E>): Buffer {
  const header = Buffer.from(JSON.stringify({ v: CACHE_VERSION, lengths: parsed.arrays.map((a) => a.length), extra: parsed.extra }));
  const start = align4(4 + header.length);
  const out = Buffer.alloc(start + parsed.arrays.reduce((n, a) => n + a.byteLength, 0));
  out.writeUInt32LE(header.length, 0);
  header.copy(out, 4);
  let at = start;
  for (const a of parsed.arrays) {
    Buffer.from(a.buffer, a.byteOffset, a.byteLength).copy(out, at);
    at += a.byteLength;
  }
  return out;
}

function decode<E>(data: Buffer): ParsedArrays<E> {
  const headerLength = data.readUInt32LE(0);
  const header = JSON.parse(data.subarray(4, 4 + headerLength).toString('utf8')) as { v: number; lengths: number[]; extra: E };
  let at = align4(4 + headerLength);
  if (header.v !== CACHE_VERSION || at + header.lengths.reduce((n, l) => n + l * 4, 0) !== data.length) throw new Error('stale or damaged cache entry');
  const arrays = header.lengths.map((length) => {
    // Copied out: the file's buffer need not be aligned for a Uint32Array view.
    const a = new Uint32Array(length);
    Buffer.from(a.buffer).set(data.subarray(at, at + length * 4));
    at += length * 4;
    return a;
  });
  return { arrays, extra: header.extra };
}

const align4 = (n: number): number => (n + 3) & ~3;
