import type { Readable } from 'node:stream';
import { VigieError } from '../core/index.js';
import type { SqlDatabase } from '../core/module/index.js';
import { CsvSplitter, sniffDelimiter, type CsvRecord } from './formats/csv.js';
import { detectLayout, mapRecord, type Layout } from './formats/layouts.js';
import { inputParts, type InputPart } from './formats/open-input.js';
import type { Contribution } from './model.js';
import { FinanceRepository } from './repository.js';

/** One file's outcome in `finance import --json`. */
export interface FileSummary {
  file: string;
  layout: Layout | null;
  encoding: 'utf-8' | 'latin-1' | null;
  status: 'imported' | 'already_imported' | 'unreadable';
  rows: number;
  itemised: number;
  rollups: number;
  malformed: number;
  /** The first malformed rows, as `file:line: reason` (all are counted). */
  errors: string[];
}

export interface ImportSummary {
  files: FileSummary[];
  rows: number;
  itemised: number;
  rollups: number;
  malformed: number;
  seconds: number;
}

export interface ImportOptions {
  files: readonly string[];
  database: SqlDatabase;
  onProgress?: (file: string, bytesDone: number, bytesTotal: number, rows: number) => void;
  signal?: AbortSignal;
  batchRows?: number;
  /**
   * Read every file with vigie's streaming reader, never DuckDB's CSV reader (which takes plain
   * and .gz files otherwise): for comparing the two.
   */
  streaming?: boolean;
}

/** How many malformed rows a file's summary lists by line (all are counted). */
const ERRORS_LISTED = 20;

/**
 * Import contribution files: each path (plain, .gz, .zip) is streamed, its layout detected,
 * rows mapped and stored in batches; malformed rows are counted with `file:line` and a reason,
 * the rest stored; a file whose content is already stored is skipped (nothing twice).
 */
export async function importFiles(options: ImportOptions): Promise<ImportSummary> {
  const started = Date.now();
  const repo = new FinanceRepository(options.database);
  const files: FileSummary[] = [];
  for (const path of options.files) {
    for (const part of await inputParts(path)) {
      if (options.signal?.aborted) break;
      files.push(await importPart(part, repo, options));
    }
  }
  const sum = (k: 'rows' | 'itemised' | 'rollups' | 'malformed') => files.reduce((n, f) => n + f[k], 0);
  return { files, rows: sum('rows'), itemised: sum('itemised'), rollups: sum('rollups'), malformed: sum('malformed'), seconds: (Date.now() - started) / 1000 };
}

async function importPart(part: InputPart, repo: FinanceRepository, options: ImportOptions): Promise<FileSummary> {
  const summary: FileSummary = { file: part.name, layout: null, encoding: null, status: 'imported', rows: 0, itemised: 0, rollups: 0, malformed: 0, errors: [] };
  const existing = await repo.fileByFingerprint(part.fingerprint);
  if (existing) {
    return { ...summary, layout: existing.layout as Layout, status: 'already_imported', rows: existing.rows, itemised: existing.rows - existing.rollups, rollups: existing.rollups, malformed: existing.malformed };
  }
  const batchRows = options.batchRows ?? 50_000;
  const sniffed = part.disk && !options.streaming ? await sniff(part) : null;
  let bulkErrors: Array<{ row: number; reason: string }> = [];
  let unreadable = false;
  await repo.storeFile(part.name, part.fingerprint, async (write, _fileId, bulk) => {
    if (sniffed && part.disk && !options.signal?.aborted) {
      options.onProgress?.(part.name, 0, part.bytesTotal, 0);
      const loaded = await bulk({ ...part.disk, ...sniffed }, ERRORS_LISTED);
      if (loaded) {
        Object.assign(summary, { layout: sniffed.layout, encoding: sniffed.encoding, rows: loaded.rows, rollups: loaded.rollups, itemised: loaded.rows - loaded.rollups, malformed: loaded.malformed });
        bulkErrors = loaded.errors;
        options.onProgress?.(part.name, part.bytesTotal, part.bytesTotal, summary.rows);
        return { layout: sniffed.layout, rows: loaded.rows, rollups: loaded.rollups, malformed: loaded.malformed };
      }
    }
    let batch: Contribution[] = [];
    let layout: Layout | null = null;
    let header = false;
    let dataRow = 0;
    let splitter: CsvSplitter | null = null;
    const onRecord = (r: CsvRecord) => {
      if (r.fields.length === 1 && r.fields[0]!.trim() === '') return;
      if (layout === null) {
        const guess = detectLayout(r.fields);
        if (!guess) { unreadable = true; return; }
        layout = guess.layout;
        header = guess.header;
        summary.layout = layout;
        if (header) return;
      }
      dataRow++;
      const c = mapRecord(layout, r.fields, part.name, dataRow);
      if ('reason' in c) {
        summary.malformed++;
        if (summary.errors.length < ERRORS_LISTED) summary.errors.push(`${part.name}:${r.line}: ${c.reason}`);
        return;
      }
      summary.rows++;
      if (c.rollup) summary.rollups++; else summary.itemised++;
      batch.push(c);
    };
    const stream: Readable = part.open();
    let decoder: InstanceType<typeof TextDecoder> | null = null;
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (unreadable || options.signal?.aborted) { stream.destroy(); break; }
      if (!decoder) {
        summary.encoding = encodingOf(chunk);
        decoder = new TextDecoder(summary.encoding === 'utf-8' ? 'utf-8' : 'latin1');
      }
      const text = decoder.decode(chunk, { stream: true });
      if (!splitter) splitter = new CsvSplitter(sniffDelimiter(firstLine(text)));
      splitter.push(text, onRecord);
      if (batch.length >= batchRows) { const b = batch; batch = []; await write(b); }
      options.onProgress?.(part.name, part.bytesRead(), part.bytesTotal, summary.rows);
    }
    if (splitter && decoder && !unreadable) splitter.push(decoder.decode(), onRecord);
    if (splitter && !unreadable) splitter.end(onRecord);
    if (unreadable || layout === null) { unreadable = true; throw new VigieError('VIGIE_ERR_LOG_FORMAT', `${part.name}: not a contribution file`); }
    await write(batch);
    return { layout: layout ?? 'unknown', rows: summary.rows, rollups: summary.rollups, malformed: summary.malformed };
  }).catch((err) => {
    if (!unreadable) throw err;
  });
  if (bulkErrors.length > 0) summary.errors = await citeLines(part, bulkErrors);
  if (unreadable || summary.layout === null) {
    return { ...summary, status: 'unreadable', rows: 0, itemised: 0, rollups: 0, errors: [`${part.name}:1: not an Elections Canada contribution file (27-column, 26-column or 2004–2013 layout)`] };
  }
  return summary;
}

