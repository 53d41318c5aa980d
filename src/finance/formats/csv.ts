/**
 * A streaming CSV splitter: text chunks in, records out, each with the physical line it
 * starts on. Quoted fields may hold commas, doubled quotes and line breaks; CRLF and LF both
 * end a record. Lines without a quote (nearly all of them) take a fast path.
 */
export interface CsvRecord {
  fields: string[];
  /** 1-based physical line where the record starts. */
  line: number;
}

export class CsvSplitter {
  #rest = '';
  #pending = '';
  #pendingLine = 0;
  #line = 0;
  readonly #delimiter: string;

  constructor(delimiter = ',') {
    this.#delimiter = delimiter;
  }

  /** Feed text; `emit` gets each complete record. */
  push(chunk: string, emit: (r: CsvRecord) => void): void {
    const text = this.#rest + chunk;
    let start = 0;
    for (;;) {
      const nl = text.indexOf('\n', start);
      if (nl < 0) break;
      const end = nl > start && text.charCodeAt(nl - 1) === 13 ? nl - 1 : nl;
      this.#line++;
      this.#take(text.slice(start, end), emit);
      start = nl + 1;
    }
    this.#rest = text.slice(start);
  }

  /** End of input: the last line without a newline, and an unterminated quote. */
  end(emit: (r: CsvRecord) => void): void {
    if (this.#rest !== '') {
      this.#line++;
      this.#take(this.#rest.endsWith('\r') ? this.#rest.slice(0, -1) : this.#rest, emit);
      this.#rest = '';
    }
    if (this.#pending !== '') {
      emit({ fields: parseQuotedLine(this.#pending, this.#delimiter), line: this.#pendingLine });
      this.#pending = '';
    }
  }

  #take(line: string, emit: (r: CsvRecord) => void): void {
    if (this.#pending !== '') {
      this.#pending += '\n' + line;
      if (quotesBalanced(this.#pending)) {
        emit({ fields: parseQuotedLine(this.#pending, this.#delimiter), line: this.#pendingLine });
        this.#pending = '';
      }
      return;
    }
    if (line.indexOf('"') < 0) {
      emit({ fields: line.split(this.#delimiter), line: this.#line });
      return;
    }
    if (!quotesBalanced(line)) {
      this.#pending = line;
      this.#pendingLine = this.#line;
      return;
    }
    emit({ fields: parseQuotedLine(line, this.#delimiter), line: this.#line });
  }
}

function quotesBalanced(s: string): boolean {
  let n = 0;
  for (let i = s.indexOf('"'); i >= 0; i = s.indexOf('"', i + 1)) n++;
  return n % 2 === 0;
}

/** One record that holds quotes (RFC 4180, lenient: a stray quote inside a field is kept). */
export function parseQuotedLine(s: string, delimiter = ','): string[] {
  const out: string[] = [];
  let i = 0;
  const n = s.length;
  for (;;) {
    if (s[i] === '"') {
      let v = '';
      i++;
      for (;;) {
        const q = s.indexOf('"', i);
        if (q < 0) { v += s.slice(i); i = n; break; }
        v += s.slice(i, q);
        if (s[q + 1] === '"') { v += '"'; i = q + 2; continue; }
        i = q + 1;
        break;
      }
      const d = s.indexOf(delimiter, i);
      if (d < 0) { out.push(v + s.slice(i)); return out; }
      out.push(v + s.slice(i, d));
      i = d + 1;
    } else {
      const d = s.indexOf(delimiter, i);
      if (d < 0) { out.push(s.slice(i)); return out; }
      out.push(s.slice(i, d));
      i = d + 1;
    }
  }
}

/** The delimiter of a header or first line: the most frequent of `,` `;` and tab outside quotes. */
export function sniffDelimiter(line: string): string {
  const bare = line.replace(/"[^"]*"/g, '');
  const counts = [',', ';', '\t'].map((d) => [d, bare.split(d).length - 1] as const);
  counts.sort((a, b) => b[1] - a[1]);
  return counts[0]![1] > 0 ? counts[0]![0] : ',';
}
