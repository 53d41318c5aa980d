import type { FileHandle } from 'node:fs/promises';
import { VigieError } from '../../core/index.js';
import type { SourceIdentity, Store } from '../../store/index.js';
import type { DetectorOptions } from '../detectors.js';
import { detectFormat } from '../formats/index.js';
import type { LogFormat } from '../formats/types.js';
import { headIdentity, readBytes, type FollowEnd } from './byte-source.js';
import { IdleClock } from './idle-clock.js';
import { LineChunker } from './chunker.js';
import { expandInputs, findRenamed, hashHead, HEAD_BYTES, openListed, readHead, readHeadFrom, type InputFile } from './inputs.js';
import { MAX_MALFORMED_SAMPLES, type ChunkResult, type MalformedSample } from './parse-chunk.js';
import { ParsePool } from './worker-pool.js';
import { BatchCommitter } from './batch-committer.js';
import { directiveBefore, lastDirective } from './directives.js';
import { firstLines, formatMismatch, HEAD_SCAN_BYTES, unknownFormatMessage } from './format-check.js';

export interface IngestOptions {
  format: LogFormat | 'auto';
  follow: boolean;
  /**
   * With `follow`: stop once every followed path has been looked at and found quiet this many
   * seconds after the last new data from any of them; 0 = until stopped.
   */
  idleTimeoutSecs: number;
  /** The idle clock all followed paths share (made by {@link ingest} and {@link ingestInputs} when left out). */
  idle?: IdleClock;
  trustProxyHops: number;
  /** Parsing threads; 0 parses on the main thread. */
  workers: number;
  /** Analyse files again that were already (partly) analysed, replacing what they stored. */
  reprocess: boolean;
  detectors: DetectorOptions;
  chunkBytes?: number;
  commitRows?: number;
  commitIntervalMs?: number;
  pollMs?: number;
  signal?: AbortSignal;
  onProgress?: (p: IngestProgress) => void;
  onNotice?: (message: string) => void;
  /**
   * Following: called when the reader has reached the end of a file and everything read is
   * stored, with the last line stored (once per new line number, not at every poll).
   */
  onCaughtUp?: (file: string, line: number) => void;
}

export interface IngestProgress {
  file: string;
  bytesDone: number;
  bytesTotal: number;
  lines: number;
}

export interface FileStats {
  file: string;
  format: string;
  lines: number;
  parsed: number;
  malformed: number;
  skipped: number;
  flagged: number;
  resumed_at_line: number;
  error?: string;
}

export interface IngestStats {
  lines: number;
  parsed: number;
  malformed: number;
  skipped: number;
  flagged: number;
  malformed_samples: MalformedSample[];
  files: FileStats[];
  errors: string[];
}

/**
 * Read every input, parse and detect on worker threads, and store events and findings with a
 * checkpoint per batch: source → normalise → detect → store. A file analysed before resumes
 * after its last committed line; `follow` keeps reading as the log grows and across rotations.
 *
 * @example
 * const stats = await ingest(store, runId, ['access.log'], { format: 'auto', follow: false, ... });
 */
export async function ingest(store: Store, runId: number, args: readonly string[], options: IngestOptions): Promise<IngestStats> {
  const inputs = await expandInputs(args);
  if (!options.follow || inputs.length < 2) return ingestInputs(store, runId, inputs, options);
  options = { ...options, idle: options.idle ?? followClock(inputs, options) };
  // Following several logs: each on its own, with its own parsing thread and string dictionary
  // (so each file's batches carry the strings they use, whatever order the files commit in),
  // and a quiet log never holds up a busy one. The caller serialises the store's writes.
  return mergeStats(await Promise.all(inputs.map((input) => ingestInputs(store, runId, [input], options))));
}

function mergeStats(all: readonly IngestStats[]): IngestStats {
  const total: IngestStats = { lines: 0, parsed: 0, malformed: 0, skipped: 0, flagged: 0, malformed_samples: [], files: [], errors: [] };
  for (const s of all) {
    total.lines += s.lines;
    total.parsed += s.parsed;
    total.malformed += s.malformed;
    total.skipped += s.skipped;
    total.flagged += s.flagged;
    total.malformed_samples.push(...s.malformed_samples.slice(0, MAX_MALFORMED_SAMPLES - total.malformed_samples.length));
    total.files.push(...s.files);
    total.errors.push(...s.errors);
  }
  return total;
}

