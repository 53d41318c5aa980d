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
  let unreadable = false;
  await repo.storeFile(part.name, part.fingerprint, async (write) => {
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
        const bom = chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf;
        summary.encoding = bom || isUtf8(chunk) ? 'utf-8' : 'latin-1';
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
  if (unreadable || summary.layout === null) {
    return { ...summary, status: 'unreadable', rows: 0, itemised: 0, rollups: 0, errors: [`${part.name}:1: not an Elections Canada contribution file (27-column, 26-column or 2004–2013 layout)`] };
  }
  return summary;
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
