import { createReadStream } from 'node:fs';
import { open, stat, type FileHandle } from 'node:fs/promises';
import { createGunzip } from 'node:zlib';
import type { Readable } from 'node:stream';
import { IdleClock } from './idle-clock.js';
import { hashHead, HEAD_BYTES, readHeadFrom, type InputFile } from './inputs.js';

/** Why reading a followed file stopped. */
export type FollowEnd = 'eof' | 'rotated' | 'truncated' | 'stopped' | 'idle';

/** How `readBytes` should behave at the end of the file. */
export interface FollowPolicy {
  follow: boolean;
  pollMs: number;
  /** Stop following after this long without new data; 0 = never. */
  idleTimeoutMs: number;
  /**
   * The clock shared by every path of one ingest (see {@link IdleClock}); left out, one of its
   * own for this path with `idleTimeoutMs`.
   */
  idle?: IdleClock;
  signal: AbortSignal | undefined;
  /** Called when the reader is idle at the end of the file (to commit what is pending). */
  onIdle: () => Promise<void>;
}

const READ_BYTES = 1 << 20;

/**
 * Bytes of an input from `offset` (decompressed bytes for .gz), as an async iterable; from
 * `opened` when the caller already opened the plain file.
 * When following a plain file, waits at the end for more; it ends with `rotated` when the path
 * now names another file (the old one is read to its end first, so nothing written before the
 * rename is lost) and `truncated` when the file was cut (copytruncate).
 */
export async function* readBytes(input: InputFile, offset: number, policy: FollowPolicy, opened?: FileHandle): AsyncGenerator<Buffer, FollowEnd> {
  if (input.path === '-') return yield* streamFrom(process.stdin, 0);
  if (input.gzip) return yield* streamFrom(createReadStream(input.path).pipe(createGunzip()), offset);
  const fh = opened ?? (await open(input.path, 'r'));
  try {
    return yield* readPlain(fh, input, offset, policy);
  } finally {
    if (!opened) await fh.close(); // a handle passed in stays its owner's to close
  }
}

async function* readPlain(fh: FileHandle, input: InputFile, offset: number, policy: FollowPolicy): AsyncGenerator<Buffer, FollowEnd> {
  let position = offset;
  const idle = policy.idle ?? new IdleClock(policy.idleTimeoutMs, [input.path]);
  for (;;) {
    // Silence is judged by a look at the file that began after the timeout had run, never by
    // time spent committing what was read (on a loaded machine a commit can outlast the timeout).
    const checkedAt = Date.now();
    const buf = Buffer.allocUnsafe(READ_BYTES);
    const { bytesRead } = await fh.read(buf, 0, READ_BYTES, position);
    if (bytesRead > 0) {
      position += bytesRead;
      idle.data();
      yield buf.subarray(0, bytesRead);
      continue;
    }
    if (!policy.follow) return 'eof';
    await policy.onIdle();
    const change = await fileChanged(input, position);
    if (change !== undefined) {
      // Drain whatever the old file received before it was renamed away.
      if (change === 'rotated') {
        for (;;) {
          const rest = Buffer.allocUnsafe(READ_BYTES);
          const r = await fh.read(rest, 0, READ_BYTES, position);
          if (r.bytesRead === 0) break;
          position += r.bytesRead;
          idle.data();
          yield rest.subarray(0, r.bytesRead);
        }
      }
      return change;
    }
    if (policy.signal?.aborted) return 'stopped';
    if (idle.quiet(input.path, checkedAt)) return 'idle';
    await sleep(policy.pollMs, policy.signal);
  }
}

/** Has the path been rotated (another file now) or truncated since we read up to `position`? */
async function fileChanged(input: InputFile, position: number): Promise<'rotated' | 'truncated' | undefined> {
  let st;
  try {
    st = await stat(input.path);
  } catch {
    return undefined; // renamed away and not yet recreated: keep waiting
  }
  if (st.ino !== input.ino || st.dev !== input.dev) return 'rotated';
  if (st.size < position) return 'truncated';
  return undefined;
}

async function* streamFrom(stream: Readable, skip: number): AsyncGenerator<Buffer, FollowEnd> {
  let toSkip = skip;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    if (toSkip >= chunk.length) {
      toSkip -= chunk.length;
      continue;
    }
    yield toSkip > 0 ? chunk.subarray(toSkip) : chunk;
    toSkip = 0;
  }
  return 'eof';
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}

/** Identity of a file's current content: a hash of its first bytes (read from `opened` when given). */
export async function headIdentity(path: string, bytes = HEAD_BYTES, opened?: FileHandle): Promise<{ hash: string; length: number }> {
  const fh = opened ?? (await open(path, 'r'));
  try {
    const head = await readHeadFrom(fh, bytes);
    return { hash: hashHead(head), length: head.length };
  } finally {
    if (!opened) await fh.close();
  }
}
