import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { createGunzip } from 'node:zlib';
import { VigieError, emptyEvent, type WebEvent } from '../../core/index.js';
import { requestToEvent, type RequestObject } from '../detect/scan-request.js';
import { DETECT_SAMPLE_LINES } from '../formats/detect-format.js';
import { createParser, detectFormat } from '../formats/index.js';
import { SKIP, type LogFormat } from '../formats/types.js';
import { expandInputs, type InputFile } from '../ingest/inputs.js';
import type { LearnItem } from './learn.js';

/** Counts of what was read, for the summary: nothing is dropped silently. */
export interface ReadStats {
  lines: number;
  malformed: number;
  skipped: number;
  /** The first malformed lines, with `file`, `line` and why. */
  malformed_samples: Array<{ file: string; line: number; reason: string }>;
}

const MAX_SAMPLES = 10;
const MAX_LINE_CHARS = 65_536;

export function newReadStats(): ReadStats {
  return { lines: 0, malformed: 0, skipped: 0, malformed_samples: [] };
}

/**
 * Requests in the corpora's JSON-lines shape (`method`, `uri`, optional `headers`, `body`),
 * as learning items. A line that is not such an object is counted as malformed.
 */
export async function* readRequestItems(file: string, stats: ReadStats): AsyncGenerator<LearnItem> {
  const [input] = await expandInputs([file]);
  let lineNo = 0;
  for await (const line of lines(input!)) {
    lineNo++;
    stats.lines++;
    if (line.trim() === '') {
      stats.skipped++;
      continue;
    }
    const reason = line.length > MAX_LINE_CHARS ? 'line over 64 KiB' : '';
    let parsed: unknown = null;
    try {
      if (reason === '') parsed = JSON.parse(line);
    } catch {
      parsed = null;
    }
    const request = parsed as RequestObject | null;
    if (reason !== '' || request === null || typeof request !== 'object' || typeof request.method !== 'string' || typeof request.uri !== 'string') {
      malformed(stats, input!.name, lineNo, reason || 'not a JSON request object with method and uri');
      continue;
    }
    yield { event: requestToEvent(request), source: { file: input!.name, line: lineNo } };
  }
}

/**
 * Requests of access logs in any format vigie reads (`auto`: decided per file from its first
 * lines), plain or gzip. Standard input cannot be read twice, so it is refused.
 */
export async function* readLogItems(files: readonly string[], format: LogFormat | 'auto', stats: ReadStats): AsyncGenerator<LearnItem> {
  if (files.includes('-')) throw new VigieError('VIGIE_ERR_USAGE', 'web learn: reads its logs twice (to set aside flagged clients first), so it cannot read standard input; name the files');
  for (const input of await expandInputs(files)) yield* readLogFile(input, format, stats);
}

async function* readLogFile(input: InputFile, format: LogFormat | 'auto', stats: ReadStats): AsyncGenerator<LearnItem> {
  const iterator = lines(input)[Symbol.asyncIterator]();
  const head: string[] = [];
  while (head.filter((l) => l.trim() !== '').length < DETECT_SAMPLE_LINES) {
    const next = await iterator.next();
    if (next.done) break;
    head.push(next.value);
  }
  const chosen = format === 'auto' ? detectFormat(head) : format;
  if (chosen === undefined) {
    if (head.every((l) => l.trim() === '')) return;
    throw new VigieError('VIGIE_ERR_LOG_FORMAT', `${input.name}: log format not recognised; name it with --format`);
  }
  const parser = createParser(chosen);
  let lineNo = 0;
  const rest = { [Symbol.asyncIterator]: () => iterator };
  for (const source of [head, rest]) {
    for await (const line of source as AsyncIterable<string>) {
      lineNo++;
      stats.lines++;
      const event = parseLine(parser, line, input.name, lineNo, stats);
      if (event !== null) yield { event, source: { file: input.name, line: lineNo } };
    }
  }
}

function parseLine(parser: ReturnType<typeof createParser>, line: string, file: string, lineNo: number, stats: ReadStats): WebEvent | null {
  if (line.trim() === '') {
    stats.skipped++;
    return null;
  }
  if (line.length > MAX_LINE_CHARS) {
    malformed(stats, file, lineNo, 'line over 64 KiB');
    return null;
  }
  const event = emptyEvent();
  const reason = parser.parse(line, event);
  if (reason === SKIP) {
    stats.skipped++;
    return null;
  }
  if (reason !== '') {
    malformed(stats, file, lineNo, reason);
    return null;
  }
  return event;
}

function lines(input: InputFile): AsyncIterable<string> {
  const raw = input.path === '-' ? process.stdin : createReadStream(input.path);
  const stream = input.gzip ? raw.pipe(createGunzip()) : raw;
  return createInterface({ input: stream, crlfDelay: Infinity });
}

function malformed(stats: ReadStats, file: string, line: number, reason: string): void {
  stats.malformed++;
  if (stats.malformed_samples.length < MAX_SAMPLES) stats.malformed_samples.push({ file, line, reason });
}
