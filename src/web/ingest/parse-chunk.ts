import { isUtf8 } from 'node:buffer';
import { clientFromForwardedFor, emptyEvent, escapeControls, UNSAFE_TEXT, type EventSource, type Finding, type RequestDetector } from '../../core/index.js';
import { encodeFinding, type RowEncoder } from '../../store/index.js';
import { SKIP, type LineParser } from '../formats/types.js';
import { MAX_LINE_BYTES } from './chunker.js';
import { scanControlBytes } from './control-bytes.js';

/** A chunk of whole lines to parse, as sent to a worker. */
export interface ChunkTask {
  seq: number;
  sourceId: number;
  /** The file as the user named it, for evidence and messages. */
  file: string;
  firstLine: number;
  data: Uint8Array;
  /** The `#Fields:` directive in effect at the chunk's start (W3C, CloudFront), or ''. */
  directive: string;
}

export interface MalformedSample {
  file: string;
  line: number;
  reason: string;
}

/** What parsing a chunk produced: rows for the store and counts for the summary. */
export interface ChunkResult {
  seq: number;
  sourceId: number;
  lines: number;
  parsed: number;
  malformed: number;
  skipped: number;
  flagged: number;
  malformedSamples: MalformedSample[];
  events: Uint8Array;
  eventCount: number;
  findings: Uint8Array;
  findingCount: number;
  strings: Uint8Array;
  stringCount: number;
}

export interface ChunkContext {
  /** This thread's row encoder (and string dictionary). */
  encoder: RowEncoder;
  parser: LineParser;
  detectors: readonly RequestDetector[];
  /** Proxies in front of the site whose X-Forwarded-For entries are trusted; 0 = ignore XFF. */
  trustProxyHops: number;
}

/** Samples of malformed lines kept per chunk (the run keeps the first 100 overall). */
export const MAX_MALFORMED_SAMPLES = 100;

const ENCODER = new TextEncoder();
const EMPTY = new Uint8Array(0);

// Control characters other than tab mark a binary or corrupted line.
// eslint-disable-next-line no-control-regex
const BINARY = /[\u0000-\u0008\u000b-\u001f\u007f]/;

/**
 * Parse, check and detect one chunk. Runs in a worker thread (or inline with `--workers 0`).
 * A bad line never stops the chunk: it is counted with its file:line and reason.
 */
export function parseChunk(task: ChunkTask, ctx: ChunkContext): ChunkResult {
  const result: ChunkResult = {
    seq: task.seq, sourceId: task.sourceId, lines: 0, parsed: 0, malformed: 0, skipped: 0, flagged: 0,
    malformedSamples: [], events: EMPTY, eventCount: 0, findings: EMPTY, findingCount: 0, strings: EMPTY, stringCount: 0,
  };
  if (task.directive !== '') ctx.parser.parse(task.directive, emptyEvent());
  const data = Buffer.from(task.data.buffer, task.data.byteOffset, task.data.byteLength);
  const valid = isUtf8(data);
  const lines = valid ? splitText(data.toString('utf8')) : splitBytes(data);
  // One scan of the whole chunk; lines are checked one by one only where it finds something.
  const scan = scanControlBytes(data);
  const maybeBinary = scan.control;
  const rows: string[] = [];
  const findingRows: string[] = [];
  const found: Finding[] = [];
  const source: EventSource = { file: task.file, line: 0 };
  const event = emptyEvent();
  let lineNo = task.firstLine - 1;
  for (const line of lines) {
    lineNo++;
    result.lines++;
    const bad = typeof line === 'string' ? checkLine(line, maybeBinary) : 'invalid UTF-8';
    if (bad !== '') {
      malformed(result, task.file, lineNo, bad);
      continue;
    }
    const text = line as string;
    if (text === '') {
      result.skipped++;
      continue;
    }
    const reason = ctx.parser.parse(text, event);
    if (reason === SKIP) {
      result.skipped++;
      continue;
    }
    if (reason !== '') {
      malformed(result, task.file, lineNo, reason);
      continue;
    }
    if (ctx.trustProxyHops > 0 && event.forwardedFor !== '') {
      event.ip = clientFromForwardedFor(event.forwardedFor, ctx.trustProxyHops) || event.ip;
    }
    result.parsed++;
    source.line = lineNo;
    found.length = 0;
    for (const detector of ctx.detectors) detector.inspect(event, source, found);
    const flagged = found.length > 0;
    if (flagged) {
      result.flagged++;
      for (const f of found) findingRows.push(encodeFinding(f, source, text));
    }
    // Fields are cleaned only on lines that need it (a tab, a C1 or bidirectional character):
    // one scan of the chunk above tells which chunks can hold such lines at all.
    const clean = (scan.tab && text.includes('\t')) || (scan.unicodeControl && UNSAFE_TEXT.test(text));
    rows.push(ctx.encoder.encodeEvent(event, lineNo, flagged, clean));
  }
  result.eventCount = rows.length;
  // TextEncoder gives each batch its own ArrayBuffer (Buffer.from may share a pool slab),
  // so the worker can transfer it to the main thread without a copy.
  result.events = ENCODER.encode(rows.join(''));
  result.findingCount = findingRows.length;
  result.findings = ENCODER.encode(findingRows.join(''));
  const strings = ctx.encoder.takeStrings();
  result.stringCount = strings.count;
  result.strings = ENCODER.encode(strings.rows);
  return result;
}

function checkLine(line: string, maybeBinary: boolean): string {
  // A UTF-8 character is at most 3 bytes per UTF-16 unit, so short strings need no byte count.
  if (line.length * 3 > MAX_LINE_BYTES && Buffer.byteLength(line) > MAX_LINE_BYTES) {
    return `line over 64 KiB (${Buffer.byteLength(line)} bytes)`;
  }
  if (maybeBinary && BINARY.test(line)) return 'binary data (control characters)';
  return '';
}

function malformed(result: ChunkResult, file: string, line: number, reason: string): void {
  result.malformed++;
  // Reasons quote the text that was wrong: shown in terminals and pages, it is escaped like stored text.
  if (result.malformedSamples.length < MAX_MALFORMED_SAMPLES) result.malformedSamples.push({ file, line, reason: escapeControls(reason) });
}

/** Lines of a valid UTF-8 chunk, without `\n` or `\r\n`. */
function splitText(text: string): string[] {
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  for (let i = 0; i < lines.length; i++) {
    const l = lines[i]!;
    if (l.charCodeAt(l.length - 1) === 13) lines[i] = l.slice(0, -1);
  }
  return lines;
}

/** Lines of a chunk holding invalid UTF-8 somewhere: each line is checked on its own. */
function splitBytes(data: Buffer): Array<string | null> {
  const out: Array<string | null> = [];
  let start = 0;
  while (start < data.length) {
    let end = data.indexOf(10, start);
    if (end < 0) end = data.length;
    let stop = end;
    if (stop > start && data[stop - 1] === 13) stop--;
    const bytes = data.subarray(start, stop);
    out.push(isUtf8(bytes) ? bytes.toString('utf8') : null);
    start = end + 1;
  }
  return out;
}