/** One idle clock for the followed inputs (plain files: standard input and gzip files are read once). */
function followClock(inputs: readonly InputFile[], options: IngestOptions): IdleClock {
  return new IdleClock(options.idleTimeoutSecs * 1000, inputs.filter((i) => i.path !== '-' && !i.gzip).map((i) => i.path));
}

/** {@link ingest} of inputs already listed (they may have been rotated since), one after the other. */
export async function ingestInputs(store: Store, runId: number, inputs: readonly InputFile[], options: IngestOptions): Promise<IngestStats> {
  if (options.follow && !options.idle) options = { ...options, idle: followClock(inputs, options) };
  const stats: IngestStats = { lines: 0, parsed: 0, malformed: 0, skipped: 0, flagged: 0, malformed_samples: [], files: [], errors: [] };
  const firstStringId = await store.reserveStringIds(Math.max(options.workers, 1));
  const pool = await ParsePool.start(options.workers, { trustProxyHops: options.trustProxyHops, detectors: options.detectors, firstStringId });
  try {
    for (const input of inputs) {
      let current: InputFile | undefined = input;
      while (current) {
        const plain = current.path !== '-' && !current.gzip;
        const opened = plain ? await openListed(current) : undefined;
        let result: Awaited<ReturnType<typeof ingestOne>>;
        try {
          if (options.follow && plain && (opened === undefined || opened.input.ino !== current.ino || opened.input.dev !== current.dev)) {
            // Rotated between being listed and being opened: read the renamed file through first.
            const renamed = await findRenamed(current);
            options.onNotice?.(`${current.name}: rotated before it was opened; ${renamed ? `reading ${renamed.name} through first` : 'its old content is no longer in its directory'}`);
            if (renamed) await ingestRenamed(store, runId, renamed, pool, options, stats);
            if (opened === undefined) {
              current = await reopen(current, 'rotated', options);
              continue;
            }
          }
          const predecessor = options.follow && opened ? await renamedSinceLastRead(store, opened.input) : undefined;
          if (predecessor) {
            options.onNotice?.(`${current.name}: rotated since it was last read; reading the rest of ${predecessor.name} first`);
            await ingestRenamed(store, runId, predecessor, pool, options, stats);
          }
          result = await ingestOne(store, runId, opened?.input ?? current, pool, options, stats, opened?.fh);
        } finally {
          await opened?.fh.close();
        }
        const { end, file } = result;
        stats.files.push(file);
        if (file.error) stats.errors.push(file.error);
        current = end === 'rotated' || end === 'truncated' ? await reopen(current, end, options) : undefined;
      }
      options.idle?.done(input.path);
    }
  } finally {
    await pool.close();
  }
  return stats;
}

async function reopen(input: InputFile, why: FollowEnd, options: IngestOptions): Promise<InputFile | undefined> {
  for (;;) {
    const checkedAt = Date.now();
    try {
      const [again] = await expandInputs([input.path]);
      options.onNotice?.(`${input.name}: ${why === 'rotated' ? 'rotated, following the new file' : 'truncated, reading from the start'}`);
      options.idle?.data(); // a rotation is the log's activity: the new file's silence counts from now
      return again ? { ...again, name: input.name } : undefined;
    } catch (err) {
      if (!(err instanceof VigieError) || options.signal?.aborted) return undefined;
      // Renamed away, not yet recreated: a look that found nothing new.
      if (options.idle?.quiet(input.path, checkedAt)) {
        options.onNotice?.(`${input.name}: renamed away and not recreated; no new data within the idle timeout, following ends`);
        return undefined;
      }
      await new Promise((r) => setTimeout(r, options.pollMs ?? 250));
    }
  }
}

/**
 * The file last read under this path, when it is no longer the file there (rotated while vigie
 * was not running) and still holds lines after its checkpoint: found by its inode in the same
 * directory, and checked by its first bytes (not another file that took its inode).
 */
