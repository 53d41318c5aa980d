/** One line a parser could not use: its 1-based number and why. */
export interface MalformedLine {
  line: number;
  reason: string;
}

/** How many malformed lines are kept with their number and reason (the count covers them all). */
const KEPT = 10;

/**
 * Counts the lines of one input file that a parser skipped, keeping the first few with their
 * line number and reason, so `geo update` can say `vpn-x.txt:3: not an address block` and how
 * many more there were, while the rest of the file is used.
 *
 * @example
 * const bad = new MalformedLines('vpn-x.txt');
 * bad.add(3, "not an address block: 'hello'");
 * bad.describe() // "1 malformed line skipped (vpn-x.txt:3: not an address block: 'hello')"
 */
export class MalformedLines {
  readonly file: string;
  count = 0;
  readonly samples: MalformedLine[] = [];

  constructor(file: string) {
    this.file = file;
  }

  add(line: number, reason: string): void {
    this.count++;
    if (this.samples.length < KEPT) this.samples.push({ line, reason });
  }

  /** The first malformed line as `file:line: reason`, or '' when there is none. */
  first(): string {
    const s = this.samples[0];
    return s ? `${this.file}:${s.line}: ${s.reason}` : '';
  }

  /** One phrase for a warning line, naming the first malformed lines as file:line. */
  describe(shown = 3): string {
    const first = this.samples.slice(0, shown).map((s) => `${this.file}:${s.line}: ${s.reason}`).join('; ');
    const more = this.count > shown ? `; ${this.count - shown} more` : '';
    return `${this.count} malformed line${this.count === 1 ? '' : 's'} skipped (${first}${more})`;
  }
}

/** The text of a line as an error message quotes it: trimmed and cut to 60 characters. */
export function quoted(line: string): string {
  return `'${line.trim().slice(0, 60)}'`;
}
