/** Longest line accepted, in bytes; longer lines are counted malformed (and cut to this + 1). */
export const MAX_LINE_BYTES = 64 * 1024;

/** A run of whole lines from one source, with where it sits in the source. */
export interface LineChunk {
  data: Buffer;
  /** 1-based number of the chunk's first line. */
  firstLine: number;
  /** Number of lines in `data` (a final line without newline counts). */
  lineCount: number;
  /** Byte offset in the (decompressed) source just after the chunk. */
  endOffset: number;
}

/**
 * Cuts a byte stream into chunks of whole lines (~`targetBytes` each), counting lines and
 * offsets so that every line keeps its file:line and a checkpoint can point just after a chunk.
 * A line longer than MAX_LINE_BYTES is cut to MAX_LINE_BYTES + 1 bytes (the parser then counts
 * it as overlong) and the rest of it is skipped, so one endless line cannot exhaust memory.
 *
 * @example
 * const c = new LineChunker(1, 0, 1 << 20);
 * for (const chunk of c.push(buffer)) handle(chunk);
 * const last = c.end(); // the final line without a newline, if any
 */
export class LineChunker {
  /** Whole lines waiting to be handed out, and bytes of cut lines' skipped tails among them. */
  #complete: Buffer[] = [];
  #completeBytes = 0;
  #completeSkipped = 0;
  /** The line still being received (no newline yet). */
  #partial: Buffer[] = [];
  #partialBytes = 0;
  #partialSkipped = 0;
  /** True while dropping the tail of an overlong line until its newline. */
  #skipping = false;
  #nextLine: number;
  #offset: number;
  #targetBytes: number;

  constructor(firstLine: number, startOffset: number, targetBytes: number) {
    this.#nextLine = firstLine;
    this.#offset = startOffset;
    this.#targetBytes = targetBytes;
  }

  /** Feed bytes; returns the chunks that became complete (about `targetBytes` each). */
  push(bytes: Buffer): LineChunk[] {
    let body = bytes;
    if (this.#skipping) {
      const nl = body.indexOf(10);
      if (nl < 0) {
        this.#partialSkipped += body.length;
        return [];
      }
      this.#partialSkipped += nl;
      this.#skipping = false;
      body = body.subarray(nl); // its newline ends the cut line
    }
    const lastNl = body.lastIndexOf(10);
    if (lastNl < 0) {
      this.#addPartial(body);
      return [];
    }
    this.#complete.push(...this.#partial, body.subarray(0, lastNl + 1));
    this.#completeBytes += this.#partialBytes + lastNl + 1;
    this.#completeSkipped += this.#partialSkipped;
    this.#partial = [];
    this.#partialBytes = 0;
    this.#partialSkipped = 0;
    this.#addPartial(body.subarray(lastNl + 1));
    return this.#completeBytes >= this.#targetBytes ? [this.#take(false)] : [];
  }

  /** Whole lines received so far, even under the target size (idle flush while following). */
  flushComplete(): LineChunk | undefined {
    return this.#completeBytes > 0 ? this.#take(false) : undefined;
  }

  /** End of input: everything left, including a last line without newline. */
  end(): LineChunk | undefined {
    if (this.#completeBytes === 0 && this.#partialBytes === 0 && this.#partialSkipped === 0) return undefined;
    return this.#take(true);
  }

  #addPartial(part: Buffer): void {
    if (part.length === 0) return;
    const room = MAX_LINE_BYTES + 1 - this.#partialBytes;
    if (part.length > room) {
      // Keep MAX_LINE_BYTES + 1 bytes (so the line is reported as overlong), drop the rest.
      if (room > 0) this.#partial.push(Buffer.from(part.subarray(0, room)));
      this.#partialBytes += Math.max(room, 0);
      this.#partialSkipped += part.length - Math.max(room, 0);
      this.#skipping = true;
      return;
    }
    // Copy: the caller may reuse its read buffer, and a partial line outlives the read.
    this.#partial.push(Buffer.from(part));
    this.#partialBytes += part.length;
  }

  #take(withPartial: boolean): LineChunk {
    const parts = withPartial ? [...this.#complete, ...this.#partial] : this.#complete;
    const data = parts.length === 1 ? parts[0]! : Buffer.concat(parts);
    const skipped = this.#completeSkipped + (withPartial ? this.#partialSkipped : 0);
    let lines = 0;
    for (let i = data.indexOf(10); i >= 0; i = data.indexOf(10, i + 1)) lines++;
    if (data.length > 0 && data[data.length - 1] !== 10) lines++;
    const chunk: LineChunk = { data, firstLine: this.#nextLine, lineCount: lines, endOffset: this.#offset + data.length + skipped };
    this.#nextLine += lines;
    this.#offset = chunk.endOffset;
    this.#complete = [];
    this.#completeBytes = 0;
    this.#completeSkipped = 0;
    if (withPartial) {
      this.#partial = [];
      this.#partialBytes = 0;
      this.#partialSkipped = 0;
      this.#skipping = false;
    }
    return chunk;
  }
}
