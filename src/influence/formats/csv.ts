import { fileLineBatches } from './lines.js';

/** A CSV record with the line it starts on (1-based, header included in the count). */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** A quote left open at the end of the file. */
  unterminated?: boolean;
}

/**
 * RFC 4180 records of a CSV file, streamed a chunk at a time: quoted fields may hold commas,
 * doubled quotes and line breaks. A record that never closes its quote is yielded once,
 * flagged, at the end.
 */
export async function* csvRecordBatches(file: string): AsyncGenerator<CsvRecord[]> {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let start = 0;
  for await (const { first, texts } of fileLineBatches(file)) {
    const out: CsvRecord[] = [];
    for (let k = 0; k < texts.length; k++) {
      const line = first + k;
      const text = texts[k]!;
      if (!quoted) {
        start = line; fields = []; field = '';
        // The common case, no quotes at all: one split.
        if (!text.includes('"')) {
          if (text === '') continue;
          out.push({ line, fields: text.split(',') });
          continue;
        }
      } else field += '\n';
      let i = 0;
      while (i <= text.length) {
        if (quoted) {
          const q = text.indexOf('"', i);
          if (q < 0) { field += text.slice(i); i = text.length + 1; break; }
          field += text.slice(i, q);
          if (text.charCodeAt(q + 1) === 34) { field += '"'; i = q + 2; } else { quoted = false; i = q + 1; }
        } else if (field === '' && text.charCodeAt(i) === 34) {
          quoted = true; i++;
        } else {
          const c = text.indexOf(',', i);
          const q = text.indexOf('"', i);
          if (q >= 0 && (c < 0 || q < c)) { field += text.slice(i, q + 1); i = q + 1; continue; }
          if (c < 0) { field += text.slice(i); fields.push(field); field = ''; i = text.length + 1; break; }
          field += text.slice(i, c); fields.push(field); field = ''; i = c + 1;
          if (i === text.length) { fields.push(''); i = text.length + 1; break; }
        }
      }
      if (quoted) continue;
      if (fields.length === 1 && fields[0] === '') continue;
      out.push({ line: start, fields });
    }
    if (out.length > 0) yield out;
  }
  if (quoted) { fields.push(field); yield [{ line: start, fields, unterminated: true }]; }
}

/** The records of a CSV file one at a time (see {@link csvRecordBatches}). */
export async function* csvRecords(file: string): AsyncGenerator<CsvRecord> {
  for await (const batch of csvRecordBatches(file)) yield* batch;
}
