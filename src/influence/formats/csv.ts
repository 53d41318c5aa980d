import { fileLines } from './lines.js';

/** A CSV record with the line it starts on (1-based, header included in the count). */
export interface CsvRecord {
  line: number;
  fields: string[];
  /** A quote left open at the end of the file. */
  unterminated?: boolean;
}

/**
 * RFC 4180 records of a CSV file, streamed: quoted fields may hold commas, doubled quotes and
 * line breaks. A record that never closes its quote is yielded once, flagged, at the end.
 */
export async function* csvRecords(file: string): AsyncGenerator<CsvRecord> {
  let fields: string[] = [];
  let field = '';
  let quoted = false;
  let start = 0;
  for await (const { line, text } of fileLines(file)) {
    if (!quoted) { start = line; fields = []; field = ''; } else field += '\n';
    for (let i = 0; i < text.length; i++) {
      const c = text[i]!;
      if (quoted) {
        if (c === '"') {
          if (text[i + 1] === '"') { field += '"'; i++; } else quoted = false;
        } else field += c;
      } else if (c === '"' && field === '') quoted = true;
      else if (c === ',') { fields.push(field); field = ''; } else field += c;
    }
    if (quoted) continue;
    fields.push(field);
    if (fields.length === 1 && fields[0] === '') continue;
    yield { line: start, fields };
  }
  if (quoted) { fields.push(field); yield { line: start, fields, unterminated: true }; }
}