/** The encoding of a file, from its first chunk: UTF-8 (BOM or valid), else Latin-1. */
function encodingOf(chunk: Buffer): 'utf-8' | 'latin-1' {
  const bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
  return bom || isUtf8(chunk) ? 'utf-8' : 'latin-1';
}

/**
 * What the streaming reader would decide from a file's start: encoding (first chunk),
 * delimiter (first line), layout and header (first non-blank record). Null when the start
 * says nothing (not a contribution file: the streaming reader reports it).
 */
async function sniff(part: InputPart): Promise<{ encoding: 'utf-8' | 'latin-1'; delimiter: string; layout: Layout; header: boolean } | null> {
  const stream: Readable = part.open();
  let encoding: 'utf-8' | 'latin-1' | null = null;
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let splitter: CsvSplitter | null = null;
  let delimiter = ',';
  let first: string[] | null = null;
  let text = 0;
  const on = (r: CsvRecord) => {
    if (first === null && !(r.fields.length === 1 && r.fields[0]!.trim() === '')) first = r.fields;
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (!decoder) {
        encoding = encodingOf(chunk);
        decoder = new TextDecoder(encoding === 'utf-8' ? 'utf-8' : 'latin1');
      }
      const t = decoder.decode(chunk, { stream: true });
      if (!splitter) splitter = new CsvSplitter((delimiter = sniffDelimiter(firstLine(t))));
      splitter.push(t, on);
      text += t.length;
      if (first !== null || text > 4 * 1024 * 1024) break;
    }
    if (first === null && splitter) splitter.end(on);
  } finally {
    stream.destroy();
  }
  if (first === null || encoding === null) return null;
  const guess = detectLayout(first);
  return guess ? { encoding, delimiter, layout: guess.layout, header: guess.header } : null;
}

/**
 * `file:line: reason` for malformed rows known by data-row number: the file is split again
 * (no mapping) up to the last of them, so a quoted line break still gives the physical line.
 */
async function citeLines(part: InputPart, errors: ReadonlyArray<{ row: number; reason: string }>): Promise<string[]> {
  const want = new Map(errors.map((e) => [e.row, e.reason]));
  const last = Math.max(...want.keys());
  const out: string[] = [];
  const stream: Readable = part.open();
  let decoder: InstanceType<typeof TextDecoder> | null = null;
  let splitter: CsvSplitter | null = null;
  let header: boolean | null = null;
  let row = 0;
  const on = (r: CsvRecord) => {
    if (r.fields.length === 1 && r.fields[0]!.trim() === '') return;
    if (header === null) { header = detectLayout(r.fields)?.header ?? false; if (header) return; }
    row++;
    const reason = want.get(row);
    if (reason !== undefined) out.push(`${part.name}:${r.line}: ${reason}`);
  };
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      if (!decoder) decoder = new TextDecoder(encodingOf(chunk) === 'utf-8' ? 'utf-8' : 'latin1');
      const t = decoder.decode(chunk, { stream: true });
      if (!splitter) splitter = new CsvSplitter(sniffDelimiter(firstLine(t)));
      splitter.push(t, on);
      if (row >= last) break;
    }
    if (row < last && splitter) splitter.end(on);
  } finally {
    stream.destroy();
  }
  return out;
}

/** Whether a chunk decodes as UTF-8 (a cut sequence at its end allowed). */
function isUtf8(chunk: Buffer): boolean {
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(chunk.subarray(0, Math.max(0, chunk.length - 4)));
    return true;
  } catch {
    return false;
  }
}

function firstLine(text: string): string {
  const nl = text.indexOf('\n');
  return nl < 0 ? text : text.slice(0, nl);
}