async function renamedSinceLastRead(store: Store, now: InputFile): Promise<InputFile | undefined> {
  const before = await store.lastSourceAt(now.path);
  if (!before || (before.identity.ino === now.ino && before.identity.dev === now.dev)) return undefined;
  const renamed = await findRenamed({ ...now, dev: before.identity.dev, ino: before.identity.ino });
  if (!renamed || renamed.size <= before.checkpoint.byteOffset) return undefined;
  const head = await headIdentity(renamed.path, before.identity.headBytes).catch(() => undefined);
  return head?.hash === before.identity.headHash ? renamed : undefined;
}

/** A followed file's renamed predecessor (found by its inode), read to its end from its checkpoint. */
async function ingestRenamed(store: Store, runId: number, renamed: InputFile, pool: ParsePool, options: IngestOptions, stats: IngestStats): Promise<void> {
  const opened = await openListed(renamed);
  if (!opened || opened.input.ino !== renamed.ino || opened.input.dev !== renamed.dev) {
    await opened?.fh.close();
    return;
  }
  try {
    const { file } = await ingestOne(store, runId, opened.input, pool, { ...options, follow: false }, stats, opened.fh);
    stats.files.push(file);
    if (file.error) stats.errors.push(file.error);
  } finally {
    await opened.fh.close();
  }
}

