import { createHash } from 'node:crypto';
import { open, readdir, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { VigieError } from '../../core/index.js';

/** Bytes hashed to recognise a file again: enough to differ between two days of a log. */
export const HEAD_BYTES = 256;

/** An input as named by the user, resolved. */
export interface InputFile {
  /** As the user wrote it (for messages and evidence); `-` for standard input. */
  name: string;
  /** Absolute path; `-` for standard input. */
  path: string;
  gzip: boolean;
  size: number;
  dev: number;
  ino: number;
}

const GLOB_CHARS = /[*?[]/;

/**
 * Expand the command line's inputs: files as given, `-` for standard input, and glob patterns
 * the shell did not expand (`'logs/*.log.gz'`, `*` `?` `[...]` in the last path segment).
 * A missing file or a pattern matching nothing is an error, before any work starts.
 *
 * @example
 * await expandInputs(['/var/log/nginx/access.log*']) // every rotated file, sorted
 */
export async function expandInputs(args: readonly string[]): Promise<InputFile[]> {
  const out: InputFile[] = [];
  for (const arg of args) {
    if (arg === '-') {
      out.push({ name: '-', path: '-', gzip: false, size: -1, dev: 0, ino: 0 });
      continue;
    }
    const names = GLOB_CHARS.test(basename(arg)) && !(await exists(arg)) ? await glob(arg) : [arg];
    for (const name of names) out.push(await describe(name));
  }
  return out;
}

async function glob(pattern: string): Promise<string[]> {
  const dir = dirname(pattern);
  const re = globToRegExp(basename(pattern));
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    throw new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `${pattern}: directory ${dir} not found; check the path`);
  }
  const names = entries.filter((e) => re.test(e)).sort().map((e) => (dir === '.' && !pattern.startsWith('./') ? e : join(dir, e)));
  if (names.length === 0) throw new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `${pattern}: no file matches; check the pattern`);
  return names;
}

function globToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '*') re += '[^/]*';
    else if (c === '?') re += '[^/]';
    else if (c === '[') {
      const close = pattern.indexOf(']', i + 1);
      if (close < 0) re += '\\[';
      else {
        re += '[' + pattern.slice(i + 1, close).replace(/^!/, '^').replace(/\\/g, '\\\\') + ']';
        i = close;
      }
    } else re += c.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`);
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}

async function describe(name: string): Promise<InputFile> {
  const path = resolve(name);
  let st;
  try {
    st = await stat(path);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new VigieError('VIGIE_ERR_FILE_NOT_FOUND', `${name}: no such file; check the path`);
    throw new VigieError('VIGIE_ERR_FILE_UNREADABLE', `${name}: cannot read (${code ?? 'error'}); check its permissions`);
  }
  if (!st.isFile() && !st.isFIFO()) {
    throw new VigieError('VIGIE_ERR_FILE_UNREADABLE', `${name}: not a regular file; name log files, not directories`);
  }
  const head = await readHead(path, 2, name);
  return { name, path, gzip: head[0] === 0x1f && head[1] === 0x8b, size: st.size, dev: st.dev, ino: st.ino };
}

/** The first `bytes` bytes of a file (fewer if it is shorter). */
export async function readHead(path: string, bytes: number, name = path): Promise<Buffer> {
  let fh;
  try {
    fh = await open(path, 'r');
  } catch (err) {
    throw cannotOpen(name, err);
  }
  try {
    return await readHeadFrom(fh, bytes);
  } finally {
    await fh.close();
  }
}

function cannotOpen(name: string, err: unknown): VigieError {
  return new VigieError('VIGIE_ERR_FILE_UNREADABLE', `${name}: cannot open (${(err as NodeJS.ErrnoException).code ?? 'error'}); check its permissions`);
}

/** The first `bytes` bytes of an open file (fewer if it is shorter). */
export async function readHeadFrom(fh: FileHandle, bytes: number): Promise<Buffer> {
  const buf = Buffer.alloc(bytes);
  const { bytesRead } = await fh.read(buf, 0, bytes, 0);
  return buf.subarray(0, bytesRead);
}

/** A plain file opened for reading, described as the file actually opened. */
export interface OpenedFile {
  fh: FileHandle;
  input: InputFile;
}

/**
 * Opens a listed plain file by its path. The path may name another file than when it was
 * listed (rotated since), so size and identity come from the open handle; `undefined` when
 * nothing is at the path any more.
 */
export async function openListed(input: InputFile): Promise<OpenedFile | undefined> {
  let fh;
  try {
    fh = await open(input.path, 'r');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw cannotOpen(input.name, err);
  }
  const st = await fh.stat();
  return { fh, input: { ...input, size: st.size, dev: st.dev, ino: st.ino } };
}

/**
 * Where a listed file went when it was renamed away: the entry of its directory with its
 * device and inode (logrotate renames within the directory), if any.
 */
export async function findRenamed(input: InputFile): Promise<InputFile | undefined> {
  const dir = dirname(input.path);
  let entries: string[];
  try {
    entries = await readdir(dir);
  } catch {
    return undefined;
  }
  for (const entry of entries.sort()) {
    const path = join(dir, entry);
    const st = await stat(path).catch(() => undefined);
    if (st?.isFile() && st.ino === input.ino && st.dev === input.dev) {
      return { ...input, name: join(dirname(input.name), entry), path, size: st.size };
    }
  }
  return undefined;
}

/** sha256 of a buffer, hex. */
export function hashHead(head: Buffer): string {
  return createHash('sha256').update(head).digest('hex');
}