async function ingestOne(store: Store, runId: number, input: InputFile, pool: ParsePool, options: IngestOptions, stats: IngestStats, fh?: FileHandle): Promise<{ end: FollowEnd; file: FileStats }> {
  const file: FileStats = { file: input.name, format: '', lines: 0, parsed: 0, malformed: 0, skipped: 0, flagged: 0, resumed_at_line: 0 };
  const plain = input.path !== '-' && !input.gzip;
  const headBytes = input.gzip ? HEAD_BYTES : HEAD_SCAN_BYTES;
  const head = input.path === '-' ? undefined : fh ? await readHeadFrom(fh, headBytes) : await readHead(input.path, headBytes, input.name);
  const identity = await identify(input, head);
  let { source, checkpoint } = await store.openSource(identity, async (known, cp) => {
    if (plain && cp.byteOffset > input.size) return false; // cut shorter than what we read: new content
    const now = await headIdentity(input.path, known.headBytes, fh);
    return now.hash === known.headHash && now.length === known.headBytes;
  });
  if (checkpoint.byteOffset > 0 && options.reprocess) {
    await store.resetSource(source.sourceId);
    checkpoint = { sourceId: source.sourceId, byteOffset: 0, line: 0 };
  }
  if (checkpoint.byteOffset > 0) {
    file.resumed_at_line = checkpoint.line;
    options.onNotice?.(`${input.name}: analysed before up to line ${checkpoint.line}; reading on from there (--reprocess to start over)`);
  }
  let format: LogFormat | undefined = options.format === 'auto' ? undefined : options.format;
  if (!format && head) format = detectFormat(firstLines(head));
  // The first lines read, to say what a file looks like when the chosen format fits none of it.
  // A followed file emptied by copytruncate has no head yet: its first chunk gives the sample.
  let sample: string[] | undefined = plain && head && head.byteLength > 0 ? firstLines(head) : undefined;
  // Reading a file through: batches of 100k rows, so DuckDB writes most rows as whole row
  // groups (122,880 rows) straight to the database instead of through its WAL (measured: half
  // the store's CPU against 50k). 200k saved another 4% of CPU but cost 40-60 MB of peak
  // memory (3M lines: 519-578 MB against 485-516 MB).
  // Following a log: small, frequent batches, so new lines are queryable within a second.
  const committer = new BatchCommitter(store, runId, source.sourceId, options.commitRows ?? (options.follow ? 50_000 : 100_000), options.commitIntervalMs ?? (options.follow ? 1000 : 10_000));
  const chunker = new LineChunker(checkpoint.line + 1, checkpoint.byteOffset, options.chunkBytes ?? 1 << 20);
  let directive = format && plain && checkpoint.byteOffset > 0 ? await directiveBefore(input.path, checkpoint.byteOffset, format) : '';
  const inflight: Array<{ result: Promise<ChunkResult>; endOffset: number; endLine: number }> = [];
  const maxInflight = Math.max(2, pool.size * 3);
  let seq = 0;
  let lastLine = checkpoint.line;
  let reportedLine = checkpoint.line;

  const settle = async (): Promise<void> => {
    const oldest = inflight.shift()!;
    const r = await oldest.result;
    count(file, stats, r);
    committer.add(r, { sourceId: source.sourceId, byteOffset: oldest.endOffset, line: oldest.endLine });
    lastLine = oldest.endLine;
    await committer.maybeCommit();
    options.onProgress?.({ file: input.name, bytesDone: oldest.endOffset, bytesTotal: input.size, lines: stats.lines });
  };
  const dispatch = async (chunk: ReturnType<LineChunker['end']>): Promise<void> => {
    if (!chunk) return;
    if (!sample?.length) sample = firstLines(chunk.data);
    if (!format) {
      format = detectFormat(firstLines(chunk.data));
      if (!format) throw new VigieError('VIGIE_ERR_LOG_FORMAT', unknownFormatMessage(input.name));
    }
    const task = { seq: seq++, sourceId: source.sourceId, file: input.name, firstLine: chunk.firstLine, data: chunk.data, directive };
    if (format === 'w3c' || format === 'cloudfront') directive = lastDirective(chunk.data) || directive;
    const result = pool.run(task, format);
    // Awaited in order by settle(); until then a failure must not count as unhandled.
    result.catch(() => undefined);
    inflight.push({ result, endOffset: chunk.endOffset, endLine: chunk.firstLine + chunk.lineCount - 1 });
    while (inflight.length >= maxInflight) await settle();
  };

  let end: FollowEnd = 'eof';
  let bytes: AsyncGenerator<Buffer, FollowEnd> | undefined;
  try {
    bytes = readBytes(input, checkpoint.byteOffset, {
      follow: options.follow && plain,
      pollMs: options.pollMs ?? 250,
      idleTimeoutMs: options.idleTimeoutSecs * 1000,
      ...(options.idle ? { idle: options.idle } : {}),
      signal: options.signal,
      onIdle: async () => {
        await dispatch(chunker.flushComplete());
        while (inflight.length > 0) await settle();
        await committer.commit();
        if (lastLine > reportedLine) options.onCaughtUp?.(input.name, (reportedLine = lastLine));
      },
    }, fh);
    for (;;) {
      const next = await bytes.next();
      if (next.done) {
        end = next.value;
        break;
      }
      for (const chunk of chunker.push(next.value)) await dispatch(chunk);
    }
    // A final line without newline counts at the end of a file, not while following it.
    await dispatch(end === 'eof' ? chunker.end() : chunker.flushComplete());
    while (inflight.length > 0) await settle();
    await committer.commit();
  } catch (err) {
    await Promise.allSettled(inflight.map((f) => f.result));
    if (!(err instanceof VigieError) || err.code === 'VIGIE_ERR_STORE') throw err;
    file.error = err.message;
  } finally {
    await bytes?.return('stopped');
  }
  file.format = format ?? 'unknown';
  file.error ??= formatMismatch(file, options.format, sample);
  return { end, file };
}

async function identify(input: InputFile, head: Buffer | undefined): Promise<SourceIdentity> {
  const first = head?.subarray(0, HEAD_BYTES) ?? Buffer.alloc(0);
  return { path: input.path, dev: input.dev, ino: input.ino, headHash: hashHead(first), headBytes: first.length };
}

function count(file: FileStats, stats: IngestStats, r: ChunkResult): void {
  file.lines += r.lines;
  file.parsed += r.parsed;
  file.malformed += r.malformed;
  file.skipped += r.skipped;
  file.flagged += r.flagged;
  stats.lines += r.lines;
  stats.parsed += r.parsed;
  stats.malformed += r.malformed;
  stats.skipped += r.skipped;
  stats.flagged += r.flagged;
  for (const s of r.malformedSamples) {
    if (stats.malformed_samples.length >= MAX_MALFORMED_SAMPLES) break;
    stats.malformed_samples.push(s);
  }
}

